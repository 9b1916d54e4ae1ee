package io.kasa.server.terminal;

import java.time.Instant;
import java.util.UUID;

/**
 * A device under a connection. {@code providerTerminalId} is the provider's own number for
 * it (Paywall lists it as {@code TerminalId}); {@code id} is what callers send as
 * {@code TerminalId}.
 */
public record Terminal(UUID id, UUID merchantId, UUID connectionId, String providerTerminalId, String name,
                       String serialNo, String model, Instant lastSeenAt, Instant createdAt) {
}
