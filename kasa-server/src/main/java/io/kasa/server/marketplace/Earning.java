package io.kasa.server.marketplace;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One share of one product of a successful sale: a member's, or the platform's when
 * {@code memberId} is null. {@code id} is its integer earning id; {@code paymentId} and
 * {@code productId} are the payment's and product's GUIDs, {@code paywallPaymentId} and
 * {@code paywallProductId} the integers the marketplace calls take. {@code payableDate} (the
 * reflection date) is null until the earning is approved.
 */
public record Earning(long id, UUID paymentId, long paywallPaymentId, UUID productId, long paywallProductId, Long memberId, int currencyId, BigDecimal amount,
                      BigDecimal commission, LocalDate earningDate, LocalDate payableDate, EarningStatus status,
                      UUID jobId, UUID payoutId, Instant createdAt) {

    public boolean isPlatform() {
        return memberId == null;
    }

    /** Its reflection date as the reports write it: null until the earning is approved. */
    public LocalDateTime reflectionDate() {
        return payableDate == null ? null : payableDate.atStartOfDay();
    }
}
