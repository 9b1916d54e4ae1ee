package io.kasa.server.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A payment as the merchant sees it: its request and its latest activity. {@code id} is its
 * GUID ({@code PaymentRequestId}), {@code paymentId} the integer the marketplace calls take.
 */
public record PaymentView(UUID id, long paymentId, UUID terminalId, UUID connectionId, String merchantUniqueCode, String displayCode,
                          String callbackAddress, BigDecimal amount, Channel channel, int currencyId, String ip,
                          UUID activityId, PaymentType type, PaymentStatus status, Instant createdAt,
                          Instant modifiedAt) {
}
