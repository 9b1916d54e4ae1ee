package io.kasa.server.terminal;

import java.time.Instant;
import java.util.UUID;

/** A request for a pair code, and what became of it. */
public record PairRequest(UUID id, UUID terminalId, String code, Status status, Instant createdAt, Instant expiresAt,
                          Instant finishedAt, UUID terminalPairId) {

    public enum Status {
        PENDING("Pending"), COMPLETED("Completed"), EXPIRED("Expired"), CANCELLED("Cancelled");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The status as of {@code now}: a pending request past its expiry is expired. */
    public Status statusAt(Instant now) {
        return status == Status.PENDING && !expiresAt.isAfter(now) ? Status.EXPIRED : status;
    }
}
