package io.kasa.bench;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads values out of a Prometheus text exposition (what {@code /manage/prometheus} answers):
 * lines {@code name{label="value",...} number}, comments starting with {@code #}.
 */
final class PrometheusText {

    private final String text;

    PrometheusText(String text) {
        this.text = text;
    }

    /**
     * The sum of every sample of {@code metric} whose labels include all of {@code labels}
     * (e.g. all heap pools: {@code jvm_memory_used_bytes} with {@code area="heap"}); empty when
     * no sample matches.
     */
    OptionalDouble sum(String metric, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Sample sample = Sample.parse(line);
            if (sample != null && sample.name.equals(metric) && sample.has(labels)) {
                sum += sample.value;
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    OptionalDouble value(String metric) {
        return sum(metric, Map.of());
    }

    private record Sample(String name, String labels, double value) {

        static Sample parse(String line) {
            int brace = line.indexOf('{');
            int space;
            String name;
            String labels;
            if (brace >= 0 && brace < line.indexOf(' ')) {
                int close = line.lastIndexOf('}');
                if (close < brace) {
                    return null;
                }
                name = line.substring(0, brace);
                labels = line.substring(brace + 1, close);
                space = close + 1;
            } else {
                space = line.indexOf(' ');
                if (space < 0) {
                    return null;
                }
                name = line.substring(0, space);
                labels = "";
            }
            String[] rest = line.substring(space).trim().split("\\s+");
            try {
                return new Sample(name, labels, Double.parseDouble(rest[0]));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        boolean has(Map<String, String> wanted) {
            for (Map.Entry<String, String> label : wanted.entrySet()) {
                if (!labels.contains(label.getKey() + "=\"" + label.getValue() + "\"")) {
                    return false;
                }
            }
            return true;
        }
    }
}
