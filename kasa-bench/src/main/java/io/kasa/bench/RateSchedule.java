package io.kasa.bench;

import java.time.Duration;

/**
 * An open-loop schedule: {@code rate} sends per second for {@code duration}, evenly spaced.
 * Send {@code i} (0-based) is due {@link #offsetNanos(long) offsetNanos(i)} after the start,
 * whatever happened to the sends before it, so a server that answers late cannot slow the
 * sender down and hide its own latency (coordinated omission).
 */
record RateSchedule(double rate, Duration duration) {

    RateSchedule {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number of sends per second: " + rate);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
    }

    /** A schedule of exactly {@code count} sends at {@code rate}. */
    static RateSchedule forCount(double rate, long count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        return new RateSchedule(rate, Duration.ofNanos((long) Math.ceil(count * 1e9 / rate)));
    }

    /**
     * How many sends the schedule holds: every send due strictly before the end (at least one).
     * A product that misses a whole number by floating-point noise counts as that number.
     */
    long count() {
        double exact = rate * duration.toNanos() / 1e9;
        long whole = (long) Math.ceil(exact - 1e-6);
        return Math.max(1, whole);
    }

    /** When send {@code i} is due, in nanoseconds after the start. */
    long offsetNanos(long i) {
        if (i < 0) {
            throw new IllegalArgumentException("send index must not be negative: " + i);
        }
        return Math.round(i * 1e9 / rate);
    }

    /** The time between two sends. */
    Duration interval() {
        return Duration.ofNanos(Math.round(1e9 / rate));
    }
}
