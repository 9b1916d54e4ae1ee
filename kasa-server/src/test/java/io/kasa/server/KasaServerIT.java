package io.kasa.server;

import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
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

/**
 * The base of integration tests against the whole server: a real Tomcat on a random
 * loopback port and a real embedded PostgreSQL in a temporary data directory. Every test
 * class extending this shares one server (Spring caches the context), so each test works
 * with merchants of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "kasa.admin-token=" + KasaServerIT.ADMIN_TOKEN,
        "kasa.demo.enabled=false"
})
public abstract class KasaServerIT {

    public static final String ADMIN_TOKEN = "kat_test-admin-token-0123456789";
    private static final Path DATA_DIR = temporaryDataDir();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected URI baseUri;
    protected KasaAdminClient admin;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("kasa.data-dir", DATA_DIR::toString);
    }

    @BeforeEach
    void connectClients() {
        baseUri = URI.create("http://127.0.0.1:" + port);
        admin = KasaAdminClient.create(baseUri, ADMIN_TOKEN);
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
