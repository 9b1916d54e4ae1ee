package io.kasa.bench;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One latency figure of a scenario, in microseconds: how many values were recorded and the
 * percentiles a reader compares against the quality targets. An empty figure has count 0
 * and every value 0.
 */
record Figure(String name, long count, long p50, long p90, long p99, long p999, long max, double mean) {

    static final String UNIT = "us";

    static Figure of(String name, Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new Figure(name, 0, 0, 0, 0, 0, 0, 0);
        }
        return new Figure(name, histogram.getTotalCount(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue(), histogram.getMean());
    }

    /** The percentiles by name, in the order the report prints them. */
    Map<String, Long> percentiles() {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("p50", p50);
        values.put("p90", p90);
        values.put("p99", p99);
        values.put("p99.9", p999);
        values.put("max", max);
        return values;
    }

    /**
     * This figure divided by a ceiling, percentile by percentile: how many times the cost of the
     * ceiling's operation this one takes. A percentile whose ceiling value is 0 has no ratio.
     */
    Map<String, Double> ratioTo(Figure ceiling) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        Map<String, Long> theirs = ceiling.percentiles();
        percentiles().forEach((percentile, value) -> ratios.put(percentile, ratio(value, theirs.get(percentile))));
        return ratios;
    }

    static Double ratio(double figure, double ceiling) {
        if (undefined(ceiling) || ceiling <= 0 || undefined(figure)) {
            return null;
        }
        return figure / ceiling;
    }

    private static boolean undefined(double value) {
        return Double.isNaN(value) || Double.isInfinite(value);
    }
}
