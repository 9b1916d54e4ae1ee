package io.kasa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CPU time and resident memory of one Linux process, read from {@code /proc/<pid>/stat}
 * (proc(5)): {@code utime} and {@code stime} in clock ticks (fields 14 and 15) and {@code rss}
 * in pages (field 24). The second field, the command name, is in parentheses and may itself
 * hold spaces and parentheses, so fields are counted from the last {@code ')'}.
 */
record ProcStat(long userTicks, long systemTicks, long rssPages) {

    /** Linux reports {@code /proc} times in USER_HZ, which is 100 on every mainstream architecture. */
    static final long TICKS_PER_SECOND = 100;
    static final long PAGE_SIZE = 4096;

    static ProcStat parse(String line) {
        int end = line.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        String[] fields = line.substring(end + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        if (fields.length < 22) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat line: " + line);
        }
        return new ProcStat(Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[21]));
    }

    /**
     * The command name of a {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} line:
     * for a thread, the thread's name as the JVM set it, cut to 15 characters by the kernel.
     */
    static String command(String line) {
        int start = line.indexOf('(');
        int end = line.lastIndexOf(')');
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        return line.substring(start + 1, end);
    }

    /** The process's figures now; empty when it is gone or this is not Linux. */
    static Optional<ProcStat> read(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The CPU seconds a single-threaded process has run, to the nanosecond: the first field of
     * {@code /proc/<pid>/schedstat} (the main thread's time on a CPU; all a PostgreSQL
     * process has). {@code stat}'s times are whole clock ticks per process, so a backend that
     * ran 4 ms shows none, and a short run spread over a few connections could read zero. Falls
     * back to {@code stat} where the kernel keeps no schedstat; empty when the process is gone.
     */
    static Optional<Double> runSeconds(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "schedstat")).trim();
            return Optional.of(parseRunNanos(line) / 1e9);
        } catch (IOException | RuntimeException e) {
            return read(pid).map(ProcStat::cpuSeconds);
        }
    }

    /** The first field of a {@code /proc/<pid>/schedstat} line: nanoseconds on a CPU. */
    static long parseRunNanos(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 3) {
            throw new IllegalArgumentException("not a /proc/<pid>/schedstat line: " + line);
        }
        return Long.parseLong(fields[0]);
    }

    /** User plus system time, in seconds. */
    double cpuSeconds() {
        return (double) (userTicks + systemTicks) / TICKS_PER_SECOND;
    }

    long rssBytes() {
        return rssPages * PAGE_SIZE;
    }
}
