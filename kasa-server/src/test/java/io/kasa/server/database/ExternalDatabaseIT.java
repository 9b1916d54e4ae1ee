package io.kasa.server.database;

import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.TerminalRef;
import io.kasa.server.Devices;
import io.kasa.server.KasaServer;
import io.kasa.terminal.TerminalAgent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code KASA_DATABASE_URL} set, Kasa uses that PostgreSQL and starts none of its own.
 * The "external" server here is a separate PostgreSQL process with its own role and
 * password, started by the test.
 */
class ExternalDatabaseIT {

    @Test
    void theServerRunsOnAnExistingDatabaseWithPasswordAuthentication() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-external-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
                sql.execute("create role kasa_app login password 's3cret-pw'");
                sql.execute("create database kasa_ext owner kasa_app");
            }
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/kasa_ext";

            try (ConfigurableApplicationContext server = new SpringApplicationBuilder(KasaServer.class).run(
                    "--server.port=0", "--server.address=127.0.0.1",
                    "--kasa.database.url=" + url, "--kasa.database.username=kasa_app", "--kasa.database.password=s3cret-pw",
                    "--kasa.data-dir=" + dataDir, "--kasa.admin-token=external-admin-token")) {
                int port = ((WebServerApplicationContext) server).getWebServer().getPort();
                URI base = URI.create("http://127.0.0.1:" + port);
                var created = KasaAdminClient.create(base, "external-admin-token").createMerchant("external");
                KasaClient client = KasaClient.builder().baseUri(base).privateKeys(created.privateKey()).build();
                UUID terminalId = Devices.register(client, "Till");
                try (TerminalAgent agent = Devices.connected(base, client, terminalId)) {
                    assertThat(client.terminals().connectivity(TerminalRef.id(terminalId)).isSocketConnected()).isTrue();
                }
            }

            try (Connection app = DriverManager.getConnection(url, "kasa_app", "s3cret-pw");
                 Statement sql = app.createStatement();
                 ResultSet merchants = sql.executeQuery("select name, is_demo from merchant order by created_at")) {
                assertThat(merchants.next()).isTrue();
                assertThat(merchants.getString("name")).as("no demo merchant with an external database").isEqualTo("external");
                assertThat(merchants.next()).isFalse();
            }
        }
        assertThat(dataDir.resolve("postgres")).as("no embedded database was started").doesNotExist();
    }
}
