package io.kasa.server.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A payment as the merchant sees it: its request and its latest activity. */
public record PaymentView(UUID id, UUID terminalId, UUID connectionId, String merchantUniqueCode, String displayCode,
                          String callbackAddress, BigDecimal amount, Channel channel, int currencyId, String ip,
                          UUID activityId, PaymentType type, PaymentStatus status, Instant createdAt,
                          Instant modifiedAt) {
}
