package io.kasa.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole benchmark, briefly, against the real server jar built by this reactor: a tiny async
 * and sync load must produce a report with figures and without errors, and the server's
 * profile, and the ceilings beside it must have been measured without errors (the commit
 * loop only briefly). It says nothing about how fast anything was; the ceilings' arithmetic
 * is covered by the unit tests. The costs per sale and the lean-lifecycle ceiling must be there
 * and plausible (statements and commits counted), never held to a number of milliseconds.
 */
class BenchSmokeIT {

    private static final Path SERVER_JAR = Path.of("..", "kasa-server", "target", "kasa-server.jar");

    @Test
    void aTinyAsyncAndSyncRunReportsFiguresAndNoErrors() throws Exception {
        assertThat(SERVER_JAR).as("the server jar, built before this module").exists();
        Path out = Path.of("target", "bench-smoke");

        RunReport report = Bench.run(BenchOptions.parse("async", "sync",
                "--server-jar", SERVER_JAR.toString(), "--out", out.toString(), "--server-heap", "512m",
                "--terminals", "2", "--rate", "20", "--duration", "1s", "--think", "10ms",
                "--warmup", "1s", "--warmup-max", "2s", "--bridge", "1s", "--commit-duration", "1s", "--lean-duration", "1s",
                "--drain", "20s"));

        Path results = out.resolve(report.run()).resolve("results.json");
        assertThat(results).exists();
        assertThat(out.resolve(report.run()).resolve("server.jfr")).exists();
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(results));
        assertThat(json.get("scenarios")).hasSize(2);
        JsonNode lean = json.get("leanCeiling");
        assertThat(lean.get("failures").asLong()).as("the lean ceiling's failures").isZero();
        assertThat(lean.get("costs").get("sales").asLong()).as("lean sales").isPositive();
        assertThat(lean.get("costs").get("statements").asDouble()).as("lean statements per sale").isGreaterThanOrEqualTo(4);
        assertThat(lean.get("costs").get("transactions").asDouble()).as("lean transactions per sale").isGreaterThanOrEqualTo(4);
        assertThat(lean.get("costs").get("durableCommits").asDouble()).as("lean durable commits per sale").isPositive();
        assertThat(lean.get("costs").get("databaseCpuMs").asDouble()).as("lean PostgreSQL cpu per sale").isPositive();
        for (JsonNode scenario : json.get("scenarios")) {
            String name = scenario.get("name").asString();
            assertThat(scenario.get("figures")).as(name).hasSize(3);
            for (JsonNode figure : scenario.get("figures")) {
                assertThat(figure.get("count").asLong()).as(name + ": " + figure.get("name")).isEqualTo(20);
            }
            assertThat(scenario.get("throughput").get("count").asLong()).as(name).isEqualTo(20);
            for (var error : scenario.get("errors").properties()) {
                assertThat(error.getValue().asLong()).as(name + ": " + error.getKey()).isZero();
            }
            assertThat(scenario.get("profile").get("samples").asLong()).as(name).isPositive();
            JsonNode costs = scenario.get("costs");
            assertThat(costs.get("sales").asLong()).as(name + ": sales settled in the window").isEqualTo(20);
            assertThat(costs.get("statements").asDouble()).as(name + ": statements per sale").isPositive();
            assertThat(costs.get("nestedStatements").asDouble()).as(name + ": foreign-key checks per sale").isPositive();
            assertThat(costs.get("transactions").asDouble()).as(name + ": transactions per sale").isGreaterThanOrEqualTo(1);
            assertThat(costs.get("durableCommits").asDouble()).as(name + ": durable commits per sale").isGreaterThanOrEqualTo(1);
            assertThat(costs.get("serverCpuMs").asDouble()).as(name + ": server cpu per sale").isPositive();
            assertThat(costs.get("databaseCpuMs").asDouble()).as(name + ": PostgreSQL cpu per sale").isPositive();
            assertThat(costs.get("compilerShare").isNumber()).as(name + ": the JIT compiler's share").isTrue();
            assertThat(scenario.get("ratios").get("costs").get("toLean").get("statements").asDouble())
                    .as(name + ": statements x lean").isPositive();
            JsonNode ceiling = scenario.get("endpoint");
            assertThat(ceiling.get("latency").get("count").asLong()).as(name + ": the GET ceiling's answers").isEqualTo(20);
            assertThat(ceiling.get("errors").asLong()).as(name + ": the GET ceiling's errors").isZero();
        }
    }
}
