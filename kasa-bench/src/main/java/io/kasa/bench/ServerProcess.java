package io.kasa.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server jar run as a child process of the benchmark, on 127.0.0.1 and a free port,
 * against the benchmark's PostgreSQL, with the settings a load test needs: an admin token,
 * callbacks to loopback allowed, pairing limits out of the way, and the server allowed enough
 * connections for tens of thousands of terminals. A flight recording runs from the start.
 * {@link #close()} always ends the process: gently first, then by force.
 */
final class ServerProcess implements AutoCloseable {

    /** The name of the flight recording, for {@code JFR.dump}. */
    static final String RECORDING = "kasa-bench";
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /**
     * How the server JVM is run.
     *
     * @param jar       the server jar
     * @param heap      the {@code -Xmx} value, e.g. {@code 1g}
     * @param gc        the collector's name as in {@code -XX:+Use<gc>GC}, e.g. {@code G1}
     * @param jvmOptions further JVM options, as given
     * @param flightRecording whether to record with JFR's {@code profile} settings
     */
    record Settings(Path jar, String heap, String gc, List<String> jvmOptions, boolean flightRecording) {
    }

    private final Process process;
    private final URI baseUri;
    private final Path log;
    private final Path flightRecording;

    private ServerProcess(Process process, URI baseUri, Path log, Path flightRecording) {
        this.process = process;
        this.baseUri = baseUri;
        this.log = log;
        this.flightRecording = flightRecording;
    }

    /** Starts the server and returns once its health endpoint answers 200. */
    static ServerProcess start(Settings settings, JdbcTarget database, String adminToken, Path runDirectory)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(settings.jar())) {
            throw new IOException("no server jar at " + settings.jar().toAbsolutePath()
                    + "; build it with ./mvnw -q -B -pl kasa-bench -am package -DskipTests");
        }
        int port = freePort();
        Path log = runDirectory.resolve("server.log");
        Path recording = runDirectory.resolve("server.jfr").toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(javaCommand("java"));
        command.add("-Xmx" + settings.heap());
        command.add("-XX:+Use" + settings.gc() + "GC");
        if (settings.flightRecording()) {
            command.add("-XX:StartFlightRecording=name=" + RECORDING + ",filename=" + recording
                    + ",settings=profile,dumponexit=true");
        }
        command.addAll(settings.jvmOptions());
        command.add("-jar");
        command.add(settings.jar().toAbsolutePath().toString());
        command.addAll(List.of(
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--kasa.data-dir=" + runDirectory.resolve("server-data").toAbsolutePath(),
                "--kasa.demo.enabled=false",
                "--kasa.callback.allow-loopback=true",
                "--kasa.pairing.max-failures-per-source=1000000",
                "--kasa.pairing.max-failures-per-code=1000000",
                "--kasa.pairing.check-burst=1000000",
                "--kasa.pairing.checks-per-second=1000000",
                "--server.jetty.max-connections=60000",
                "--kasa.http.accept-queue=4096"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("KASA_"));
        environment.put("KASA_DATABASE_URL", database.url());
        environment.put("KASA_DATABASE_USERNAME", database.user());
        environment.put("KASA_DATABASE_PASSWORD", database.password());
        environment.put("KASA_ADMIN_TOKEN", adminToken);
        ServerProcess server = new ServerProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log,
                settings.flightRecording() ? recording : null);
        try {
            server.awaitHealthy(Duration.ofSeconds(180));
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI baseUri() {
        return baseUri;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** The flight recording's file, complete after {@link #dumpFlightRecording()}; null when not recording. */
    Path flightRecording() {
        return flightRecording;
    }

    /** A full collection in the server ({@code jcmd <pid> GC.run}), so heap use shows live data only. */
    void forceGc() throws IOException, InterruptedException {
        jcmd("GC.run");
    }

    /**
     * The heap in use as the JVM itself reports it ({@code jcmd <pid> GC.heap_info}, the first
     * {@code used <n>K}); -1 when it cannot be read. Works while the server answers no HTTP.
     */
    long heapUsed() {
        try {
            return heapUsed(jcmd("GC.heap_info"));
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static long heapUsed(String heapInfo) {
        Matcher used = USED.matcher(heapInfo);
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    /**
     * Writes the class histogram of the live heap ({@code jcmd <pid> GC.class_histogram}, which
     * collects first) beside the server's log as {@code <name>.histogram.txt}: what the heap
     * figure is made of, by class.
     */
    void writeClassHistogram(String name) throws IOException, InterruptedException {
        Files.writeString(log.resolveSibling(name + ".histogram.txt"), jcmd("GC.class_histogram"));
    }

    /** Writes the flight recording so far to its file. */
    void dumpFlightRecording() throws IOException, InterruptedException {
        if (flightRecording != null) {
            jcmd("JFR.dump", "name=" + RECORDING, "filename=" + flightRecording);
        }
    }

    private String jcmd(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaCommand("jcmd"));
        command.add(Long.toString(process.pid()));
        command.addAll(List.of(arguments));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = jcmd.getInputStream().readAllBytes();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + new String(output).strip());
        }
        return new String(output);
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(baseUri.resolve("/manage/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IOException("the server did not become healthy within " + timeout.toSeconds() + " s:\n" + logTail());
    }

    /** The last lines of the server's log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Ends the server: SIGTERM and a wait for its graceful stop, then SIGKILL. Safe to call twice. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String javaCommand(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
