package io.kasa.server.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * Published inside the transaction that records a status change, with the activity it
 * appended. Listeners that must not miss one (callbacks) write in the same transaction;
 * listeners after commit (waiting requests) learn that something changed.
 */
public record PaymentStatusChanged(UUID merchantId, UUID paymentId, UUID orderId, UUID activityId, int sequence,
                                   PaymentType type, PaymentStatus status, String message, Instant at) {
}
