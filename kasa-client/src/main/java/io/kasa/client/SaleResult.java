package io.kasa.client;

import java.util.UUID;

/**
 * The answer of every sale, cancel and rollback call: the payment's id (keep it), the id and
 * type ({@link PaymentType}) of its latest activity, and its status ({@link PaymentStatus})
 * at the moment of the answer.
 */
public record SaleResult(UUID paymentRequestId, UUID paymentRequestActivityId, int paymentRequestActivityTypeId,
                         int paymentStatus) {

    /** {@link #paymentStatus()} as a {@link PaymentStatus}; {@link IllegalArgumentException} for an id this client does not know. */
    public PaymentStatus status() {
        return PaymentStatus.of(paymentStatus);
    }

    /** {@link #paymentRequestActivityTypeId()} as a {@link PaymentType}. */
    public PaymentType activityType() {
        return PaymentType.of(paymentRequestActivityTypeId);
    }
}
