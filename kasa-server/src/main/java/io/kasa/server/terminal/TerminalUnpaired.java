package io.kasa.server.terminal;

import java.util.UUID;

/**
 * Published when a pairing ends (unpair, or a newer pairing of the same terminal). After
 * the transaction commits, the device channel closes that pairing's live connection.
 */
public record TerminalUnpaired(UUID terminalId, UUID terminalPairId) {
}
