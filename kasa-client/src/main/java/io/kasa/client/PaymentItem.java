package io.kasa.client;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A payment list item ({@code POST /api/payment/list}). {@code id} is the
 * {@code PaymentRequestId}; {@code terminalId} the id sale orders take as {@code TerminalId};
 * the status and type are the payment's current ones, those of its latest activity
 * {@code paymentRequestActivityId}. {@code ip} is written {@code IP}; {@code date} is a local
 * date-time in the server's business time zone. {@code paymentId} is the payment's integer
 * {@code PaymentId}, which the marketplace calls take (Kasa adds it; null from a server that does not send it).
 */
public record PaymentItem(UUID id, UUID terminalId, UUID connectionId, String connectionName,
                          int providerId, String providerName, int brandId, String brandName,
                          int regionId, String regionName, String merchantUniqueCode, String displayCode,
                          BigDecimal amount, int paymentChannelId, String paymentChannelName,
                          int currencyId, String currencyName, @JsonProperty("IP") String ip,
                          UUID paymentRequestActivityId, int paymentTypeId, String paymentTypeName,
                          int paymentStatusId, String paymentStatusName, LocalDateTime date, Long paymentId) {

    /** {@link #paymentStatusId()} as a {@link PaymentStatus}. */
    public PaymentStatus status() {
        return PaymentStatus.of(paymentStatusId);
    }

    /** {@link #paymentTypeId()} as a {@link PaymentType}. */
    public PaymentType type() {
        return PaymentType.of(paymentTypeId);
    }
}
