package io.kasa.server.payment;

import java.time.Instant;
import java.util.UUID;

/** One step in a payment's life. Never updated or deleted. */
public record Activity(UUID id, PaymentType type, PaymentStatus status, Instant at, String message) {
}
