package io.kasa.server.docs;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A fresh Kasa as a reader runs it for the docs: the built jar started with an empty data
 * directory (so its own embedded PostgreSQL and its own demo merchant, whose
 * {@code demo-merchant.json} is in that directory), listening on a free loopback port, with
 * the defaults a reader has except for {@link #RECEIPT_WAIT}, a simulated bank that refuses
 * the first transfer to {@link #FAILING_ONCE_IBAN} and every one to {@link #FAILING_IBAN}, as
 * docs/marketplace.md says, and
 * the settings a document asks its reader to start Kasa with.
 * {@link #close} stops it with SIGTERM, as an operator would, so no PostgreSQL is left behind.
 */
final class DocsServer implements AutoCloseable {

    private static final Path JAR = Path.of("target", "kasa-server.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * The async sale's wait for the device's receipt. It ends when the receipt arrives, so it
     * changes no answer on a quiet machine; on a busy one (the tests share it) the default 2 s
     * could pass before the agent's receipt, and the documented status 2 would be a 1.
     */
    private static final String RECEIPT_WAIT = "15s";
    /**
     * The platform account of docs/marketplace.md whose first transfer the bank refuses, to
     * show a payout order refused and its restart going through.
     */
    private static final String FAILING_ONCE_IBAN = "TR180006200119000006672315";
    /**
     * The member account of docs/marketplace.md the bank always refuses, to show automatic
     * payouts failing and retried once the member's account is corrected.
     */
    private static final String FAILING_IBAN = "TR900001000201999999999901";

    private final Process process;
    private final URI base;
    private final Path dataDir;
    private final Path log;

    private DocsServer(Process process, URI base, Path dataDir, Path log) {
        this.process = process;
        this.base = base;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Starts the jar with these settings ({@code --name=value}) besides the defaults above, and
     * returns once it is healthy and has written its demo merchant.
     */
    static DocsServer start(List<String> settings) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the failsafe tests after package");
        }
        Path dataDir = Files.createTempDirectory("kasa-docs-data-");
        Path log = dataDir.resolve("server.log");
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--kasa.payment.receipt-wait=" + RECEIPT_WAIT,
                "--kasa.payout.simulated.failing-once-accounts=" + FAILING_ONCE_IBAN,
                "--kasa.payout.simulated.failing-accounts=" + FAILING_IBAN));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KASA_DATA_DIR", dataDir.toString());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        DocsServer server = new DocsServer(builder.start(), URI.create("http://127.0.0.1:" + port), dataDir, log);
        try {
            server.awaitDemoMerchant(port);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI base() {
        return base;
    }

    Path demoMerchant() {
        return dataDir.resolve("demo-merchant.json");
    }

    Path log() {
        return log;
    }

    private void awaitDemoMerchant(int port) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                .alias("Kasa on port " + port + " came up; its log is " + log)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Kasa exited while starting; its log is " + log);
                    }
                    return healthy() && Files.exists(demoMerchant())
                            && JSON.readTree(demoMerchant().toFile()).path("baseAddress").asString().endsWith(":" + port);
                });
    }

    private boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/manage/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
