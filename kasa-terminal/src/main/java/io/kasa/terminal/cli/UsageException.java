package io.kasa.terminal.cli;

/** The command line cannot be understood; the message says why, in words for the user. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
