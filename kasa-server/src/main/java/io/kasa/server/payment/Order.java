package io.kasa.server.payment;

import java.time.Instant;
import java.util.UUID;

/** One order of a payment as stored: the sale, or a cancel of it. */
public record Order(UUID id, UUID paymentId, UUID terminalId, PaymentType type, PaymentStatus status,
                    Instant createdAt, Instant expiresAt, Instant takenAt, Instant outcomeDeadline) {

    Order withStatus(PaymentStatus next) {
        return new Order(id, paymentId, terminalId, type, next, createdAt, expiresAt, takenAt, outcomeDeadline);
    }
}
