package io.kasa.server.shared.web;

import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.TerminalRegistration;
import io.kasa.client.UnavailableException;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.server.RawHttp.Answer;
import io.kasa.server.merchant.CreatedMerchant;
import io.kasa.server.merchant.IssuedKey;
import io.kasa.server.merchant.KeyKind;
import io.kasa.server.merchant.Merchants;
import io.kasa.server.shared.DatabaseQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Admission under overload, on a server of its own with a pool of three connections and a
 * 200 ms limit on waiting for one: the test holds every connection, so a request let in
 * waits past the limit for certain and no timing decides the outcome.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "kasa.admin-token=" + KasaServerIT.ADMIN_TOKEN,
        "kasa.demo.enabled=false",
        "kasa.database.max-pool-size=3",
        "kasa.database.connection-timeout=500ms",
        "kasa.database.max-queue-wait=200ms"
})
class AdmissionIT {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("kasa-admission-").toString();
        registry.add("kasa.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;
    @Autowired
    Merchants merchants;
    @Autowired
    DataSource dataSource;
    @Autowired
    DatabaseQueue queue;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aFullQueueRefusesNewRequestsAtOnceAndTheTakenOnesFinish() throws Exception {
        CreatedMerchant merchant = merchants.create("Admission", false);
        RawHttp http = new RawHttp(URI.create("http://127.0.0.1:" + port));
        Answer before = list(http, merchant);
        assertThat(before.status()).isEqualTo(200);
        assertThat(queue.isBehind()).as("a queue that keeps up is not behind").isFalse();

        List<Connection> held = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Answer> queued;
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(dataSource.getConnection());
                }
                queued = callers.submit(() -> list(http, merchant));
                assertThat(eventually(Duration.ofSeconds(10), queue::isBehind)).isTrue();

                IssuedKey key = merchant.key(KeyKind.PRIVATE);
                Answer refused = http.post("/api/terminal").header("locale", "en")
                        .header("apiclientprivate", key.client()).header("apikeyprivate", key.secret())
                        .json("{\"Name\":\"Busy\",\"SerialNo\":\"busy-1\"}").send();

                refused.refusedWith("System.Busy");
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.json().get("ErrorCode").intValue()).isEqualTo(1012);
                assertThat(refused.headers().firstValue("Retry-After")).contains("1");
                assertThat(refused.json().get("Message").stringValue()).startsWith("The server has more work waiting");
                assertThat(queued.isDone()).as("the request let in before waits for its connection").isFalse();

                KasaClient sdk = KasaClient.builder().baseUri(URI.create("http://127.0.0.1:" + port))
                        .privateKeys(key.client(), key.secret()).retryWhenBusy(false).build();
                KasaException busy = catchThrowableOfType(KasaException.class,
                        () -> sdk.terminals().register(TerminalRegistration.of("Busy", "busy-2")));
                assertThat(busy).as("the SDK's type for it").isInstanceOfSatisfying(UnavailableException.class,
                        unavailable -> assertThat(unavailable.isBusy()).isTrue());
                assertThat(busy.retryAfter()).contains(Duration.ofSeconds(1));
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
            assertThat(queued.get().status()).as("and is served once one is free").isEqualTo(200);
        }

        assertThat(jdbc.sql("select count(*) from terminal where serial_no in ('busy-1', 'busy-2')").query(Long.class).single())
                .as("a refused request did nothing").isZero();
        assertThat(eventually(Duration.ofSeconds(5), () -> list(http, merchant).status() == 200))
                .as("a second after the queue kept up again, requests are let in").isTrue();
    }

    private static Answer list(RawHttp http, CreatedMerchant merchant) {
        IssuedKey key = merchant.key(KeyKind.PRIVATE);
        return http.post("/api/terminal/list").header("apiclientprivate", key.client()).header("apikeyprivate", key.secret())
                .json("{}").send();
    }
}
