package io.kasa.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportTests {

    private static final Figure SALE = new Figure("async sale response", 1_000, 4_000, 6_000, 9_000, 12_000, 20_000, 4_500);
    private static final Figure GET = new Figure("GET /api/provider/list", 1_000, 1_000, 2_000, 3_000, 4_000, 5_000, 1_100);
    private static final Figure COMMIT = new Figure("insert + commit", 9_000, 500, 800, 1_000, 2_000, 4_000, 600);

    private static final List<StatementCost> COSTLIEST = List.of(
            new StatementCost("update payment set payment_status_id = $1 where id = $2", true, 3, 0.05, 0.42, 3, 60, 0, 4, 0, 2_100),
            new StatementCost("SELECT 1 FROM ONLY \"public\".\"payment\" x WHERE \"id\" OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x",
                    false, 20, 0, 0.31, 20, 80, 0, 1, 0, 0));

    private static RunReport report(double serverCpu) {
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("heapPerConnectionBytes", 51_200.0);
        ScenarioResult async = new ScenarioResult("async", "async sales at 500/s", Map.of("rate", 500.0), List.of(SALE),
                new Throughput(500, 498, 14_940, 30), new Errors.Counts(0, 0, 0, 0, 0, 2),
                new Resources(serverCpu, 1.5, 0.4, Double.NaN, 300_000_000, 200_000_000, 7, 30),
                new SaleCosts(1_500, 33.5, 5.6, 5.6, 2.0, 58, 57, 33, 12, 24_000, 0.02, List.of(), COSTLIEST),
                new Ceiling("GET /api/provider/list", GET, 500, 0), findings, List.of("a note"),
                Instant.parse("2026-12-01T07:00:00Z"), Instant.parse("2026-12-01T07:00:30Z"), null);
        return new RunReport("20261201-070000", Instant.parse("2026-12-01T06:59:00Z"), "abc1234", Map.of("cores", 2),
                Map.of("owned", true), new Ceiling("insert + commit", COMMIT, 2_000, 0),
                new CostCeiling("lean lifecycle", 50, new SaleCosts(1_000, 20, Double.NaN, 0.8, 1.0, 4.5, 9, 4.5, 4, 8_000,
                        Double.NaN, List.of(), List.of()), 0),
                List.of(async));
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
    void theJsonCarriesTheCostsPerSaleWithTheirRatiosToTheLeanLifecycle() {
        JsonNode json = Report.json(report(1.2));
        JsonNode scenario = json.get("scenarios").get(0);
        assertThat(scenario.get("costs").get("durableCommits").asDouble()).isEqualTo(12);
        JsonNode toLean = scenario.get("ratios").get("costs").get("toLean");
        assertThat(toLean.get("durableCommits").asDouble()).isEqualTo(3.0);
        assertThat(toLean.get("databaseCpuMs").asDouble()).isCloseTo(7.0, within(1e-9));
        assertThat(toLean.get("serverAndDatabaseCpuMs").asDouble()).isCloseTo(14.0, within(1e-9));
        assertThat(toLean.get("serverCpuMs").isNull()).as("a lean sale has no server").isTrue();
        assertThat(json.get("leanCeiling").get("costs").get("serverCpuMs").isNull()).isTrue();
        assertThat(json.get("leanCeiling").get("costs").get("statements").asDouble()).isEqualTo(4.5);
        assertThat(scenario.get("costs").get("walBytes").asDouble()).isEqualTo(24_000);
        assertThat(toLean.get("walBytes").asDouble()).isEqualTo(3.0);
        JsonNode costliest = scenario.get("costs").get("costliest");
        assertThat(costliest).hasSize(2);
        assertThat(costliest.get(1).get("topLevel").asBoolean()).isFalse();
        assertThat(costliest.get(1).get("calls").asDouble()).isEqualTo(20);
        assertThat(costliest.get(0).get("walBytes").asDouble()).isEqualTo(2_100);
    }

    @Test
    void theTableListsTheCostliestStatementsPerSale() {
        String table = Report.table(report(1.2));
        assertThat(table).contains("statements that took the database longest, per sale");
        assertThat(table).containsPattern("0\\.050\\s+0\\.420\\s+3\\.00\\s+3\\.00\\s+60\\.0\\s+4\\.00\\s+0\\.00\\s+2100\\s+update payment set");
        assertThat(table).containsPattern("0\\.000\\s+0\\.310\\s+20\\.00\\s+20\\.00\\s+80\\.0\\s+1\\.00\\s+0\\.00\\s+0\\s+\\(nested\\) SELECT 1 FROM ONLY");
        assertThat(table).contains("8000 WAL bytes per sale");
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
        assertThat(table).contains("lean ceiling: lean lifecycle, 1000 sales at 50/s")
                .contains("1500 sales settled with their callbacks in 33.5 s; JIT compiler 2.00 % of the server's cpu");
        assertThat(table).containsPattern("cost\\s+5\\.60\\s+5\\.60\\s+11\\.20\\s+2\\.00\\s+58\\.00\\s+57\\.00\\s+33\\.00\\s+12\\.00");
        assertThat(table).containsPattern("x lean\\s+\\?\\s+7\\.00\\s+14\\.00\\s+2\\.00\\s+12\\.89\\s+6\\.33\\s+7\\.33\\s+3\\.00");
    }
}
