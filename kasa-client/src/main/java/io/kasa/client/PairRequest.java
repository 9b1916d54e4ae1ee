package io.kasa.client;

import java.util.UUID;

/**
 * A pair code issued for a terminal: store {@code pairRequestId} to follow or cancel it, and
 * give {@code pairCode} (6 digits, single-use, valid 10 minutes by default) to the person at
 * the device. A new request for the same terminal cancels this one.
 */
public record PairRequest(UUID pairRequestId, UUID terminalId, String pairCode) {
}
