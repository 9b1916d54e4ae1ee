package io.kasa.server.shared.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key: a bucket holds at most {@code burst} tokens, starts full, gains
 * {@code perSecond} tokens a second, and every request takes one. A request that finds no
 * token is told how long until one is there, in whole seconds rounded up. Time comes from
 * the caller, so a test can move it. Memory stays bounded: once there are more than
 * {@code sweepAbove} keys, the buckets that have filled up again (idle callers) are dropped,
 * which changes nothing since a new bucket starts full.
 */
final class TokenBuckets {

    private final double perSecond;
    private final int burst;
    private final int sweepAbove;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(double perSecond, int burst, int sweepAbove) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a bucket needs a positive rate and room for one token");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.sweepAbove = sweepAbove;
    }

    /** Takes a token from the key's bucket: zero when taken, else how long until one is available. */
    Duration take(String key, Instant now) {
        Bucket after = buckets.compute(key, (k, bucket) -> (bucket == null ? new Bucket(burst, now, false) : bucket)
                .refilledAt(now, perSecond, burst)
                .taken());
        if (buckets.size() > sweepAbove) {
            buckets.values().removeIf(bucket -> bucket.refilledAt(now, perSecond, burst).tokens() >= burst);
        }
        if (after.took()) {
            return Duration.ZERO;
        }
        double seconds = (1 - after.tokens()) / perSecond;
        return Duration.ofSeconds(Math.max(1, (long) Math.ceil(seconds)));
    }

    int size() {
        return buckets.size();
    }

    /** A bucket's tokens as of {@code at}; {@code took} says whether the last request got one. */
    private record Bucket(double tokens, Instant at, boolean took) {

        Bucket refilledAt(Instant now, double perSecond, int burst) {
            if (!now.isAfter(at)) {
                return new Bucket(tokens, at, took);
            }
            double elapsed = Duration.between(at, now).toNanos() / 1e9;
            return new Bucket(Math.min(burst, tokens + elapsed * perSecond), now, took);
        }

        Bucket taken() {
            return tokens >= 1 ? new Bucket(tokens - 1, at, true) : new Bucket(tokens, at, false);
        }
    }
}
