package io.kasa.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTests {

    @Test
    void noScenarioMeansAllAndScenariosRunInTheirOwnOrder() {
        assertThat(BenchOptions.parse().scenarios()).isEqualTo(BenchOptions.SCENARIOS);
        assertThat(BenchOptions.parse("held", "async", "held").scenarios()).containsExactly("async", "held");
        assertThat(BenchOptions.parse("all").scenarios()).isEqualTo(BenchOptions.SCENARIOS);
    }

    @Test
    void aScenarioOptionWinsOverThePlainOneWhichWinsOverTheDefault() {
        BenchOptions options = BenchOptions.parse("async", "idle", "--terminals", "10", "--idle.terminals=2000",
                "--think", "250ms", "--duration", "2m", "--rates", "100,250.5");
        assertThat(options.scenarioInt("idle", "terminals", 20_000)).isEqualTo(2_000);
        assertThat(options.scenarioInt("async", "terminals", 50)).isEqualTo(10);
        assertThat(options.scenarioInt("sync", "held", 5_000)).isEqualTo(5_000);
        assertThat(options.scenarioDuration("async", "think", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(options.scenarioDuration("async", "duration", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.scenarioRates("ramp", "rates", List.of())).containsExactly(100.0, 250.5);
        assertThat(options.rate("warmup-rate", 0)).isZero();
        assertThat(BenchOptions.parse("--warmup-rate", "200").rate("warmup-rate", 0)).isEqualTo(200.0);
    }

    @Test
    void durationsTakeUnitsAndABareNumberIsSeconds() {
        assertThat(BenchOptions.parseDuration("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchOptions.parseDuration("x", "1.5s")).isEqualTo(Duration.ofMillis(1_500));
        assertThat(BenchOptions.parseDuration("x", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(BenchOptions.parseDuration("x", "3")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> BenchOptions.parseDuration("x", "soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void helpIsAskedForAnywhereOnTheLineAndNothingElseIs() {
        assertThat(BenchOptions.asksForHelp("--help")).isTrue();
        assertThat(BenchOptions.asksForHelp("async", "-h")).isTrue();
        assertThat(BenchOptions.asksForHelp("help")).isTrue();
        assertThat(BenchOptions.asksForHelp("async", "--rate", "50")).isFalse();
        assertThat(BenchOptions.asksForHelp()).isFalse();
    }

    @Test
    void mistakesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> BenchOptions.parse("fast")).hasMessageContaining("fast");
        assertThatThrownBy(() -> BenchOptions.parse("--speed", "3")).hasMessageContaining("--speed");
        assertThatThrownBy(() -> BenchOptions.parse("--idle.rates", "3")).hasMessageContaining("--idle.rates");
        assertThatThrownBy(() -> BenchOptions.parse("--rate")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--rate", "-4").scenarioRate("async", "rate", 1))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchOptions.parse("--jfr", "maybe").on("jfr", true)).hasMessageContaining("on or off");
    }
}
