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
 * endpoint ({@code jvm_memory_used_bytes{area="heap"}}, all pools added up). CPU time comes
 * from {@code /proc/<pid>/stat} when the benchmark owns the process, else from the endpoint's
 * {@code process_cpu_time_ns_total}. A forced collection needs the process: {@code jcmd}.
 */
final class ServerProbe {

    /**
     * One look at the server.
     *
     * @param cpuSeconds CPU time used since the process started; NaN when unknown
     * @param heapBytes  heap in use now; -1 when unknown
     * @param alive      whether the server answered (or, when owned, its process lives)
     */
    record Sample(double cpuSeconds, long heapBytes, boolean alive) {
    }

    private final URI baseUri;
    private final ServerProcess process;
    private final long databasePid;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /**
     * {@code process} is null when the benchmark measures a server it did not start;
     * {@code databasePid} is the postmaster of the PostgreSQL the benchmark started, or 0.
     */
    ServerProbe(URI baseUri, ServerProcess process, long databasePid) {
        this.baseUri = baseUri;
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

    Sample sample() {
        Optional<PrometheusText> metrics = scrape();
        long heap = metrics.flatMap(text -> present(text.sum("jvm_memory_used_bytes", Map.of("area", "heap"))))
                .map(Double::longValue).orElse(-1L);
        double cpu;
        boolean alive;
        if (process != null) {
            alive = process.isAlive();
            cpu = ProcStat.read(process.pid()).map(ProcStat::cpuSeconds).orElse(Double.NaN);
        } else {
            alive = metrics.isPresent();
            cpu = metrics.flatMap(text -> present(text.value("process_cpu_time_ns_total")))
                    .map(nanos -> nanos / 1e9).orElse(Double.NaN);
        }
        return new Sample(cpu, heap, alive);
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

    /** The server process's file-descriptor budget; empty when not owned or /proc cannot tell. */
    Optional<FdBudget> fdBudget() {
        return process == null ? Optional.empty() : FdBudget.of(process.pid());
    }

    private Optional<PrometheusText> scrape() {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/manage/prometheus"))
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
