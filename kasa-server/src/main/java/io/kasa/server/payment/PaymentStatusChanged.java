package io.kasa.server.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Published inside the transaction that records a status change, with the activity it
 * appended and what a callback says of the payment. Listeners that must not miss one
 * (callbacks) write in the same transaction; listeners after commit (waiting requests)
 * learn that something changed.
 */
public record PaymentStatusChanged(UUID merchantId, UUID paymentId, UUID orderId, UUID activityId, int sequence,
                                   PaymentType type, PaymentStatus status, String message, Instant at, Payment payment) {

    /**
     * The payment as the sale recorded it; {@code paymentId} is its integer {@code PaymentId},
     * {@code callbackAddress} is null when it has none.
     */
    public record Payment(long paymentId, UUID connectionId, UUID terminalId, String merchantUniqueCode, String displayCode,
                          BigDecimal amount, String callbackAddress) {
    }
}
