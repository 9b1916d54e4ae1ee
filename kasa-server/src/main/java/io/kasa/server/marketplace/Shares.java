package io.kasa.server.marketplace;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How one product's amount splits: the member keeps {@code amount × (100 − commission) / 100},
 * rounded half-even to the cent; the platform keeps the rest, so the two always add up to
 * the amount exactly.
 */
record Shares(BigDecimal member, BigDecimal platform) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    static Shares of(BigDecimal amount, BigDecimal commission) {
        BigDecimal member = amount.multiply(HUNDRED.subtract(commission))
                .divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
        return new Shares(member, amount.subtract(member));
    }
}
