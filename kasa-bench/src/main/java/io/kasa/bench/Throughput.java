package io.kasa.bench;

import java.time.Duration;

/**
 * What rate a scenario achieved: {@code count} successful operations over {@code seconds}, the
 * time from the first intended send to the last answer but never less than the schedule's own
 * length (so a handful of quick answers cannot read as a high rate).
 */
record Throughput(double offered, double achieved, long count, double seconds) {

    static Throughput of(double offered, long count, Duration schedule, long startNanos, long lastAnswerNanos) {
        double seconds = Math.max(schedule.toNanos(), lastAnswerNanos - startNanos) / 1e9;
        return new Throughput(offered, count / seconds, count, seconds);
    }
}
