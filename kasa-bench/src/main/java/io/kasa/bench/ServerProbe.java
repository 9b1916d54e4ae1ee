package io.kasa.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the benchmark can see of the server's resources. Heap use comes from its Prometheus
 * endpoint ({@code jvm_memory_used_bytes{area="heap"}}, all pools added up), and so does the
 * number of requests waiting for a database connection. CPU time comes
 * from {@code /proc/<pid>/stat} when the benchmark owns the process, else from the endpoint's
 * {@code process_cpu_time_ns_total}. A forced collection needs the process: {@code jcmd}.
 */
final class ServerProbe {

    /**
     * One look at the server.
     *
     * @param cpuSeconds CPU time used since the process started; NaN when unknown
     * @param heapBytes  heap in use now; -1 when unknown
     * @param poolPending requests waiting for a database connection now
     *                   ({@code hikaricp_connections_pending}); -1 when unknown
     * @param alive      whether the server answered (or, when owned, its process lives)
     */
    record Sample(double cpuSeconds, long heapBytes, long poolPending, boolean alive) {
    }

    /** Below this much CPU (in cores) over a second, the server counts as quiet. */
    static final double QUIET_CORES = 0.3;

    private final URI baseUri;
    private final String token;
    private final ServerProcess process;
    private final long databasePid;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /**
     * {@code process} is null when the benchmark measures a server it did not start;
     * {@code databasePid} is the postmaster of the PostgreSQL the benchmark started, or 0;
     * {@code token} is the admin token, which the server's metrics answer to.
     */
    ServerProbe(URI baseUri, String token, ServerProcess process, long databasePid) {
        this.baseUri = baseUri;
        this.token = token;
        this.process = process;
        this.databasePid = databasePid;
    }

    /** The postmaster of the benchmark's own PostgreSQL; 0 when it measures another database. */
    long databasePid() {
        return databasePid;
    }

    boolean owned() {
        return process != null;
    }

    Optional<ServerProcess> process() {
        return Optional.ofNullable(process);
    }

    /**
     * The server now. When its metrics endpoint does not answer (a server drowning in garbage
     * collection stops answering HTTP first) and the benchmark owns the process, the heap is
     * read with {@code jcmd GC.heap_info} instead.
     */
    Sample sample() {
        Optional<PrometheusText> metrics = scrape();
        long heap = metrics.flatMap(text -> present(text.sum("jvm_memory_used_bytes", Map.of("area", "heap"))))
                .map(Double::longValue)
                .orElseGet(() -> process == null ? -1L : process.heapUsed());
        long pending = metrics.flatMap(text -> present(text.value("hikaricp_connections_pending")))
                .map(Double::longValue).orElse(-1L);
        double cpu;
        boolean alive;
        if (process != null) {
            alive = process.isAlive();
            cpu = cpuSeconds();
        } else {
            alive = metrics.isPresent();
            cpu = metrics.flatMap(text -> present(text.value("process_cpu_time_ns_total")))
                    .map(nanos -> nanos / 1e9).orElse(Double.NaN);
        }
        return new Sample(cpu, heap, pending, alive);
    }

    /**
     * A sample of a server the benchmark owns without asking it anything: its CPU from
     * {@code /proc}, its heap and pool as {@code earlier} read them.
     */
    Sample cpuSample(Sample earlier) {
        return new Sample(cpuSeconds(), earlier.heapBytes(), earlier.poolPending(), process.isAlive());
    }

    /**
     * The server process's CPU seconds so far, from {@code /proc} and without asking the server
     * anything; NaN when the benchmark does not own the process.
     */
    double cpuSeconds() {
        return process == null ? Double.NaN : ProcStat.read(process.pid()).map(ProcStat::cpuSeconds).orElse(Double.NaN);
    }

    /** The CPU seconds of the server's JIT compiler threads so far; NaN when the benchmark does not own the process. */
    double compilerCpuSeconds() {
        return process == null ? Double.NaN : CompilerThreads.cpuSeconds(process.pid());
    }

    /**
     * As {@link #heapAfterGc()}, and the live heap's class histogram written to the run's
     * directory as {@code <name>.histogram.txt}, so that a heap figure can be attributed.
     */
    long heapAfterGc(String name) {
        long heap = heapAfterGc();
        if (heap >= 0) {
            try {
                process.writeClassHistogram(name);
            } catch (IOException e) {
                System.err.println("Writing the server's class histogram failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return heap;
    }

    /**
     * Heap in use right after a full collection (two, so that what the first freed is gone);
     * -1 when the benchmark does not own the process or the server did not answer.
     */
    long heapAfterGc() {
        if (process == null || !process.isAlive()) {
            return -1;
        }
        try {
            process.forceGc();
            process.forceGc();
        } catch (IOException e) {
            System.err.println("Forcing a collection in the server failed: " + e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        return sample().heapBytes();
    }

    /**
     * Waits until the server is quiet, so that a measurement does not start while it is still
     * working through what an earlier one left (queued requests, callbacks): until a one-second
     * sample shows it using less than {@link #QUIET_CORES} of a core, or {@code atMost} passed.
     * Returns whether it became quiet; true at once when its CPU cannot be read.
     */
    boolean awaitQuiet(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        Sample before = sample();
        long beforeNanos = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            Sample now = sample();
            long nowNanos = System.nanoTime();
            double cores = (now.cpuSeconds() - before.cpuSeconds()) / ((nowNanos - beforeNanos) / 1e9);
            if (Double.isNaN(cores) || cores < QUIET_CORES) {
                return true;
            }
            before = now;
            beforeNanos = nowNanos;
        }
        return false;
    }

    /** The server process's file-descriptor budget; empty when not owned or /proc cannot tell. */
    Optional<FdBudget> fdBudget() {
        return process == null ? Optional.empty() : FdBudget.of(process.pid());
    }

    private Optional<PrometheusText> scrape() {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/manage/prometheus"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(new PrometheusText(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Double> present(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }
}
