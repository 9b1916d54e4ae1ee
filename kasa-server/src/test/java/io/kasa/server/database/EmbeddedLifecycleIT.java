package io.kasa.server.database;

import io.kasa.client.KasaClient;
import io.kasa.client.SaleResult;
import io.kasa.server.Devices;
import io.kasa.server.ServerJars;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.kasa.server.ServerJars.awaitDemoMerchant;
import static io.kasa.server.ServerJars.clientFor;
import static io.kasa.server.ServerJars.freePort;
import static io.kasa.server.ServerJars.log;
import static io.kasa.server.ServerJars.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built jar with its embedded database, run as processes the way an operator runs it:
 * one data directory belongs to one server; a server whose PostgreSQL died reports itself
 * broken so that it is restarted; SIGTERM lets held work finish before the database stops.
 */
class EmbeddedLifecycleIT {

    private final ServerJars servers = new ServerJars();
    private final List<TerminalAgent> agents = new ArrayList<>();

    /** Stops what is still running as an operator would (SIGTERM), so no PostgreSQL is left behind. */
    @AfterEach
    void stopLeftovers() throws InterruptedException {
        agents.forEach(TerminalAgent::close);
        servers.close();
    }

    @Test
    void aSecondServerOnALiveDataDirectoryRefusesToStartAndTheFirstKeepsServing() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-twice-");
        int firstPort = freePort();
        Process first = servers.start(dataDir, firstPort);
        JsonNode demo = awaitDemoMerchant(dataDir, firstPort);
        long postmaster = postmasterPid(dataDir);

        int secondPort = freePort();
        Process second = servers.start(dataDir, secondPort);
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the second server gives up").isTrue();
        assertThat(second.exitValue()).isNotZero();
        String log = Files.readString(log(dataDir, secondPort));
        assertThat(log.lines().filter(line -> line.contains("is in use by Kasa process " + first.pid())))
                .as("one line names the process holding the data directory:%n%s", log).hasSize(1);
        assertThat(log).doesNotContain("left running by an earlier run").doesNotContain("\tat ");

        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the first server's PostgreSQL").hasValue(true);
        assertThat(status(firstPort, "/manage/health")).isEqualTo(200);
        KasaClient client = clientFor(demo, firstPort);
        assertThat(Devices.register(client, "Till after the refusal")).isNotNull();

        first.destroy();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(20)).alias("the first server stops its PostgreSQL")
                .until(() -> !ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aServerWhoseEmbeddedDatabaseDiedReportsItselfBroken() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-lost-");
        int port = freePort();
        servers.start(dataDir, port, "--kasa.database.embedded-lost-after=3s");
        awaitDemoMerchant(dataDir, port);
        assertThat(status(port, "/manage/health/liveness")).isEqualTo(200);

        ProcessHandle postmaster = ProcessHandle.of(postmasterPid(dataDir)).orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(status(port, "/manage/health/liveness")).as("liveness").isEqualTo(503);
            assertThat(status(port, "/manage/health/readiness")).as("readiness").isEqualTo(503);
        });
    }

    @Test
    void sigtermWhileASyncSaleIsHeldLetsTheSaleCompleteAndStopsTheDatabaseLast() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-sigterm-");
        int port = freePort();
        Process server = servers.start(dataDir, port);
        JsonNode demo = awaitDemoMerchant(dataDir, port);
        URI base = URI.create("http://127.0.0.1:" + port);
        KasaClient client = clientFor(demo, port);
        UUID till = Devices.register(client, "Held till");
        TerminalAgent agent = Devices.connected(base, client, till);
        agents.add(agent);
        agent.behave(Behaviour.approveAfter(Duration.ofSeconds(3)));
        List<TerminalAgent.Close> drops = new CopyOnWriteArrayList<>();
        agent.onStateChange(state -> {
            if (state == TerminalAgent.State.BACKING_OFF) {
                agent.lastClose().ifPresent(drops::add);
            }
        });

        CompletableFuture<SaleResult> sale = CompletableFuture.supplyAsync(() ->
                client.payments().syncSaleJson(Seeds.syncSale(till, UUID.randomUUID().toString()), Duration.ofSeconds(60)));
        assertThat(agent.awaitOrder(Duration.ofSeconds(30))).as("the device took the order").isPresent();

        long sigterm = System.nanoTime();
        server.destroy();
        SaleResult result = sale.get(60, TimeUnit.SECONDS);
        assertThat(result.paymentStatus()).as("the device's approval was recorded").isEqualTo(4);
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Duration stopping = Duration.ofNanos(System.nanoTime() - sigterm);
        assertThat(stopping).as("the process exits promptly once the sale is answered").isLessThan(Duration.ofSeconds(20));
        assertThat(server.exitValue()).isIn(0, 143);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(drops).isNotEmpty());
        assertThat(drops.getFirst().code()).as("the server's close frame: going away").isEqualTo(1001);
        String log = Files.readString(log(dataDir, port));
        assertThat(log.lines().filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ")))
                .as("a clean stop logs no error:%n%s", log).isEmpty();
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).as("PostgreSQL stopped with the server").doesNotExist();
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).getFirst().strip());
    }
}
