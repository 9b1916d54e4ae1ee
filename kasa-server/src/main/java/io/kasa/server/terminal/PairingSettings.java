package io.kasa.server.terminal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Pairing limits. A code lives {@code codeTtl}. Code attempts are limited per source (an IPv4
 * address, an IPv6 /64) and per code value, each to its maximum within {@code attemptWindow};
 * and every code check, whoever sends it, takes a token from one cluster-wide bucket of
 * {@code checkBurst} tokens refilled at {@code checksPerSecond}, waiting at most
 * {@code maxCheckWait} for it. So the guesses at a live code within its lifetime are at most
 * {@code checkBurst + checksPerSecond × codeTtl}, while honest devices are slowed, not locked
 * out.
 */
@ConfigurationProperties("kasa.pairing")
public record PairingSettings(@DefaultValue("10m") Duration codeTtl,
                              @DefaultValue("10m") Duration attemptWindow,
                              @DefaultValue("10") int maxFailuresPerSource,
                              @DefaultValue("5") int maxFailuresPerCode,
                              @DefaultValue("60") int checkBurst,
                              @DefaultValue("1") double checksPerSecond,
                              @DefaultValue("10s") Duration maxCheckWait) {

    public PairingSettings {
        if (maxFailuresPerSource < 1 || maxFailuresPerCode < 1 || checkBurst < 1) {
            throw new IllegalArgumentException("kasa.pairing: the attempt limits and the check burst must be at least 1");
        }
        if (!(checksPerSecond > 0)) {
            throw new IllegalArgumentException("kasa.pairing: checks-per-second must be greater than zero");
        }
        if (!attemptWindow.isPositive() || maxCheckWait.isNegative()) {
            throw new IllegalArgumentException("kasa.pairing: attempt-window must be positive, max-check-wait not negative");
        }
    }

    /** The most code checks the cluster makes within one code's lifetime. */
    public long checksPerCodeLifetime() {
        return checkBurst + (long) Math.ceil(checksPerSecond * codeTtl.toNanos() / 1e9);
    }
}
