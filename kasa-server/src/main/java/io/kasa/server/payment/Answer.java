package io.kasa.server.payment;

import java.util.UUID;

/** What sale, cancel and rollback answer: the payment's latest activity at that moment. */
public record Answer(UUID paymentRequestId, UUID activityId, PaymentType type, PaymentStatus status) {
}
