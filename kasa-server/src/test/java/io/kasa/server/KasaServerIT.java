package io.kasa.server;

import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The base of integration tests against the whole server: a real Jetty on a random
 * loopback port and a real embedded PostgreSQL in a temporary data directory. Every test
 * class extending this shares one server (Spring caches the context), so each test works
 * with merchants of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "kasa.admin-token=" + KasaServerIT.ADMIN_TOKEN,
        "kasa.metrics-token=" + KasaServerIT.METRICS_TOKEN,
        "kasa.demo.enabled=false",
        "kasa.callback.timeout=2s",
        "kasa.callback.initial-delay=100ms",
        "kasa.callback.max-delay=400ms",
        "kasa.callback.poll=100ms"
})
public abstract class KasaServerIT {

    public static final String ADMIN_TOKEN = "kat_test-admin-token-0123456789";
    public static final String METRICS_TOKEN = "kmt_test-metrics-token-0123456789";
    private static final Path DATA_DIR = temporaryDataDir();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected URI baseUri;
    protected KasaAdminClient admin;
    private final List<TerminalAgent> agents = new ArrayList<>();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("kasa.data-dir", DATA_DIR::toString);
    }

    @BeforeEach
    protected void connectClients() {
        baseUri = URI.create("http://127.0.0.1:" + port);
        admin = KasaAdminClient.create(baseUri, ADMIN_TOKEN);
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(TerminalAgent::close);
        agents.clear();
    }

    /** Stops the agent when the test ends. */
    protected TerminalAgent track(TerminalAgent agent) {
        agents.add(agent);
        return agent;
    }

    /** A merchant with one terminal whose paired agent is connected and behaves as told. */
    protected Shop shop(String name, Behaviour behaviour) {
        MerchantFixture merchant = newMerchant(name);
        UUID terminalId = Devices.register(merchant.client(), name + " till");
        TerminalAgent agent = track(Devices.paired(baseUri, merchant.client(), terminalId));
        agent.behave(behaviour);
        agent.start();
        if (!agent.awaitConnected(Duration.ofSeconds(10))) {
            throw new AssertionError("agent did not connect: " + agent.state());
        }
        return new Shop(merchant, terminalId, agent);
    }

    public record Shop(MerchantFixture merchant, UUID terminalId, TerminalAgent agent) {
        public KasaClient client() {
            return merchant.client();
        }
    }

    /** A new merchant with its keys, and a client that calls as that merchant in English. */
    protected MerchantFixture newMerchant(String name) {
        CreatedMerchant created = admin.createMerchant(name);
        KasaClient client = KasaClient.builder()
                .baseUri(baseUri)
                .privateKeys(created.privateKey())
                .publicKeys(created.publicKey())
                .locale("en")
                .build();
        return new MerchantFixture(created, client);
    }

    public record MerchantFixture(CreatedMerchant created, KasaClient client) {
    }

    private static Path temporaryDataDir() {
        try {
            Path dir = Files.createTempDirectory("kasa-it-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
