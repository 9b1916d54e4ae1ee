package io.kasa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time of a HotSpot JVM's just-in-time compiler: the threads named
 * {@code C1 CompilerThread<n>} and {@code C2 CompilerThread<n>}, which Linux shows cut to
 * {@code C1 CompilerThre} and {@code C2 CompilerThre} in {@code /proc/<pid>/task/<tid>/stat}.
 * A compiler thread that the JVM stops (it starts and stops them with the compile queue) takes
 * its time with it, so this is a lower bound; on two cores HotSpot keeps one thread of each
 * kind, and the first of each is never stopped.
 */
final class CompilerThreads {

    private static final String C1 = "C1 CompilerThre";
    private static final String C2 = "C2 CompilerThre";

    private CompilerThreads() {
    }

    /** Whether a thread of that name (as {@code /proc} shows it) compiles. */
    static boolean compiles(String threadName) {
        return threadName.startsWith(C1) || threadName.startsWith(C2);
    }

    /** The CPU seconds of the compiler threads among these {@code /proc/<pid>/task/<tid>/stat} lines. */
    static double cpuSeconds(Stream<String> threadStatLines) {
        return threadStatLines
                .filter(line -> compiles(ProcStat.command(line)))
                .mapToDouble(line -> ProcStat.parse(line).cpuSeconds())
                .sum();
    }

    /** The compiler threads' CPU seconds in process {@code pid} now; NaN when {@code /proc} cannot tell. */
    static double cpuSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            return cpuSeconds(threads.map(CompilerThreads::statLine).filter(line -> !line.isEmpty()));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A thread's stat line; empty when the thread ended since the directory was listed. */
    private static String statLine(Path thread) {
        try {
            return Files.readString(thread.resolve("stat"));
        } catch (IOException e) {
            return "";
        }
    }
}
