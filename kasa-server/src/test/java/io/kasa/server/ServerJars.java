package io.kasa.server;

import io.kasa.client.KasaClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The built server jar run as processes on a data directory of the test's, the way an
 * operator runs it: each listens on loopback at the port it is given and logs to
 * {@code server-<port>.log} in its data directory. {@link #close} stops what is still
 * running as an operator would, with SIGTERM, so no PostgreSQL is left behind.
 */
public final class ServerJars implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path JAR = Path.of("target", "kasa-server.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Process> started = new ArrayList<>();

    /** Starts the jar on {@code dataDir} at {@code port}, with extra command-line {@code arguments}. */
    public Process start(Path dataDir, int port, String... arguments) throws IOException {
        return start(dataDir, port, Map.of(), log(dataDir, port), arguments);
    }

    /**
     * Starts the jar on {@code dataDir} at {@code port} with more {@code environment}
     * variables, as an operator configures it, logging to {@code log}: for a data directory
     * that cannot hold the log.
     */
    public Process start(Path dataDir, int port, Map<String, String> environment, Path log, String... arguments)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Small and quick to start: these servers are judged on what they answer, never on speed.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KASA_DATA_DIR", dataDir.toString());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    public static Path log(Path dataDir, int port) {
        return dataDir.resolve("server-" + port + ".log");
    }

    /** The HTTP status of a GET, or -1 when nothing answered. */
    public static int status(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits until the server answers its health check and has written the demo merchant, and returns it. */
    public static JsonNode awaitDemoMerchant(Path dataDir, int port) {
        await().atMost(Duration.ofSeconds(180)).alias("server on port " + port + " came up; log in " + dataDir)
                .until(() -> status(port, "/manage/health") == 200);
        Path file = dataDir.resolve("demo-merchant.json");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                JSON.readTree(file.toFile()).get("baseAddress").asString().endsWith(":" + port));
        return JSON.readTree(file.toFile());
    }

    /** An SDK client with the demo merchant's private pair. */
    public static KasaClient clientFor(JsonNode demo, int port) {
        return KasaClient.builder()
                .baseUri(URI.create("http://127.0.0.1:" + port))
                .privateKeys(demo.get("apiclientprivate").asString(), demo.get("apikeyprivate").asString())
                .build();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
