package io.kasa.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * How many more sockets a process may open: its soft limit on open files
 * ({@code /proc/<pid>/limits}, "Max open files") less what it has open now
 * ({@code /proc/<pid>/fd}). Each live connection of a terminal costs one file descriptor in
 * the benchmark and one in the server.
 */
record FdBudget(long softLimit, long hardLimit, long open) {

    /** Left for bookkeeping: log files, jars, database connections, connections made later. */
    static final long RESERVE = 300;

    /** The budget of a process; empty when /proc cannot tell (not Linux, process gone). */
    static Optional<FdBudget> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            long open = fds.count();
            OptionalLong[] limits = parseLimits(Files.readString(proc.resolve("limits")));
            if (limits[0].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new FdBudget(limits[0].getAsLong(),
                    limits[1].orElse(limits[0].getAsLong()), open));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * The soft and hard limits of the "Max open files" line of a {@code /proc/<pid>/limits} text;
     * "unlimited" reads as {@link Long#MAX_VALUE}.
     */
    static OptionalLong[] parseLimits(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                return new OptionalLong[] {number(fields[0]), number(fields[1])};
            }
        }
        return new OptionalLong[] {OptionalLong.empty(), OptionalLong.empty()};
    }

    /** How many more connections fit, keeping the {@link #RESERVE}. */
    long headroom() {
        return Math.max(0, softLimit - open - RESERVE);
    }

    private static OptionalLong number(String field) {
        if (field.equals("unlimited")) {
            return OptionalLong.of(Long.MAX_VALUE);
        }
        try {
            return OptionalLong.of(Long.parseLong(field));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
