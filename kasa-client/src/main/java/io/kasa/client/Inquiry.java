package io.kasa.client;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A payment as {@code GET /api/payment/inquiry/{paymentRequestId}} answers it (Paywall's
 * "Query"). Each id comes with its name ({@code paymentStatusId} 2, {@code paymentStatus}
 * {@code "SentToDevice"}); {@link #status()} and {@link #type()} read the ids. {@code ip} is
 * the address the order came from, written {@code IP}. Dates are local date-times in the
 * server's business time zone; {@code modifiedDate} is null until the payment first changes.
 * {@code paymentId} is the payment's integer {@code PaymentId}, which the marketplace calls
 * take (Kasa adds it; null from a server that does not send it).
 */
public record Inquiry(UUID paymentRequestId, UUID paymentRequestActivityId, UUID terminalId,
                      String merchantUniqueCode, String displayCode, String callbackAddress, BigDecimal amount,
                      int paymentChannelId, String paymentChannel, int currencyId, String currency,
                      @JsonProperty("IP") String ip, int paymentTypeId, String paymentType,
                      int paymentStatusId, String paymentStatus,
                      LocalDateTime createdDate, LocalDateTime modifiedDate, Long paymentId) {

    /** {@link #paymentStatusId()} as a {@link PaymentStatus}. */
    public PaymentStatus status() {
        return PaymentStatus.of(paymentStatusId);
    }

    /** {@link #paymentTypeId()} as a {@link PaymentType}. */
    public PaymentType type() {
        return PaymentType.of(paymentTypeId);
    }
}
