package io.kasa.server.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Published inside the transaction that records a status change, with the activity it
 * appended and what a callback says of the payment. Listeners that must not miss one
 * (callbacks) write in the same transaction; listeners after commit (waiting requests,
 * metrics, the outcome's log line) learn that something changed. {@code orderCreatedAt} is
 * when the order was accepted, so that how long it took to reach the device or its outcome
 * is known without reading anything.
 */
public record PaymentStatusChanged(UUID merchantId, UUID paymentId, UUID orderId, UUID activityId, int sequence,
                                   PaymentType type, PaymentStatus status, String message, Instant at,
                                   Instant orderCreatedAt, Payment payment) {

    /**
     * The payment as the sale recorded it; {@code paymentId} is its integer {@code PaymentId},
     * {@code callbackAddress} is null when it has none, {@code channel} is how the sale was asked.
     */
    public record Payment(long paymentId, UUID connectionId, UUID terminalId, String merchantUniqueCode, String displayCode,
                          BigDecimal amount, String callbackAddress, Channel channel) {
    }
}
