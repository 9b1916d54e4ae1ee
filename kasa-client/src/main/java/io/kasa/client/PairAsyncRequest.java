package io.kasa.client;

import java.util.UUID;

/**
 * An async pair code issued for a terminal: store {@code pairAsyncRequestId} to confirm or
 * delete it, and give {@code pairCode} (6 digits, single-use, valid 10 minutes by default) to
 * the person at the device.
 */
public record PairAsyncRequest(UUID pairAsyncRequestId, String pairCode) {
}
