package io.kasa.terminal.cli;

import java.util.Locale;

/** One line typed at the interactive terminal. Orders are numbered as in the last list shown, from 1. */
sealed interface TillCommand {

    String HINT = "Type a <n> to approve or d <n> to decline the n-th order, l to list, q to quit.";

    record Approve(int number) implements TillCommand {
    }

    record Decline(int number) implements TillCommand {
    }

    record List() implements TillCommand {
    }

    record Quit() implements TillCommand {
    }

    /** A blank line, {@code h} or {@code ?}. */
    record Help() implements TillCommand {
    }

    /** Not understood; {@code problem} says why, for the person typing. */
    record Invalid(String problem) implements TillCommand {
    }

    /**
     * Accepts {@code a 2}, {@code a2}, {@code approve 2}, {@code d 1}, {@code decline 1}, {@code l},
     * {@code list}, {@code q}, {@code quit}, in any case.
     */
    static TillCommand parse(String line) {
        String text = line.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("h") || text.equals("help") || text.equals("?")) {
            return new Help();
        }
        int digits = 0;
        while (digits < text.length() && !Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        String word = text.substring(0, digits).strip();
        String number = text.substring(digits).strip();
        return switch (word) {
            case "a", "approve" -> numbered(number, true);
            case "d", "decline" -> numbered(number, false);
            case "l", "list", "ls" -> number.isEmpty() ? new List() : new Invalid("l takes no number");
            case "q", "quit", "exit" -> number.isEmpty() ? new Quit() : new Invalid("q takes no number");
            default -> new Invalid("unknown command '" + line.strip() + "'");
        };
    }

    private static TillCommand numbered(String number, boolean approve) {
        if (number.isEmpty()) {
            return new Invalid("say which order, e.g. " + (approve ? "a 1" : "d 1"));
        }
        if (!number.matches("\\d{1,4}") || Integer.parseInt(number) == 0) {
            return new Invalid("orders are numbered 1, 2, ...: " + number);
        }
        int n = Integer.parseInt(number);
        return approve ? new Approve(n) : new Decline(n);
    }
}
