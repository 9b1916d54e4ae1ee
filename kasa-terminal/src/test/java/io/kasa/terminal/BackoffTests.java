package io.kasa.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTests {

    /** Always draws the largest value allowed. */
    static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    /** Always draws zero. */
    static final RandomGenerator LOWEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    };

    @ParameterizedTest
    @CsvSource({"0, 500", "1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 16000", "6, 30000", "7, 30000",
            "40, 30000", "63, 30000", "1000, 30000"})
    void theCeilingDoublesFromHalfASecondUpToThirtySeconds(int attempt, long millis) {
        assertThat(Backoff.PROTOCOL.ceiling(attempt)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void fullJitterReachesBothEndsOfTheRange() {
        assertThat(Backoff.PROTOCOL.delay(3, LOWEST)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.PROTOCOL.delay(3, HIGHEST)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.PROTOCOL.delay(20, HIGHEST)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void delaysStayWithinTheCeilingAndSpreadOverIt() {
        Random random = new Random(42);
        for (int attempt = 0; attempt < 12; attempt++) {
            Duration ceiling = Backoff.PROTOCOL.ceiling(attempt);
            Duration shortest = ceiling;
            Duration longest = Duration.ZERO;
            for (int draw = 0; draw < 2_000; draw++) {
                Duration delay = Backoff.PROTOCOL.delay(attempt, random);
                assertThat(delay).isBetween(Duration.ZERO, ceiling);
                shortest = delay.compareTo(shortest) < 0 ? delay : shortest;
                longest = delay.compareTo(longest) > 0 ? delay : longest;
            }
            assertThat(shortest).isLessThan(ceiling.dividedBy(10));
            assertThat(longest).isGreaterThan(ceiling.multipliedBy(9).dividedBy(10));
        }
    }

    @Test
    void shortenedForTests() {
        Backoff quick = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));

        assertThat(quick.ceiling(0)).isEqualTo(Duration.ofMillis(10));
        assertThat(quick.ceiling(2)).isEqualTo(Duration.ofMillis(40));
        assertThat(quick.ceiling(3)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.PROTOCOL.ceiling(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
