package io.kasa.server.callback;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One callback and every try to deliver it. Its id is the event id: the activity id. */
public record CallbackDelivery(UUID id, UUID paymentId, int sequence, int paymentTypeId, int paymentStatusId,
                               String target, State state, int attemptCount, Instant nextAttemptAt,
                               Integer lastStatusCode, String lastError, Instant deliveredAt, Instant createdAt,
                               List<Attempt> attempts) {

    public enum State {
        PENDING("Pending"), DELIVERED("Delivered"), DEAD("Dead");

        private final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public record Attempt(Instant at, Integer statusCode, String error, int durationMs) {
    }
}
