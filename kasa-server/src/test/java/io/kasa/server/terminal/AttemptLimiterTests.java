package io.kasa.server.terminal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptLimiterTests {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aKeyIsBlockedAtItsLimitUntilTheWindowEnds() {
        AttemptLimiter limiter = new AttemptLimiter(3, Duration.ofMinutes(10), 1000);
        for (int i = 0; i < 2; i++) {
            limiter.recordFailure("10.0.0.1", T0.plusSeconds(i));
        }
        assertThat(limiter.blockedFor("10.0.0.1", T0.plusSeconds(5))).isZero();

        limiter.recordFailure("10.0.0.1", T0.plusSeconds(6));

        assertThat(limiter.blockedFor("10.0.0.1", T0.plusSeconds(60))).isEqualTo(Duration.ofMinutes(9));
        assertThat(limiter.blockedFor("10.0.0.2", T0.plusSeconds(60))).isZero();
        assertThat(limiter.blockedFor("10.0.0.1", T0.plus(Duration.ofMinutes(10)))).isZero();
    }

    @Test
    void aNewWindowStartsCountingAfresh() {
        AttemptLimiter limiter = new AttemptLimiter(2, Duration.ofMinutes(1), 1000);
        limiter.recordFailure("k", T0);
        limiter.recordFailure("k", T0.plus(Duration.ofMinutes(2)));
        assertThat(limiter.blockedFor("k", T0.plus(Duration.ofMinutes(2)))).isZero();
    }

    @Test
    void expiredWindowsAreSweptSoMemoryStaysBounded() {
        AttemptLimiter limiter = new AttemptLimiter(1, Duration.ofSeconds(1), 10);
        for (int i = 0; i < 100; i++) {
            limiter.recordFailure("source-" + i, T0.plusSeconds(i * 2L));
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(11);
    }
}
