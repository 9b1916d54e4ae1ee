package io.kasa.server.payment;

import java.util.UUID;

/**
 * What sale, cancel and rollback answer: the payment's latest activity at that moment, and
 * its integer {@code PaymentId} for the marketplace calls.
 */
public record Answer(UUID paymentRequestId, long paymentId, UUID activityId, PaymentType type, PaymentStatus status) {
}
