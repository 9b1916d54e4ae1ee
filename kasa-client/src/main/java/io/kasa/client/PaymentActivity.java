package io.kasa.client;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One step in a payment's history ({@code POST /api/payment/activities}, oldest first): the
 * order it belongs to ({@code paymentTypeId}), the status it moved to, when, and the
 * server's or device's {@code message} (may be null). {@code date} is a local date-time in
 * the server's business time zone.
 */
public record PaymentActivity(UUID id, int paymentTypeId, String paymentTypeName, int paymentStatusId,
                              String paymentStatusName, LocalDateTime date, String message) {

    /** {@link #paymentStatusId()} as a {@link PaymentStatus}. */
    public PaymentStatus status() {
        return PaymentStatus.of(paymentStatusId);
    }

    /** {@link #paymentTypeId()} as a {@link PaymentType}. */
    public PaymentType type() {
        return PaymentType.of(paymentTypeId);
    }
}
