package io.kasa.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

    private static final Figure SALE = new Figure("async sale response", 1_000, 4_000, 6_000, 9_000, 12_000, 20_000, 4_500);
    private static final Figure GET = new Figure("GET /api/provider/list", 1_000, 1_000, 2_000, 3_000, 4_000, 5_000, 1_100);
    private static final Figure COMMIT = new Figure("insert + commit", 9_000, 500, 800, 1_000, 2_000, 4_000, 600);

    private static RunReport report(double serverCpu) {
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("heapPerConnectionBytes", 51_200.0);
        ScenarioResult async = new ScenarioResult("async", "async sales at 500/s", Map.of("rate", 500.0), List.of(SALE),
                new Throughput(500, 498, 14_940, 30), new Errors.Counts(0, 0, 0, 0, 0, 2),
                new Resources(serverCpu, 1.5, 0.4, Double.NaN, 300_000_000, 200_000_000, 7, 30),
                new Ceiling("GET /api/provider/list", GET, 500, 0), findings, List.of("a note"),
                Instant.parse("2026-12-01T07:00:00Z"), Instant.parse("2026-12-01T07:00:30Z"), null);
        return new RunReport("20261201-070000", Instant.parse("2026-12-01T06:59:00Z"), "abc1234", Map.of("cores", 2),
                Map.of("owned", true), new Ceiling("insert + commit", COMMIT, 2_000, 0), List.of(async));
    }

    @Test
    void theJsonCarriesEveryFigureInMicrosecondsWithItsRatiosToTheCeilings() {
        JsonNode json = Report.json(report(1.2));
        JsonNode scenario = json.get("scenarios").get(0);
        assertThat(scenario.get("figures").get(0).get("p99").asLong()).isEqualTo(9_000);
        JsonNode ratios = scenario.get("ratios").get("async sale response");
        assertThat(ratios.get("toEndpoint").get("p50").asDouble()).isEqualTo(4.0);
        assertThat(ratios.get("toCommit").get("p99").asDouble()).isEqualTo(9.0);
        assertThat(scenario.get("ratios").get("throughput").get("toEndpoint").asDouble()).isEqualTo(498.0 / 500);
        assertThat(scenario.get("errors").get("missingCallbacks").asLong()).isEqualTo(2);
        assertThat(json.get("commitCeiling").get("rate").asDouble()).isEqualTo(2_000);
    }

    @Test
    void numbersThatCouldNotBeMeasuredAreNullNotNaN() {
        JsonNode resources = Report.json(report(Double.NaN)).get("scenarios").get(0).get("resources");
        assertThat(resources.get("serverCpu").isNull()).isTrue();
        assertThat(resources.get("databaseCpu").isNull()).isTrue();
        assertThat(resources.get("benchCpu").asDouble()).isEqualTo(0.4);
    }

    @Test
    void theTableShowsFiguresInMillisecondsBesideTheirRatios() {
        String table = Report.table(report(1.2));
        assertThat(table).contains("== async: async sales at 500/s");
        assertThat(table).containsPattern("async sale response\\s+1000\\s+4\\.00\\s+6\\.00\\s+9\\.00\\s+12\\.00\\s+20\\.00\\s+4\\.00 / 3\\.00\\s+8\\.00 / 9\\.00");
        assertThat(table).contains("missing callbacks 2");
        assertThat(table).contains("heapPerConnectionBytes: 50.0 KB");
        assertThat(table).contains("db waits peak 7").contains("postgres cpu ?");
        assertThat(table).contains("note: a note");
    }
}
