package io.kasa.server.database;

import io.kasa.client.KasaClient;
import io.kasa.client.TerminalRegistration;
import io.kasa.server.Devices;
import io.kasa.server.ServerJars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static io.kasa.server.ServerJars.awaitDemoMerchant;
import static io.kasa.server.ServerJars.clientFor;
import static io.kasa.server.ServerJars.freePort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar as an operator runs it: first start with the embedded database, a SIGKILL
 * that leaves PostgreSQL running, a restart that cleans up and keeps every row, and a
 * graceful stop that takes PostgreSQL down with it.
 */
class EmbeddedRestartIT {

    private static final Path JAR = Path.of("target", "kasa-server.jar").toAbsolutePath();

    private final ServerJars servers = new ServerJars();

    @AfterEach
    void stopLeftovers() throws InterruptedException {
        servers.close();
    }

    @Test
    void aServerKilledWithSigkillStartsAgainOnItsData() throws Exception {
        assertThat(JAR).exists();
        Path dataDir = Files.createTempDirectory("kasa-restart-");

        int firstPort = freePort();
        Process first = servers.start(dataDir, firstPort);
        JsonNode demo = awaitDemoMerchant(dataDir, firstPort);
        assertThat(demo.propertyNames()).contains("apiclientprivate", "apikeyprivate", "apiclientpublic",
                "apikeypublic", "webhookHashKey", "adminToken", "baseAddress");
        assertThat(demo.get("baseAddress").asString()).endsWith(":" + firstPort);
        String secret = demo.get("apikeyprivate").asString();
        assertThat(Devices.eventually(Duration.ofSeconds(10), () -> logOf(dataDir, firstPort).contains(secret)))
                .as("the first start prints the demo merchant's keys").isTrue();
        KasaClient client = clientFor(demo, firstPort);
        UUID terminalId = client.terminals().register(TerminalRegistration.of("Till", "SN-RESTART"));

        first.destroyForcibly().waitFor();
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        assertThat(pidFile).as("the killed server's PostgreSQL is still running").exists();
        long leftoverPid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        assertThat(ProcessHandle.of(leftoverPid)).isPresent();

        int secondPort = freePort();
        Process second = servers.start(dataDir, secondPort);
        JsonNode again = awaitDemoMerchant(dataDir, secondPort);
        assertThat(again.get("merchantId").asString()).isEqualTo(demo.get("merchantId").asString());
        assertThat(again.get("apikeyprivate").asString()).isEqualTo(demo.get("apikeyprivate").asString());
        assertThat(ProcessHandle.of(leftoverPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Devices.eventually(Duration.ofSeconds(10),
                () -> logOf(dataDir, secondPort).contains("keys and the admin token are in")))
                .as("a later start says where the keys are").isTrue();
        assertThat(logOf(dataDir, secondPort)).as("a later start does not print them").doesNotContain(secret);
        KasaClient sameKeys = clientFor(demo, secondPort);
        assertThat(sameKeys.terminals().list(0, 10).items()).anyMatch(terminal -> terminal.id().equals(terminalId));

        second.destroy();
        assertThat(second.waitFor()).isIn(0, 143);
        assertThat(Devices.eventually(Duration.ofSeconds(20), () -> !Files.exists(pidFile)))
                .as("a graceful stop also stops PostgreSQL").isTrue();
    }

    private static String logOf(Path dataDir, int port) {
        try {
            return Files.readString(ServerJars.log(dataDir, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
