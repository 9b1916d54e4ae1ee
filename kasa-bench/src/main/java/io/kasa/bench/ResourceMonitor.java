package io.kasa.bench;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Samples the server (CPU, heap), this process and the benchmark's PostgreSQL once a second
 * while a scenario runs, prints one progress line per sample, and adds the samples up into
 * {@link Resources} when stopped. The server's heap and pool come from its metrics endpoint,
 * which is asked every {@link #SCRAPE_EVERY} seconds only when the benchmark owns the server
 * (its CPU then comes from {@code /proc}): a scrape costs the server a few milliseconds of CPU,
 * which at 50 sales a second was 5 % of the server's CPU in the window.
 */
final class ResourceMonitor implements AutoCloseable {

    /** How often, in samples, the metrics of a server the benchmark owns are read. */
    static final int SCRAPE_EVERY = 5;

    private final String label;
    private final ServerProbe server;
    private final Supplier<String> status;
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private final ServerProbe.Sample first;
    private final double benchFirst;
    private final double databaseFirst;

    private volatile boolean running = true;
    private volatile ServerProbe.Sample last;
    private volatile double serverCpuPeak;
    private volatile long heapPeak = -1;
    private volatile long poolPendingPeak = -1;
    private volatile long lastNanos;
    private volatile String lastLine = "";
    private int ticks;

    /** Starts sampling; {@code status} gives the scenario's part of the progress line. */
    ResourceMonitor(String label, ServerProbe server, Supplier<String> status) {
        this.label = label;
        this.server = server;
        this.status = status;
        this.first = server.sample();
        this.last = first;
        this.lastNanos = startNanos;
        this.benchFirst = ProcessCpu.bench();
        this.databaseFirst = ProcessCpu.database(server.databasePid());
        this.thread = Thread.ofPlatform().daemon().name("kasa-bench-monitor").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                tick(true, false);
            }
        }
    }

    /** One sample; {@code full} reads the server's metrics whatever the count. */
    private void tick(boolean print, boolean full) {
        long now = System.nanoTime();
        ServerProbe.Sample sample = full || !server.owned() || ++ticks % SCRAPE_EVERY == 0
                ? server.sample() : server.cpuSample(last);
        double seconds = (now - lastNanos) / 1e9;
        double cpu = (sample.cpuSeconds() - last.cpuSeconds()) / seconds;
        if (!Double.isNaN(cpu) && cpu > serverCpuPeak) {
            serverCpuPeak = cpu;
        }
        if (sample.heapBytes() > heapPeak) {
            heapPeak = sample.heapBytes();
        }
        if (sample.poolPending() > poolPendingPeak) {
            poolPendingPeak = sample.poolPending();
        }
        last = sample;
        lastNanos = now;
        String line = String.format(Locale.ROOT, "[%s %3ds] %s | server cpu %s heap %s db waits %s%s", label,
                Math.round((now - startNanos) / 1e9), status.get(), cores(cpu), megabytes(sample.heapBytes()),
                sample.poolPending() < 0 ? "?" : Long.toString(sample.poolPending()), sample.alive() ? "" : " DOWN");
        lastLine = line;
        if (print) {
            System.out.println(line);
        }
    }

    /** The last progress line printed. */
    String lastLine() {
        return lastLine;
    }

    /** Stops sampling and sums up the window since construction. */
    Resources stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tick(false, true);
        double seconds = (lastNanos - startNanos) / 1e9;
        return new Resources(
                (last.cpuSeconds() - first.cpuSeconds()) / seconds,
                serverCpuPeak,
                (ProcessCpu.bench() - benchFirst) / seconds,
                (ProcessCpu.database(server.databasePid()) - databaseFirst) / seconds,
                heapPeak, last.heapBytes(), poolPendingPeak, seconds);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    static String cores(double cores) {
        return Double.isNaN(cores) ? "?" : String.format(Locale.ROOT, "%.2f", cores);
    }

    static String megabytes(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%d MB", bytes / (1024 * 1024));
    }
}
