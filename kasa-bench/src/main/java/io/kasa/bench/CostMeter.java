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
     * How long to let PostgreSQL publish its counters before reading them: a busy backend
     * publishes them at most once a second, and one that goes idle less than a second after
     * its last publication keeps them until a ten-second timer fires (PGSTAT_IDLE_INTERVAL in
     * PostgreSQL's pgstat.c). The server keeps its pooled connections open, so only waiting
     * tells.
     */
    static final Duration STATS_DELAY = Duration.ofSeconds(11);

    /**
     * Everything read at one moment; CPU in seconds since each process started, NaN when
     * unknown.
     */
    record Reading(long nanos, double serverCpu, double compilerCpu, double databaseCpu, double benchCpu,
                   DatabaseCounters counters) {

        Reading with(DatabaseCounters later) {
            return new Reading(nanos, serverCpu, compilerCpu, databaseCpu, benchCpu, later);
        }
    }

    /**
     * The reading that opens a window: the database's counters once what came before has had
     * {@code delay} to be published, then the processes' CPU; the window starts now.
     */
    Reading beforeWindow(Duration delay) throws InterruptedException {
        Thread.sleep(delay);
        DatabaseCounters counters = counters();
        return cpu(counters);
    }

    /**
     * The reading that closes a window that ends now: the processes' CPU now, then the
     * database's counters once the window's work has had {@code delay} to be published (they
     * then also hold whatever the idle server did meanwhile: a few timer queries a second).
     */
    Reading afterWindow(Duration delay) throws InterruptedException {
        Reading cpu = cpu(DatabaseCounters.UNKNOWN);
        Thread.sleep(delay);
        return cpu.with(counters());
    }

    /** The database's counters now, as far as PostgreSQL has published them. */
    DatabaseCounters counters() {
        return DatabaseCounters.read(monitor, database);
    }

    /** A reading now, without the database's counters: for the JIT compiler's share. */
    Reading cpuNow() {
        return cpu(DatabaseCounters.UNKNOWN);
    }

    private Reading cpu(DatabaseCounters counters) {
        return new Reading(System.nanoTime(),
                server == null ? Double.NaN : server.sample().cpuSeconds(),
                server == null ? Double.NaN : server.compilerCpuSeconds(),
                ProcessCpu.database(postmaster),
                ProcessCpu.bench(),
                counters);
    }

    /** The same meter for another database of the same PostgreSQL, without a server. */
    CostMeter forDatabaseAlone(String otherDatabase) {
        return new CostMeter(null, postmaster, monitor, otherDatabase);
    }
}
