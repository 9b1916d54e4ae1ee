package io.kasa.server.marketplace;

import io.kasa.server.payment.Currency;
import io.kasa.server.payment.Lookups;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * Counts the payouts whose bank answer is recorded, and sums their amounts, by kind (a payout
 * order of the manual trigger, or an automatic payout to a member or the platform), result
 * (succeeded or failed) and currency. A payout executed again after an interruption counts
 * again with its new answer: the count is of the bank's answers, the amount of what they were
 * for. The Turkish lira's are registered at start, so the series exist before the first payout.
 */
@Component
class PayoutMeters {

    private final MeterRegistry registry;

    PayoutMeters(MeterRegistry registry) {
        this.registry = registry;
        for (boolean order : new boolean[]{true, false}) {
            for (boolean succeeded : new boolean[]{true, false}) {
                summary(order, succeeded, Currency.TRY.id());
            }
        }
    }

    /** A payout's answer, recorded: {@code order} for a payout order's, false for an automatic payout's. */
    void recorded(boolean order, boolean succeeded, int currencyId, BigDecimal amount) {
        summary(order, succeeded, currencyId).record(amount.doubleValue());
    }

    private DistributionSummary summary(boolean order, boolean succeeded, int currencyId) {
        return DistributionSummary.builder("kasa.payouts")
                .description("Payouts the bank answered, and their amounts in the currency's units")
                .baseUnit("amount")
                .tag("kind", order ? "order" : "automatic")
                .tag("result", succeeded ? "succeeded" : "failed")
                .tag("currency", Lookups.CURRENCIES.getOrDefault(currencyId, Integer.toString(currencyId)))
                .register(registry);
    }
}
