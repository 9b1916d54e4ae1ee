package io.kasa.server.callback;

import io.kasa.client.CallbackAttempt;
import io.kasa.client.CallbackDelivery;
import io.kasa.client.CallbackState;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.KeyKind;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.KasaServer;
import io.kasa.server.database.MigrationRows;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V24 keeps a callback's latest try in its own row. A callback written before it,
 * still owed after one failed try that has its attempt row, is delivered by the migrated
 * server, and its log lists the old try once and every try after it in order: the first new
 * try adds no attempt row for the one before, and each later one moves the try it replaces
 * into the attempt rows.
 */
class CallbackTriesMigrationIT {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final String ADMIN_TOKEN = "migration-admin-token";

    @Test
    void aCallbackOwedBeforeV24IsDeliveredWithItsEarlierTryLoggedOnce() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-callback-migration-");
        UUID merchant = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        UUID callback = UUID.randomUUID();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             CallbackReceiver receiver = CallbackReceiver.start()) {
            try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
                sql.execute("create role kasa_app login password 'migration-pw'");
                sql.execute("create database kasa_cb owner kasa_app");
            }
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/kasa_cb";
            DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "kasa_app", "migration-pw");
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("23").load().migrate();
            writeBeforeV24(JdbcClient.create(dataSource), merchant, payment, callback, receiver.uri("/owed"));

            try (ConfigurableApplicationContext server = new SpringApplicationBuilder(KasaServer.class).run(
                    "--server.port=0", "--server.address=127.0.0.1",
                    "--kasa.database.url=" + url, "--kasa.database.username=kasa_app", "--kasa.database.password=migration-pw",
                    "--kasa.data-dir=" + dataDir, "--kasa.admin-token=" + ADMIN_TOKEN, "--kasa.demo.enabled=false",
                    "--kasa.callback.allow-loopback=true", "--kasa.callback.poll=100ms")) {
                URI base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort());
                KasaAdminClient operator = KasaAdminClient.create(base, ADMIN_TOKEN);
                operator.issueKey(merchant, KeyKind.WEBHOOK);
                KasaClient client = KasaClient.builder().baseUri(base).privateKeys(operator.issueKey(merchant, KeyKind.PRIVATE)).build();

                client.callbacks().resend(callback);
                assertThat(eventually(Duration.ofSeconds(60), () -> delivered(client, payment, 2))).isTrue();
                CallbackDelivery once = client.callbacks().list(payment).getFirst();
                assertThat(once.attempts()).extracting(CallbackAttempt::statusCode).containsExactly(500, 200);
                assertThat(once.attempts().getFirst().error()).isEqualTo("HTTP 500 before the migration");
                assertThat(once.attempts().getFirst().durationMs()).isEqualTo(12);

                client.callbacks().resend(callback);
                assertThat(eventually(Duration.ofSeconds(60), () -> delivered(client, payment, 3))).isTrue();
                CallbackDelivery twice = client.callbacks().list(payment).getFirst();
                assertThat(twice.attempts()).extracting(CallbackAttempt::statusCode).containsExactly(500, 200, 200);
                assertThat(twice.attempts().get(1)).as("the replaced try, moved to the attempt rows as it was")
                        .isEqualTo(once.attempts().get(1));
                assertThat(receiver.forPayment(payment)).extracting(CallbackReceiver.Received::eventId)
                        .containsExactly(callback.toString(), callback.toString());
                assertThat(receiver.forPayment(payment).getFirst().body()).as("the payload written before V24, read as it was")
                        .contains("\"PaymentRequestActivityId\":\"" + callback + "\"")
                        .contains("\"PaymentStatusId\":4,").contains("\"Amount\":22.00,");
            }
        }
    }

    private static boolean delivered(KasaClient client, UUID payment, int attempts) {
        CallbackDelivery delivery = client.callbacks().list(payment).getFirst();
        return delivery.state() == CallbackState.DELIVERED && delivery.attemptCount() == attempts;
    }

    /** A paid sale whose one callback failed once and waits, as the code before V24 left it. */
    private static void writeBeforeV24(JdbcClient jdbc, UUID merchant, UUID payment, UUID callback, URI target) {
        UUID connection = UUID.randomUUID();
        UUID terminal = UUID.randomUUID();
        MigrationRows.merchantWithTerminal(jdbc, merchant, connection, terminal, T0);
        long paywallId = jdbc.sql("""
                        insert into payment (id, merchant_id, terminal_id, connection_id, merchant_unique_code, fingerprint,
                            channel_id, amount, currency_id, callback_address, details, payment_type_id, payment_status_id,
                            activity_id, created_at)
                        values (?, ?, ?, ?, 'owed', '\\x00', 2, 22.00, 1, ?, '{}', 1, 4, ?, ?)
                        returning paywall_id""")
                .params(payment, merchant, terminal, connection, target.toString(), callback, T0).query(Long.class).single();
        String payload = """
                {"ConnectionId": "%s", "TerminalId": "%s", "PaymentRequestId": "%s", "PaymentRequestActivityId": "%s",
                 "PaymentTypeId": 1, "PaymentStatusId": 4, "MerchantUniqueCode": "owed", "DisplayCode": null,
                 "Amount": 22.00, "Message": null, "PaymentId": %d}""".formatted(connection, terminal, payment, callback, paywallId);
        jdbc.sql("""
                        insert into callback_delivery (id, merchant_id, payment_id, sequence, payment_type_id, payment_status_id,
                            target, payload, state, attempt_count, next_attempt_at, last_status_code, last_error, created_at)
                        values (?, ?, ?, 2, 1, 4, ?, cast(? as jsonb), 'PENDING', 1, ?, 500, 'HTTP 500 before the migration', ?)""")
                .params(callback, merchant, payment, target.toString(), payload, T0.plusYears(10), T0).update();
        jdbc.sql("""
                        insert into callback_attempt (id, delivery_id, attempted_at, status_code, error, duration_ms)
                        values (?, ?, ?, 500, 'HTTP 500 before the migration', 12)""")
                .params(UUID.randomUUID(), callback, T0.plusSeconds(5)).update();
    }
}
