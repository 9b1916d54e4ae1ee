package io.kasa.terminal;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Reconnection delays with exponential backoff and full jitter (device protocol 2.4): before
 * reconnection number {@code attempt} (0 for the first after a connection that stayed up a full
 * heartbeat interval) the device waits a uniformly random time in
 * {@code [0, min(cap, base × 2^attempt)]}.
 */
public record Backoff(Duration base, Duration cap) {

    /** The protocol's values: 0.5 s doubling up to 30 s. */
    public static final Backoff PROTOCOL = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be positive: " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap must not be below base: " + cap + " < " + base);
        }
        if (cap.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("cap must be at most a day: " + cap);
        }
    }

    /** The upper bound of the wait before reconnection number {@code attempt}: {@code min(cap, base × 2^attempt)}. */
    public Duration ceiling(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative: " + attempt);
        }
        long baseNanos = base.toNanos();
        long capNanos = cap.toNanos();
        if (attempt >= Long.SIZE - 2 || baseNanos > (capNanos >> attempt)) {
            return cap;
        }
        return Duration.ofNanos(baseNanos << attempt);
    }

    /** A wait drawn uniformly from {@code [0, ceiling(attempt)]}, both ends included. */
    public Duration delay(int attempt, RandomGenerator random) {
        long ceilingNanos = ceiling(attempt).toNanos();
        return Duration.ofNanos(random.nextLong(ceilingNanos + 1));
    }
}
