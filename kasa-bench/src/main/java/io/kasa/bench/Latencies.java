package io.kasa.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency being measured: any thread records values; a reader takes the values recorded
 * since its last look ({@link #interval()}, for the progress line) while the whole run adds
 * up for the final {@link #figure()}. Values are kept in microseconds with three significant
 * digits.
 */
final class Latencies {

    private final String name;
    private final Recorder recorder = new Recorder(3);
    private final Histogram total = new Histogram(3);

    Latencies(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Records a duration given in nanoseconds; negative durations (clock noise) count as 0. */
    void recordNanos(long nanos) {
        recorder.recordValue(Math.max(0, nanos) / 1_000);
    }

    /** The values recorded since the previous call (or since the start), also added to the total. */
    synchronized Histogram interval() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        return interval;
    }

    /** Everything recorded so far. */
    synchronized Figure figure() {
        interval();
        return Figure.of(name, total);
    }

    /** The p99 of the values recorded since the previous look, in microseconds; 0 when none. */
    long intervalP99() {
        Histogram interval = interval();
        return interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99);
    }
}
