package io.kasa.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a measured window cost per sale: the CPU of each process and the database's work,
 * divided by the sales completed in the window (for Kasa, the sales whose final callback
 * arrived; for the lean ceiling, the sales whose four callbacks were marked delivered). NaN
 * where unknown. A window includes everything each process did in it, the server's own
 * background work (timers, heartbeats, the callback poll) too.
 *
 * @param sales           the sales completed in the window
 * @param seconds         the window's length
 * @param serverCpuMs     the server process's CPU (all its threads), ms per sale
 * @param databaseCpuMs   PostgreSQL's CPU (the postmaster and every live child), ms per sale
 * @param benchCpuMs      the benchmark process's CPU, ms per sale
 * @param statements      top-level statements its clients ran in the measured database, per sale
 * @param nestedStatements statements run inside those (foreign-key checks), per sale
 * @param transactions    transactions committed or rolled back in the measured database, per sale
 * @param durableCommits  WAL flushes to disk in the whole cluster, per sale
 * @param walBytes        WAL the whole cluster generated, bytes per sale
 * @param compilerShare   the JIT compiler threads' share of the server's CPU in the window
 * @param caveats         what makes a number a bound rather than a count
 * @param costliest       the statements that took the database the most execution time in the
 *                        measured database, costliest first, each per sale (none when unknown)
 */
record SaleCosts(long sales, double seconds, double serverCpuMs, double databaseCpuMs, double benchCpuMs,
                 double statements, double nestedStatements, double transactions, double durableCommits,
                 double walBytes, double compilerShare, List<String> caveats, List<StatementCost> costliest) {

    /** The JIT compiler's share of the server's CPU below which the server counts as warm. */
    static final double WARM_COMPILER_SHARE = 0.05;

    /** The costs of the window between two readings, over the {@code sales} completed in it. */
    static SaleCosts between(CostMeter.Reading before, CostMeter.Reading after, long sales) {
        return between(before, after, sales, sales);
    }

    /**
     * As {@link #between(CostMeter.Reading, CostMeter.Reading, long)}, when the readings'
     * database counters span a longer stretch of the same load than their CPU: the counters
     * are divided by the {@code countedSales} completed in that stretch.
     */
    static SaleCosts between(CostMeter.Reading before, CostMeter.Reading after, long sales, long countedSales) {
        DatabaseCounters counters = after.counters().minus(before.counters());
        List<String> caveats = new ArrayList<>();
        if (counters.evictions() > 0) {
            caveats.add("pg_stat_statements dropped entries " + counters.evictions()
                    + " times in the window: statements per sale are a lower bound");
        }
        double serverCpu = after.serverCpu() - before.serverCpu();
        return new SaleCosts(sales, (after.nanos() - before.nanos()) / 1e9,
                perSale(serverCpu * 1000, sales),
                perSale((after.databaseCpu() - before.databaseCpu()) * 1000, sales),
                perSale((after.benchCpu() - before.benchCpu()) * 1000, sales),
                perSale(counters.statements(), countedSales),
                perSale(counters.nestedStatements(), countedSales),
                perSale(counters.transactions(), countedSales),
                perSale(counters.walFlushes(), countedSales),
                perSale(counters.walBytes(), countedSales),
                compilerShare(after.compilerCpu() - before.compilerCpu(), serverCpu),
                caveats,
                StatementCounters.costliest(before.counters().byStatement(), after.counters().byStatement(), countedSales));
    }

    /** The compiler threads' part of a process's CPU time; NaN when either is unknown or nothing ran. */
    static double compilerShare(double compilerCpu, double processCpu) {
        if (Double.isNaN(compilerCpu) || Double.isNaN(processCpu) || processCpu <= 0) {
            return Double.NaN;
        }
        return compilerCpu / processCpu;
    }

    private static double perSale(double total, long sales) {
        return total < 0 || Double.isNaN(total) || sales <= 0 ? Double.NaN : total / sales;
    }

    /** Server and PostgreSQL together, ms per sale: what the sale cost the machine apart from its clients. */
    double serverAndDatabaseCpuMs() {
        return serverCpuMs + databaseCpuMs;
    }

    /** The figures per sale by name, in the order the report prints them. */
    Map<String, Double> perSale() {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("serverCpuMs", serverCpuMs);
        figures.put("databaseCpuMs", databaseCpuMs);
        figures.put("serverAndDatabaseCpuMs", serverAndDatabaseCpuMs());
        figures.put("benchCpuMs", benchCpuMs);
        figures.put("statements", statements);
        figures.put("nestedStatements", nestedStatements);
        figures.put("transactions", transactions);
        figures.put("durableCommits", durableCommits);
        figures.put("walBytes", walBytes);
        return figures;
    }

    /**
     * Each figure per sale divided by the same figure of a ceiling (the lean lifecycle): how many
     * times the floor's cost it is. A lean sale has no server, so the server and PostgreSQL
     * together are divided by the lean PostgreSQL's CPU, the whole cost of a lean sale; figures
     * the ceiling does not have are null.
     */
    Map<String, Double> ratioTo(SaleCosts ceiling) {
        Map<String, Double> theirs = ceiling.perSale();
        theirs.put("serverAndDatabaseCpuMs", ceiling.databaseCpuMs);
        Map<String, Double> ratios = new LinkedHashMap<>();
        perSale().forEach((name, value) -> ratios.put(name, Figure.ratio(value, theirs.get(name))));
        return ratios;
    }
}
