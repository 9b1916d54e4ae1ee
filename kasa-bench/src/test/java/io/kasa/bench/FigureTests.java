package io.kasa.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FigureTests {

    @Test
    void aFigureReadsThePercentilesOfItsHistogramInMicroseconds() {
        Histogram histogram = new Histogram(3);
        for (int micros = 1; micros <= 1_000; micros++) {
            histogram.recordValue(micros);
        }
        Figure figure = Figure.of("async sale response", histogram);
        assertThat(figure.count()).isEqualTo(1_000);
        assertThat(figure.p50()).isEqualTo(500);
        assertThat(figure.p90()).isEqualTo(900);
        assertThat(figure.p99()).isEqualTo(990);
        assertThat(figure.p999()).isEqualTo(999);
        assertThat(figure.max()).isEqualTo(1_000);
        assertThat(figure.percentiles()).containsKeys("p50", "p90", "p99", "p99.9", "max");
    }

    @Test
    void anEmptyFigureIsAllZeros() {
        Figure figure = Figure.of("nothing", new Histogram(3));
        assertThat(figure).isEqualTo(new Figure("nothing", 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void aRatioDividesEachPercentileByTheCeilingsAndHasNoneOverZero() {
        Figure sale = new Figure("sale", 100, 4_000, 6_000, 9_000, 12_000, 20_000, 4_500);
        Figure get = new Figure("GET", 100, 1_000, 2_000, 3_000, 0, 5_000, 1_100);
        assertThat(sale.ratioTo(get)).containsEntry("p50", 4.0).containsEntry("p90", 3.0).containsEntry("p99", 3.0)
                .containsEntry("p99.9", null).containsEntry("max", 4.0);
        assertThat(Figure.ratio(10, 0)).isNull();
        assertThat(Figure.ratio(Double.NaN, 1)).isNull();
    }

    @Test
    void latenciesAddTheIntervalsUpIntoTheTotal() {
        Latencies latencies = new Latencies("dispatch");
        latencies.recordNanos(1_000_000);
        latencies.recordNanos(2_000_000);
        assertThat(latencies.interval().getTotalCount()).isEqualTo(2);
        latencies.recordNanos(3_000_000);
        latencies.recordNanos(-5);
        assertThat(latencies.intervalP99()).isBetween(2_990L, 3_010L);
        Figure figure = latencies.figure();
        assertThat(figure.count()).isEqualTo(4);
        assertThat(figure.max()).isBetween(2_990L, 3_010L);
    }

    @Test
    void throughputIsCountedOverNoLessThanTheScheduleItself() {
        Throughput quick = Throughput.of(100, 50, Duration.ofSeconds(1), 0, 200_000_000);
        assertThat(quick.seconds()).isEqualTo(1.0);
        assertThat(quick.achieved()).isEqualTo(50.0);
        Throughput late = Throughput.of(100, 100, Duration.ofSeconds(1), 1_000, 2_000_001_000L);
        assertThat(late.achieved()).isCloseTo(50.0, within(0.001));
    }

    @Test
    void aRampStepIsHeldOnlyUnderTheLimitWithoutErrorsAndAtTheOfferedRate() {
        Duration limit = Duration.ofMillis(50);
        assertThat(RampScenario.Step.judge(400, 399, 49_000, 0, limit).held()).isTrue();
        assertThat(RampScenario.Step.judge(400, 399, 50_000, 0, limit).held()).isFalse();
        assertThat(RampScenario.Step.judge(400, 399, 1_000, 1, limit).held()).isFalse();
        assertThat(RampScenario.Step.judge(400, 370, 1_000, 0, limit).held()).isFalse();
    }

    @Test
    void theHighestRateHeldIsTheLastHeldStepBeforeTheFirstFailure() {
        Duration limit = Duration.ofMillis(50);
        List<RampScenario.Step> steps = List.of(
                RampScenario.Step.judge(100, 100, 5_000, 0, limit),
                RampScenario.Step.judge(200, 200, 8_000, 0, limit),
                RampScenario.Step.judge(400, 300, 90_000, 0, limit),
                RampScenario.Step.judge(600, 600, 8_000, 0, limit));
        assertThat(RampScenario.highestHeld(steps)).isEqualTo(200);
        assertThat(RampScenario.highestHeld(List.of(RampScenario.Step.judge(100, 10, 90_000, 3, limit)))).isZero();
    }
}
