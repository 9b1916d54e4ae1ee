package io.kasa.server.marketplace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Payout recovery. {@code stalledAfter}: how long a payout order or an automatic payout may
 * stay unfinished before it counts as abandoned by a stopped node and is executed again (with
 * the same transfer id, so the bank moves the money at most once). It must be longer than a
 * bank call takes. How often payouts run and stalled ones are looked for is set by
 * {@code kasa.marketplace.payout-interval} and {@code kasa.marketplace.recovery-interval}.
 */
@ConfigurationProperties("kasa.marketplace")
public record PayoutSettings(@DefaultValue("2m") Duration stalledAfter) {
}
