package io.kasa.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SaleCostsTests {

    private static CostMeter.Reading reading(double seconds, double server, double compiler, double database, double bench,
                                             DatabaseCounters counters) {
        return new CostMeter.Reading((long) (seconds * 1e9), server, compiler, database, bench, counters);
    }

    @Test
    void aWindowsCostsAreDividedByTheSalesCompletedInIt() {
        CostMeter.Reading before = reading(100, 50.0, 20.0, 30.0, 10.0, new DatabaseCounters(1_000, 2_000, 500, 300, 0));
        CostMeter.Reading after = reading(130, 58.4, 20.42, 38.4, 13.0, new DatabaseCounters(88_000, 174_500, 50_000, 18_300, 0));

        SaleCosts costs = SaleCosts.between(before, after, 1_500);

        assertThat(costs.sales()).isEqualTo(1_500);
        assertThat(costs.seconds()).isCloseTo(30, within(1e-9));
        assertThat(costs.serverCpuMs()).isCloseTo(5.6, within(1e-9));
        assertThat(costs.databaseCpuMs()).isCloseTo(5.6, within(1e-9));
        assertThat(costs.serverAndDatabaseCpuMs()).isCloseTo(11.2, within(1e-9));
        assertThat(costs.benchCpuMs()).isCloseTo(2.0, within(1e-9));
        assertThat(costs.statements()).isEqualTo(58);
        assertThat(costs.nestedStatements()).isEqualTo(115);
        assertThat(costs.transactions()).isEqualTo(33);
        assertThat(costs.durableCommits()).isEqualTo(12);
        assertThat(costs.compilerShare()).isCloseTo(0.05, within(1e-9));
        assertThat(costs.caveats()).isEmpty();
    }

    @Test
    void countersThatSpanTheBridgeToo() {
        CostMeter.Reading before = reading(100, 50.0, 20.0, 30.0, 10.0, new DatabaseCounters(1_000, 2_000, 500, 300, 0));
        CostMeter.Reading after = reading(130, 58.4, 20.42, 38.4, 13.0, new DatabaseCounters(88_000, 174_500, 50_000, 18_300, 0));

        SaleCosts costs = SaleCosts.between(before, after, 1_000, 1_500);

        assertThat(costs.sales()).isEqualTo(1_000);
        assertThat(costs.serverCpuMs()).isCloseTo(8.4, within(1e-9));
        assertThat(costs.databaseCpuMs()).isCloseTo(8.4, within(1e-9));
        assertThat(costs.statements()).isEqualTo(58);
        assertThat(costs.transactions()).isEqualTo(33);
        assertThat(costs.durableCommits()).isEqualTo(12);
    }

    @Test
    void whatCouldNotBeReadIsUnknownNotZero() {
        CostMeter.Reading before = reading(0, Double.NaN, Double.NaN, 1.0, 1.0, DatabaseCounters.UNKNOWN);
        CostMeter.Reading after = reading(10, Double.NaN, Double.NaN, 2.0, 2.0,
                new DatabaseCounters(100, 200, 50, 40, 0));
        SaleCosts costs = SaleCosts.between(before, after, 10);
        assertThat(costs.serverCpuMs()).isNaN();
        assertThat(costs.compilerShare()).isNaN();
        assertThat(costs.statements()).isNaN();
        assertThat(costs.durableCommits()).isNaN();
        assertThat(costs.databaseCpuMs()).isCloseTo(100, within(1e-9));

        SaleCosts none = SaleCosts.between(before, after, 0);
        assertThat(none.databaseCpuMs()).as("no sale completed: nothing to divide by").isNaN();
    }

    @Test
    void droppedStatementEntriesAreSaid() {
        CostMeter.Reading before = reading(0, 1, 0, 1, 1, new DatabaseCounters(10, 0, 10, 10, 3));
        CostMeter.Reading after = reading(1, 2, 0, 2, 2, new DatabaseCounters(100, 0, 20, 20, 5));
        assertThat(SaleCosts.between(before, after, 10).caveats()).singleElement()
                .asString().contains("dropped entries 2 times").contains("lower bound");
    }

    @Test
    void countersAreSubtractedOneByOneAndUnknownStaysUnknown() {
        DatabaseCounters later = new DatabaseCounters(100, 50, 40, 30, 2);
        DatabaseCounters earlier = new DatabaseCounters(60, -1, 10, 5, 2);
        assertThat(later.minus(earlier)).isEqualTo(new DatabaseCounters(40, -1, 30, 25, 0));
    }

    @Test
    void theCompilersShareNeedsBothTimesAndSomeWork() {
        assertThat(SaleCosts.compilerShare(0.23, 1.0)).isEqualTo(0.23);
        assertThat(SaleCosts.compilerShare(0.1, 0)).isNaN();
        assertThat(SaleCosts.compilerShare(Double.NaN, 1)).isNaN();
    }

    @Test
    void eachFigureIsReadAgainstTheLeanLifecycleAndTheServerAgainstTheLeanDatabase() {
        SaleCosts kasa = new SaleCosts(1_500, 30, 5.6, 5.6, 2.0, 58, 57, 33, 12, 0.01, List.of());
        SaleCosts lean = new SaleCosts(1_000, 20, Double.NaN, 0.8, 1.0, 4.4, 8.8, 4.4, 4, Double.NaN, List.of());
        var ratios = kasa.ratioTo(lean);
        assertThat(ratios.get("databaseCpuMs")).isCloseTo(7.0, within(1e-9));
        assertThat(ratios.get("serverAndDatabaseCpuMs")).isCloseTo(14.0, within(1e-9));
        assertThat(ratios.get("statements")).isCloseTo(58 / 4.4, within(1e-9));
        assertThat(ratios.get("durableCommits")).isCloseTo(3.0, within(1e-9));
        assertThat(ratios.get("serverCpuMs")).isNull();
        assertThat(ratios).containsKeys("benchCpuMs", "nestedStatements", "transactions");
    }
}
