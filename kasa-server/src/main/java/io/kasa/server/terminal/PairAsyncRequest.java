package io.kasa.server.terminal;

import java.time.Instant;
import java.util.UUID;

/**
 * An async pair request (Paywall's two-step pairing) and what became of it. {@code device} and
 * {@code claimedAt} are set once a device has entered the code; {@code terminalPairId} once the
 * merchant has confirmed.
 */
public record PairAsyncRequest(UUID id, UUID terminalId, String code, Status status, Instant createdAt,
                               Instant expiresAt, Instant claimedAt, DeviceDescription device, Instant finishedAt,
                               UUID terminalPairId) {

    public enum Status {
        /** Issued; no device has entered the code yet. */
        PENDING("Pending"),
        /** A device entered the code and waits for the merchant's confirmation. */
        CLAIMED("WaitingForConfirmation"),
        COMPLETED("Completed"), EXPIRED("Expired"), CANCELLED("Cancelled");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The status as of {@code now}: a pending or claimed request past its expiry is expired. */
    public Status statusAt(Instant now) {
        boolean open = status == Status.PENDING || status == Status.CLAIMED;
        return open && !expiresAt.isAfter(now) ? Status.EXPIRED : status;
    }

    /** The same request as seen at {@code now}. */
    PairAsyncRequest at(Instant now) {
        return new PairAsyncRequest(id, terminalId, code, statusAt(now), createdAt, expiresAt, claimedAt, device,
                finishedAt, terminalPairId);
    }
}
