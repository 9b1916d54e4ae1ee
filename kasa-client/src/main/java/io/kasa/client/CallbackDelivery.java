package io.kasa.client;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One callback of a payment as the delivery log shows it ({@link Callbacks#list(UUID)}):
 * the status change it reports (activity {@code paymentRequestActivityId}, its
 * {@code sequence} in the payment's life, the payment's type and status), where it goes
 * ({@code target}) and how sending went. {@code callbackId} equals the activity id, the
 * {@code X-Kasa-Event-Id} the receiver sees.
 *
 * <p>{@code nextAttemptDate} is when Kasa tries again (null unless {@link CallbackState#PENDING}),
 * {@code lastStatusCode} and {@code lastError} describe the latest try (null before the first,
 * the status also when no answer came), {@code deliveredDate} is set once
 * {@link CallbackState#DELIVERED}. {@code attempts} lists every try, oldest first, and is never
 * null. Dates are local date-times in the server's business time zone.
 */
public record CallbackDelivery(UUID callbackId, UUID paymentRequestId, UUID paymentRequestActivityId, int sequence,
                               int paymentTypeId, int paymentStatusId, String target, CallbackState state,
                               int attemptCount, LocalDateTime nextAttemptDate, Integer lastStatusCode,
                               String lastError, LocalDateTime deliveredDate, LocalDateTime createdDate,
                               List<CallbackAttempt> attempts) {

    public CallbackDelivery {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** {@link #paymentStatusId()} as a {@link PaymentStatus}: the status this callback reports. */
    public PaymentStatus status() {
        return PaymentStatus.of(paymentStatusId);
    }

    /** {@link #paymentTypeId()} as a {@link PaymentType}. */
    public PaymentType type() {
        return PaymentType.of(paymentTypeId);
    }
}
