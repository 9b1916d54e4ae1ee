package io.kasa.bench;

import java.time.Duration;

/**
 * Reads what the machine has spent so far — the CPU time of the server, of its JIT compiler
 * threads, of PostgreSQL and of this process, and {@link DatabaseCounters} of one database —
 * so that two readings around a measured window give its cost per sale ({@link SaleCosts}).
 *
 * @param server      the server; null when the window has no server in it (the lean ceiling)
 * @param postmaster  the pid of the PostgreSQL the benchmark started; 0 when it did not
 * @param monitor     where the database counters are read; null when no database is known
 * @param database    the database whose statements and transactions count
 */
record CostMeter(ServerProbe server, long postmaster, JdbcTarget monitor, String database) {

    /**
     * How long to let PostgreSQL publish its counters before a reading: backends publish them
     * at most once a second, and within about a second of going idle.
     */
    static final Duration STATS_DELAY = Duration.ofMillis(1500);

    /**
     * Everything read at one moment; CPU in seconds since each process started, NaN when
     * unknown.
     */
    record Reading(long nanos, double serverCpu, double compilerCpu, double databaseCpu, double benchCpu,
                   DatabaseCounters counters) {
    }

    /** A reading after {@link #STATS_DELAY}, so that it includes the counters of the work just done. */
    Reading settledReading() throws InterruptedException {
        Thread.sleep(STATS_DELAY);
        return reading();
    }

    /** A reading now. */
    Reading reading() {
        return new Reading(System.nanoTime(),
                server == null ? Double.NaN : server.sample().cpuSeconds(),
                server == null ? Double.NaN : server.compilerCpuSeconds(),
                ProcessCpu.database(postmaster),
                ProcessCpu.bench(),
                DatabaseCounters.read(monitor, database));
    }

    /** The same meter for another database of the same PostgreSQL, without a server. */
    CostMeter forDatabaseAlone(String otherDatabase) {
        return new CostMeter(null, postmaster, monitor, otherDatabase);
    }
}
