package io.kasa.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link RunReport}: a table per scenario for the terminal, and {@code results.json}
 * with every figure in microseconds and each figure's ratio to the run's ceilings, and each
 * scenario's costs per sale with their ratios to the lean lifecycle's. Numbers that could not
 * be measured are null in the JSON and {@code ?} in the table.
 */
final class Report {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Report() {
    }

    /** The JSON document: the report, plus {@code ratios} beside each scenario's figures. */
    static JsonNode json(RunReport report) {
        ObjectNode root = JSON.valueToTree(report);
        ArrayNode scenarios = (ArrayNode) root.get("scenarios");
        for (int i = 0; i < report.scenarios().size(); i++) {
            ScenarioResult scenario = report.scenarios().get(i);
            ObjectNode ratios = ((ObjectNode) scenarios.get(i)).putObject("ratios");
            for (Figure figure : scenario.figures()) {
                ObjectNode ofFigure = ratios.putObject(figure.name());
                if (scenario.endpoint() != null) {
                    ofFigure.set("toEndpoint", JSON.valueToTree(figure.ratioTo(scenario.endpoint().latency())));
                }
                if (report.commitCeiling() != null) {
                    ofFigure.set("toCommit", JSON.valueToTree(figure.ratioTo(report.commitCeiling().latency())));
                }
            }
            if (scenario.costs() != null && report.leanCeiling() != null) {
                ratios.putObject("costs").set("toLean",
                        JSON.valueToTree(scenario.costs().ratioTo(report.leanCeiling().costs())));
            }
            if (scenario.throughput() != null) {
                ObjectNode ofThroughput = ratios.putObject("throughput");
                if (scenario.endpoint() != null) {
                    ofThroughput.putPOJO("toEndpoint", Figure.ratio(scenario.throughput().achieved(), scenario.endpoint().rate()));
                }
                if (report.commitCeiling() != null) {
                    ofThroughput.putPOJO("toCommit", Figure.ratio(scenario.throughput().achieved(), report.commitCeiling().rate()));
                }
            }
        }
        return withoutNaN(root);
    }

    static void write(RunReport report, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(json(report)) + "\n");
    }

    /** The report as the terminal shows it. */
    static String table(RunReport report) {
        StringBuilder text = new StringBuilder();
        text.append("\nKasa benchmark ").append(report.run()).append(", commit ")
                .append(report.commit() == null ? "?" : report.commit()).append('\n');
        report.machine().forEach((name, value) -> text.append("  ").append(name).append(": ").append(value).append('\n'));
        report.target().forEach((name, value) -> text.append("  ").append(name).append(": ").append(value).append('\n'));
        Ceiling commit = report.commitCeiling();
        if (commit != null) {
            text.append(String.format(Locale.ROOT, "  database ceiling: %s, %.0f commits/s, p50 %s ms, p99 %s ms%n",
                    commit.name(), commit.rate(), millis(commit.latency().p50()), millis(commit.latency().p99())));
        }
        CostCeiling lean = report.leanCeiling();
        if (lean != null) {
            SaleCosts costs = lean.costs();
            text.append(String.format(Locale.ROOT,
                    "  lean ceiling: %s, %d sales at %.0f/s in %.1f s, %d failed: postgres cpu %s ms, %s statements (+%s nested), %s transactions, %s durable commits, %s WAL bytes per sale%n",
                    lean.name(), costs.sales(), lean.rate(), costs.seconds(), lean.failures(), number(costs.databaseCpuMs()),
                    number(costs.statements()), number(costs.nestedStatements()), number(costs.transactions()),
                    number(costs.durableCommits()), number(costs.walBytes())));
        }
        for (ScenarioResult scenario : report.scenarios()) {
            text.append("\n== ").append(scenario.name()).append(": ").append(scenario.summary()).append('\n');
            if (!scenario.figures().isEmpty()) {
                text.append(figures(scenario, commit));
            }
            if (scenario.throughput() != null) {
                Throughput throughput = scenario.throughput();
                text.append(String.format(Locale.ROOT, "throughput: offered %.1f/s, achieved %.1f/s (%d in %.1f s)%s%s%n",
                        throughput.offered(), throughput.achieved(), throughput.count(), throughput.seconds(),
                        scenario.endpoint() == null ? "" : ratioText(" x GET", throughput.achieved(), scenario.endpoint().rate()),
                        commit == null ? "" : ratioText(" x commit", throughput.achieved(), commit.rate())));
            }
            if (scenario.endpoint() != null) {
                Figure endpoint = scenario.endpoint().latency();
                text.append(String.format(Locale.ROOT, "ceiling: %s at the same rate: p50 %s ms, p99 %s ms, %.1f/s, %d errors%n",
                        scenario.endpoint().name(), millis(endpoint.p50()), millis(endpoint.p99()), scenario.endpoint().rate(),
                        scenario.endpoint().errors()));
            }
            if (scenario.errors() != null) {
                Errors.Counts errors = scenario.errors();
                text.append(String.format(Locale.ROOT,
                        "errors: %d (non-2xx %d, envelope %d, timeouts %d, unreachable %d, unexpected status %d, missing callbacks %d)%n",
                        errors.total(), errors.non2xx(), errors.envelope(), errors.timeouts(), errors.unreachable(),
                        errors.unexpectedStatus(), errors.missingCallbacks()));
            }
            if (scenario.resources() != null) {
                Resources resources = scenario.resources();
                text.append(String.format(Locale.ROOT,
                        "resources: server cpu %s cores (peak %s), heap peak %s, at end %s, db waits peak %s | bench cpu %s | postgres cpu %s%n",
                        ResourceMonitor.cores(resources.serverCpu()), ResourceMonitor.cores(resources.serverCpuPeak()),
                        ResourceMonitor.megabytes(resources.heapPeakBytes()), ResourceMonitor.megabytes(resources.heapEndBytes()),
                        resources.dbWaitsPeak() < 0 ? "?" : Long.toString(resources.dbWaitsPeak()),
                        ResourceMonitor.cores(resources.benchCpu()), ResourceMonitor.cores(resources.databaseCpu())));
            }
            if (scenario.costs() != null) {
                text.append(costs(scenario.costs(), lean));
            }
            scenario.findings().forEach((name, value) -> {
                if (!(value instanceof List<?>) && !(value instanceof Map<?, ?>) && !(value instanceof Record)) {
                    text.append("  ").append(name).append(": ").append(finding(name, value)).append('\n');
                }
            });
            scenario.notes().forEach(note -> text.append("note: ").append(note).append('\n'));
            if (scenario.profile() != null) {
                text.append("server profile of this scenario's window:\n").append(scenario.profile().describe());
            }
        }
        return text.toString();
    }

    private static String figures(ScenarioResult scenario, Ceiling commit) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%-52s %7s %8s %8s %8s %8s %8s %15s %15s%n", "figure (ms)", "count",
                "p50", "p90", "p99", "p99.9", "max", "x GET p50/p99", "x commit p50/p99"));
        for (Figure figure : scenario.figures()) {
            text.append(String.format(Locale.ROOT, "%-52s %7d %8s %8s %8s %8s %8s %15s %15s%n", clip(figure.name(), 52),
                    figure.count(), millis(figure.p50()), millis(figure.p90()), millis(figure.p99()),
                    millis(figure.p999()), millis(figure.max()),
                    scenario.endpoint() == null ? "-" : ratios(figure, scenario.endpoint().latency()),
                    commit == null ? "-" : ratios(figure, commit.latency())));
        }
        return text.toString();
    }

    private static String costs(SaleCosts costs, CostCeiling lean) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT,
                "per sale (%d sales settled with their callbacks in %.1f s; JIT compiler %s %% of the server's cpu):%n",
                costs.sales(), costs.seconds(), number(costs.compilerShare() * 100)));
        text.append(costRow("", List.of("server ms", "postgres ms", "both ms", "bench ms", "statements", "nested",
                "transactions", "commits", "wal bytes")));
        text.append(costRow("cost", costs.perSale().values().stream().map(Report::number).toList()));
        if (lean != null) {
            text.append(costRow("x lean", costs.ratioTo(lean.costs()).values().stream().map(Report::number).toList()));
        }
        if (!costs.costliest().isEmpty()) {
            text.append("statements that took the database longest, per sale (nested: run inside another, such as a foreign-key check):\n");
            text.append(String.format(Locale.ROOT, "  %8s %8s %7s %7s %8s %7s %7s %8s  %s%n", "plan ms", "exec ms", "calls", "rows",
                    "blk hit", "dirtied", "written", "wal B", "statement"));
            for (StatementCost statement : costs.costliest()) {
                text.append(String.format(Locale.ROOT, "  %8.3f %8.3f %7.2f %7.2f %8.1f %7.2f %7.2f %8.0f  %s%s%n",
                        statement.planMs(), statement.execMs(), statement.calls(), statement.rows(), statement.blocksHit(),
                        statement.blocksDirtied(), statement.blocksWritten(), statement.walBytes(),
                        statement.topLevel() ? "" : "(nested) ", clip(statement.query(), 120)));
            }
        }
        return text.toString();
    }

    private static String costRow(String label, List<String> cells) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-8s", label));
        cells.forEach(cell -> row.append(String.format(Locale.ROOT, " %13s", cell)));
        return row.append('\n').toString();
    }

    private static String ratios(Figure figure, Figure ceiling) {
        Map<String, Double> ratios = figure.ratioTo(ceiling);
        return number(ratios.get("p50")) + " / " + number(ratios.get("p99"));
    }

    private static String ratioText(String label, double figure, double ceiling) {
        Double ratio = Figure.ratio(figure, ceiling);
        return ratio == null ? "" : label + " " + number(ratio);
    }

    private static String finding(String name, Object value) {
        if (value instanceof Number number && name.endsWith("Bytes")) {
            double bytes = number.doubleValue();
            return bytes < 0 ? "?" : bytes >= 1024 * 1024
                    ? String.format(Locale.ROOT, "%.1f MB", bytes / (1024 * 1024))
                    : String.format(Locale.ROOT, "%.1f KB", bytes / 1024);
        }
        if (value instanceof Double number) {
            return number(number);
        }
        return String.valueOf(value);
    }

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    private static String number(Double value) {
        if (value == null || value.isNaN()) {
            return "?";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    /** JSON has no NaN: unknown numbers become null. */
    private static <T extends JsonNode> T withoutNaN(T node) {
        if (node instanceof ObjectNode object) {
            List<String> unknown = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getValue().isNumber() && Double.isNaN(field.getValue().asDouble())) {
                    unknown.add(field.getKey());
                } else {
                    withoutNaN(field.getValue());
                }
            }
            unknown.forEach(object::putNull);
        } else if (node instanceof ArrayNode array) {
            for (Iterator<JsonNode> elements = array.values().iterator(); elements.hasNext(); ) {
                withoutNaN(elements.next());
            }
        }
        return node;
    }
}
