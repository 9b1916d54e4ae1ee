package io.kasa.server.database;

import io.kasa.client.KasaClient;
import io.kasa.client.TerminalRegistration;
import io.kasa.server.Devices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar as an operator runs it: first start with the embedded database, a SIGKILL
 * that leaves PostgreSQL running, a restart that cleans up and keeps every row, and a
 * graceful stop that takes PostgreSQL down with it.
 */
class EmbeddedRestartIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path JAR = Path.of("target", "kasa-server.jar").toAbsolutePath();

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aServerKilledWithSigkillStartsAgainOnItsData() throws Exception {
        assertThat(JAR).exists();
        Path dataDir = Files.createTempDirectory("kasa-restart-");

        int firstPort = freePort();
        Process first = start(dataDir, firstPort);
        JsonNode demo = awaitDemoMerchant(dataDir, firstPort);
        assertThat(demo.propertyNames()).contains("apiclientprivate", "apikeyprivate", "apiclientpublic",
                "apikeypublic", "webhookHashKey", "adminToken", "baseAddress");
        assertThat(demo.get("baseAddress").asString()).endsWith(":" + firstPort);
        KasaClient client = clientFor(demo, firstPort);
        UUID terminalId = client.terminals().register(TerminalRegistration.of("Till", "SN-RESTART"));

        first.destroyForcibly().waitFor();
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        assertThat(pidFile).as("the killed server's PostgreSQL is still running").exists();
        long leftoverPid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        assertThat(ProcessHandle.of(leftoverPid)).isPresent();

        int secondPort = freePort();
        Process second = start(dataDir, secondPort);
        JsonNode again = awaitDemoMerchant(dataDir, secondPort);
        assertThat(again.get("merchantId").asString()).isEqualTo(demo.get("merchantId").asString());
        assertThat(again.get("apikeyprivate").asString()).isEqualTo(demo.get("apikeyprivate").asString());
        assertThat(ProcessHandle.of(leftoverPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        KasaClient sameKeys = clientFor(demo, secondPort);
        assertThat(sameKeys.terminals().list(0, 10).items()).anyMatch(terminal -> terminal.id().equals(terminalId));

        second.destroy();
        assertThat(second.waitFor()).isIn(0, 143);
        assertThat(Devices.eventually(Duration.ofSeconds(20), () -> !Files.exists(pidFile)))
                .as("a graceful stop also stops PostgreSQL").isTrue();
    }

    private Process start(Path dataDir, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server-" + port + ".log").toFile());
        builder.environment().put("KASA_DATA_DIR", dataDir.toString());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** Waits until the server answers its health check and has written the demo merchant. */
    private static JsonNode awaitDemoMerchant(Path dataDir, int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://127.0.0.1:" + port + "/manage/health");
        boolean up = Devices.eventually(Duration.ofSeconds(120), () -> {
            try {
                return http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(up).as("server on port " + port + " came up; log in " + dataDir).isTrue();
        Path file = dataDir.resolve("demo-merchant.json");
        assertThat(Devices.eventually(Duration.ofSeconds(10), () -> {
            try {
                return Files.exists(file) && JSON.readTree(file.toFile()).get("baseAddress").asString().endsWith(":" + port);
            } catch (RuntimeException e) {
                return false;
            }
        })).isTrue();
        return JSON.readTree(file.toFile());
    }

    private static KasaClient clientFor(JsonNode demo, int port) {
        return KasaClient.builder()
                .baseUri(URI.create("http://127.0.0.1:" + port))
                .privateKeys(demo.get("apiclientprivate").asString(), demo.get("apikeyprivate").asString())
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
