package io.kasa.client;

import java.util.Objects;
import java.util.UUID;

/**
 * Names a terminal in a request: by its id, written as {@code {"TerminalId": "…"}}, or by one
 * of its active tag codes, written as {@code {"TerminalTagCode": "…"}}. Exactly one of the two
 * is ever sent. Tag codes are not checked here (the server owns the rules: at most 25
 * characters of letters, digits, {@code _}, {@code -}, {@code .}); they are sent as given.
 */
public sealed interface TerminalRef {

    static TerminalRef id(UUID terminalId) {
        return new ById(terminalId);
    }

    static TerminalRef tag(String terminalTagCode) {
        return new ByTag(terminalTagCode);
    }

    /** A terminal by the {@code Id} of its list item. */
    record ById(UUID terminalId) implements TerminalRef {
        public ById {
            Objects.requireNonNull(terminalId, "terminalId");
        }
    }

    /** A terminal by one of its active tag codes (matched case-insensitively by the server). */
    record ByTag(String terminalTagCode) implements TerminalRef {
        public ByTag {
            Objects.requireNonNull(terminalTagCode, "terminalTagCode");
        }
    }
}
