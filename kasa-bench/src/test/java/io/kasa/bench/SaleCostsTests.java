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
        CostMeter.Reading before = reading(100, 50.0, 20.0, 30.0, 10.0, new DatabaseCounters(1_000, 2_000, 500, 300, 0, 1_000_000, null));
        CostMeter.Reading after = reading(130, 58.4, 20.42, 38.4, 13.0, new DatabaseCounters(88_000, 174_500, 50_000, 18_300, 0, 37_000_000, null));

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
        assertThat(costs.walBytes()).isEqualTo(24_000);
        assertThat(costs.compilerShare()).isCloseTo(0.05, within(1e-9));
        assertThat(costs.caveats()).isEmpty();
        assertThat(costs.costliest()).as("no statement counters were read").isEmpty();
    }

    private static StatementCounters statement(long queryId, boolean topLevel, String query, long calls, double execMs,
                                               long walBytes) {
        return new StatementCounters(queryId, topLevel, query, calls, execMs / 10, execMs, calls, calls * 10, 0, calls, 0, walBytes);
    }

    private static DatabaseCounters withStatements(StatementCounters... statements) {
        return new DatabaseCounters(0, 0, 0, 0, 0, 0, StatementCounters.byKey(List.of(statements)));
    }

    @Test
    void theCostliestStatementsAreWhatTheWindowAddedOrderedByExecutionTimePerSale() {
        CostMeter.Reading before = reading(0, 1, 0, 1, 1, withStatements(
                statement(1, true, "update payment set x = $1", 1_000, 900.0, 100_000),
                statement(2, true, "select 1", 10, 1.0, 0),
                statement(3, false, "SELECT 1 FROM ONLY \"public\".\"payment\" x WHERE \"id\" OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x", 500, 50.0, 0)));
        CostMeter.Reading after = reading(10, 2, 0, 2, 2, withStatements(
                statement(1, true, "update payment set x = $1", 1_400, 1_000.0, 180_000),
                statement(2, true, "select 1", 10, 1.0, 0),
                statement(3, false, "SELECT 1 FROM ONLY \"public\".\"payment\" x WHERE \"id\" OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x", 1_300, 250.0, 0),
                statement(3, true, "SELECT 1 FROM ONLY \"public\".\"payment\" x WHERE \"id\" OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x", 100, 5.0, 0),
                statement(4, true, "insert into\n    callback_delivery   (id)\n values ($1)", 200, 40.0, 20_000)));

        List<StatementCost> costliest = SaleCosts.between(before, after, 100, 200).costliest();

        assertThat(costliest).extracting(StatementCost::query).containsExactly(
                "SELECT 1 FROM ONLY \"public\".\"payment\" x WHERE \"id\" OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x",
                "update payment set x = $1",
                "insert into callback_delivery (id) values ($1)",
                "SELECT 1 FROM ONLY \"public\".\"payment\" x WHERE \"id\" OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x");
        assertThat(costliest).extracting(StatementCost::topLevel).containsExactly(false, true, true, true);
        StatementCost update = costliest.get(1);
        assertThat(update.calls()).as("divided by the sales the counters span").isEqualTo(2.0);
        assertThat(update.execMs()).isCloseTo(0.5, within(1e-9));
        assertThat(update.planMs()).isCloseTo(0.05, within(1e-9));
        assertThat(update.rows()).isEqualTo(2.0);
        assertThat(update.blocksHit()).isEqualTo(20.0);
        assertThat(update.blocksDirtied()).isEqualTo(2.0);
        assertThat(update.walBytes()).isEqualTo(400.0);
        assertThat(costliest.get(2).calls()).as("a statement first seen in the window counts whole").isEqualTo(1.0);
    }

    @Test
    void atMostTwelveStatementsAreKeptAndTheirTextIsShortened() {
        List<StatementCounters> many = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(statement(i, true, "select " + "x, ".repeat(100) + i, 10, i, 0));
        }
        CostMeter.Reading before = reading(0, 1, 0, 1, 1, withStatements());
        CostMeter.Reading after = reading(10, 2, 0, 2, 2, withStatements(many.toArray(StatementCounters[]::new)));

        List<StatementCost> costliest = SaleCosts.between(before, after, 10).costliest();

        assertThat(costliest).hasSize(StatementCounters.KEPT);
        assertThat(costliest.getFirst().execMs()).isEqualTo(1.9);
        assertThat(costliest.getFirst().planMs()).isCloseTo(0.19, within(1e-9));
        assertThat(costliest.getFirst().query()).hasSize(StatementCounters.QUERY_LENGTH).endsWith("…");
    }

    @Test
    void countersThatSpanTheBridgeToo() {
        CostMeter.Reading before = reading(100, 50.0, 20.0, 30.0, 10.0, new DatabaseCounters(1_000, 2_000, 500, 300, 0, -1, null));
        CostMeter.Reading after = reading(130, 58.4, 20.42, 38.4, 13.0, new DatabaseCounters(88_000, 174_500, 50_000, 18_300, 0, -1, null));

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
                new DatabaseCounters(100, 200, 50, 40, 0, -1, null));
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
        CostMeter.Reading before = reading(0, 1, 0, 1, 1, new DatabaseCounters(10, 0, 10, 10, 3, -1, null));
        CostMeter.Reading after = reading(1, 2, 0, 2, 2, new DatabaseCounters(100, 0, 20, 20, 5, -1, null));
        assertThat(SaleCosts.between(before, after, 10).caveats()).singleElement()
                .asString().contains("dropped entries 2 times").contains("lower bound");
    }

    @Test
    void countersAreSubtractedOneByOneAndUnknownStaysUnknown() {
        DatabaseCounters later = new DatabaseCounters(100, 50, 40, 30, 2, -1, null);
        DatabaseCounters earlier = new DatabaseCounters(60, -1, 10, 5, 2, -1, null);
        assertThat(later.minus(earlier)).isEqualTo(new DatabaseCounters(40, -1, 30, 25, 0, -1, null));
    }

    @Test
    void theCompilersShareNeedsBothTimesAndSomeWork() {
        assertThat(SaleCosts.compilerShare(0.23, 1.0)).isEqualTo(0.23);
        assertThat(SaleCosts.compilerShare(0.1, 0)).isNaN();
        assertThat(SaleCosts.compilerShare(Double.NaN, 1)).isNaN();
    }

    @Test
    void eachFigureIsReadAgainstTheLeanLifecycleAndTheServerAgainstTheLeanDatabase() {
        SaleCosts kasa = new SaleCosts(1_500, 30, 5.6, 5.6, 2.0, 58, 57, 33, 12, 30_000, 0.01, List.of(), List.of());
        SaleCosts lean = new SaleCosts(1_000, 20, Double.NaN, 0.8, 1.0, 4.4, 8.8, 4.4, 4, 10_000, Double.NaN, List.of(), List.of());
        var ratios = kasa.ratioTo(lean);
        assertThat(ratios.get("databaseCpuMs")).isCloseTo(7.0, within(1e-9));
        assertThat(ratios.get("serverAndDatabaseCpuMs")).isCloseTo(14.0, within(1e-9));
        assertThat(ratios.get("statements")).isCloseTo(58 / 4.4, within(1e-9));
        assertThat(ratios.get("durableCommits")).isCloseTo(3.0, within(1e-9));
        assertThat(ratios.get("serverCpuMs")).isNull();
        assertThat(ratios).containsKeys("benchCpuMs", "nestedStatements", "transactions");
    }
}
