package io.kasa.client;

import java.util.UUID;

/**
 * The answer of every sale, cancel and rollback call: the payment's id (keep it), the id and
 * type ({@link PaymentType}) of its latest activity, and its status ({@link PaymentStatus})
 * at the moment of the answer; {@code paymentId} is the payment's integer {@code PaymentId}, which
 * the marketplace calls take (Kasa adds it; null from a server that does not send it).
 */
public record SaleResult(UUID paymentRequestId, UUID paymentRequestActivityId, int paymentRequestActivityTypeId,
                         int paymentStatus, Long paymentId) {

    /** {@link #paymentStatus()} as a {@link PaymentStatus}; {@link IllegalArgumentException} for an id this client does not know. */
    public PaymentStatus status() {
        return PaymentStatus.of(paymentStatus);
    }

    /** {@link #paymentRequestActivityTypeId()} as a {@link PaymentType}. */
    public PaymentType activityType() {
        return PaymentType.of(paymentRequestActivityTypeId);
    }
}
