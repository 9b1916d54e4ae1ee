package io.kasa.server.terminal;

import io.kasa.server.shared.Validation;

import java.util.UUID;

/**
 * How a caller names a terminal: by id or by tag code, exactly one of the two.
 */
public sealed interface TerminalRef {

    record ById(UUID terminalId) implements TerminalRef {
    }

    record ByTag(String tagCode) implements TerminalRef {
    }

    /** Refuses both or neither; a blank tag code counts as absent. */
    static TerminalRef of(UUID terminalId, String tagCode) {
        Validation.exactlyOne("TerminalId", terminalId, "TerminalTagCode", tagCode);
        if (terminalId != null) {
            return new ById(terminalId);
        }
        return new ByTag(Validation.optionalText("TerminalTagCode", tagCode, TerminalTags.MAX_CODE_LENGTH));
    }
}
