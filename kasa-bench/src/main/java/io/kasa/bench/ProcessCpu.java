package io.kasa.bench;

import java.util.stream.Stream;

/**
 * CPU time of the processes on the benchmark's side of the machine: this JVM, and the
 * PostgreSQL it started (the postmaster and its children; pg_ctl detaches the postmaster, so
 * it is found by its pid, not as a child of this process). Backends that exit between two
 * looks take their time with them, so the database figure is a lower bound when connections
 * churn; the server's pool keeps them open. PostgreSQL's processes are read to the nanosecond
 * ({@link ProcStat#runSeconds}): each backend's share of a short window is often under a tick.
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** This process's CPU seconds so far; NaN off Linux. */
    static double bench() {
        return ProcStat.read(ProcessHandle.current().pid()).map(ProcStat::cpuSeconds).orElse(Double.NaN);
    }

    /** The CPU seconds of the live processes of the PostgreSQL whose postmaster is {@code postmaster}; NaN when unknown. */
    static double database(long postmaster) {
        if (postmaster <= 0) {
            return Double.NaN;
        }
        return ProcessHandle.of(postmaster)
                .map(process -> Stream.concat(Stream.of(process), process.descendants())
                        .mapToDouble(each -> ProcStat.runSeconds(each.pid()).orElse(0.0))
                        .sum())
                .orElse(Double.NaN);
    }
}
