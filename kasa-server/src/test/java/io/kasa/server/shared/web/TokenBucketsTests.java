package io.kasa.server.shared.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTests {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aBucketServesItsBurstAtOnceThenSaysWhenTheNextTokenComes() {
        TokenBuckets buckets = new TokenBuckets(0.5, 3, 1000);

        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("merchant-a", T0)).as("request %d", i).isZero();
        }

        assertThat(buckets.take("merchant-a", T0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(buckets.take("merchant-a", T0.plusMillis(1500))).as("rounded up to whole seconds")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(buckets.take("merchant-a", T0.plusSeconds(2))).isZero();
        assertThat(buckets.take("merchant-a", T0.plusSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        TokenBuckets buckets = new TokenBuckets(1, 1, 1000);

        assertThat(buckets.take("a", T0)).isZero();
        assertThat(buckets.take("a", T0)).isPositive();

        assertThat(buckets.take("b", T0)).isZero();
    }

    @Test
    void anIdleBucketRefillsOnlyUpToItsBurst() {
        TokenBuckets buckets = new TokenBuckets(100, 2, 1000);
        buckets.take("a", T0);

        Instant later = T0.plus(Duration.ofHours(1));
        assertThat(buckets.take("a", later)).isZero();
        assertThat(buckets.take("a", later)).isZero();
        assertThat(buckets.take("a", later)).isPositive();
    }

    @Test
    void aClockThatStepsBackGivesNoTokens() {
        TokenBuckets buckets = new TokenBuckets(1, 1, 1000);
        buckets.take("a", T0);

        assertThat(buckets.take("a", T0.minusSeconds(30))).isPositive();
        assertThat(buckets.take("a", T0.plusSeconds(1))).isZero();
    }

    @Test
    void bucketsThatFilledUpAgainAreDroppedSoMemoryStaysBounded() {
        TokenBuckets buckets = new TokenBuckets(1, 5, 10);
        for (int i = 0; i < 100; i++) {
            buckets.take("source-" + i, T0.plusSeconds(i * 10L));
        }

        assertThat(buckets.size()).isLessThanOrEqualTo(11);
    }
}
