package io.kasa.server.marketplace;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One share of one product of a successful sale: a member's, or the platform's when {@code memberId} is null. */
public record Earning(UUID id, UUID paymentId, UUID productId, UUID memberId, int currencyId, BigDecimal amount,
                      BigDecimal commission, LocalDate earningDate, LocalDate payableDate, EarningStatus status,
                      UUID jobId, UUID payoutId, Instant createdAt) {

    public boolean isPlatform() {
        return memberId == null;
    }
}
