package io.kasa.server.terminal;

import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.PairRequest;
import io.kasa.client.PairStatus;
import io.kasa.client.TerminalRef;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code expiry and the wrong-code limits, on a server of their own with short limits so the
 * rest of the suite is not rate limited. Sources are told apart by address: the tests send
 * from several loopback addresses (127.0.0.2, 127.0.0.3, ...). Code checks are paced at 20 a
 * second after a burst of 50, and a check waits at most 5 s for its turn.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "kasa.admin-token=" + KasaServerIT.ADMIN_TOKEN,
        "kasa.demo.enabled=false",
        "kasa.pairing.code-ttl=2s",
        "kasa.pairing.max-failures-per-source=10",
        "kasa.pairing.max-failures-per-code=3",
        "kasa.pairing.check-burst=50",
        "kasa.pairing.checks-per-second=20",
        "kasa.pairing.max-check-wait=5s"
})
class PairingLimitsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;
    URI baseUri;
    KasaClient merchant;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("kasa-limits-").toString();
        registry.add("kasa.data-dir", () -> dir);
    }

    @BeforeEach
    void merchant() {
        baseUri = URI.create("http://127.0.0.1:" + port);
        var created = KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN).createMerchant("limits");
        merchant = KasaClient.builder().baseUri(baseUri).privateKeys(created.privateKey()).build();
    }

    @Test
    void aCodeExpiresAfterItsTimeToLive() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");
        PairRequest request = merchant.pairing().request(TerminalRef.id(terminalId));

        assertThat(Devices.eventually(Duration.ofSeconds(5),
                () -> merchant.pairing().status(request.pairRequestId()).status() == PairStatus.EXPIRED)).isTrue();

        HttpResponse<String> late = pair(HttpClient.newHttpClient(), request.pairCode());
        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(late.body()).get("ClientMessage").asString()).isEqualTo("Pair.Sync.CodeInvalid");
    }

    @Test
    void aSourceThatGuessesWrongIsBlockedEvenForAValidCode() throws Exception {
        HttpClient guesser = from("127.0.0.2");
        UUID terminalId = Devices.register(merchant, "Till");
        PairRequest request = merchant.pairing().request(TerminalRef.id(terminalId));
        String wrong = request.pairCode().equals("000000") ? "000001" : "000000";
        double invalidBefore = attempts("invalid_code");
        double limitedBefore = attempts("rate_limited");
        double pairedBefore = attempts("paired");
        double refusedBefore = meters.get("kasa.requests.refused").tag("reason", "rate_limited").counter().count();

        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(pair(guesser, "%06d".formatted((Integer.parseInt(wrong) + attempt * 7919) % 1_000_000)).statusCode())
                    .isEqualTo(422);
        }
        HttpResponse<String> blocked = pair(guesser, request.pairCode());

        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(JSON.readTree(blocked.body()).get("ClientMessage").asString()).isEqualTo("System.RateLimited");
        assertThat(merchant.pairing().status(request.pairRequestId()).status()).isEqualTo(PairStatus.PENDING);
        assertThat(pair(from("127.0.0.3"), request.pairCode()).statusCode()).as("another source still pairs").isEqualTo(200);

        assertThat(attempts("invalid_code") - invalidBefore).as("the wrong codes counted").isEqualTo(10);
        assertThat(attempts("rate_limited") - limitedBefore).as("the blocked attempt counted").isEqualTo(1);
        assertThat(attempts("paired") - pairedBefore).isEqualTo(1);
        assertThat(meters.get("kasa.requests.refused").tag("reason", "rate_limited").counter().count() - refusedBefore)
                .as("the 429 counted among the refused requests").isEqualTo(1);
    }

    private double attempts(String result) {
        return meters.get("kasa.pairing.attempts").tag("result", result).counter().count();
    }

    @Test
    void oneCodeValueTriedFromManySourcesIsBlocked() throws Exception {
        String code = "424242";
        for (int source = 10; source < 13; source++) {
            assertThat(pair(from("127.0.0." + source), code).statusCode()).isIn(422);
        }
        assertThat(pair(from("127.0.0.20"), code).statusCode()).isEqualTo(429);
    }

    @Test
    void aFloodOfWrongCodesFromManySourcesLeavesAFreshCodeFromANewSourceWorking() throws Exception {
        List<Callable<Integer>> flood = new ArrayList<>();
        for (int source = 1; source <= 100; source++) {
            HttpClient guesser = from("127.0.1." + source);
            int first = source * 10;
            flood.add(() -> {
                int refused = 0;
                for (int guess = first; guess < first + 10; guess++) {
                    int status = pair(guesser, "%06d".formatted(guess * 997 % 1_000_000)).statusCode();
                    assertThat(status).as("wrong, refused or busy").isIn(422, 429, 503);
                    refused += status == 429 ? 1 : 0;
                }
                return refused;
            });
        }
        try (ExecutorService sources = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> answered : sources.invokeAll(flood)) {
                answered.get();
            }
        }
        UUID terminalId = Devices.register(merchant, "Till");
        PairRequest request = merchant.pairing().request(TerminalRef.id(terminalId));

        HttpResponse<String> paired = pair(from("127.0.2.1"), request.pairCode());

        assertThat(paired.statusCode()).as(paired.body()).isEqualTo(200);
        assertThat(merchant.pairing().status(request.pairRequestId()).status()).isEqualTo(PairStatus.COMPLETED);
    }

    private HttpResponse<String> pair(HttpClient http, String code) throws Exception {
        String body = "{\"PairCode\":\"" + code + "\",\"SerialNo\":\"SN-LIMITS\"}";
        return http.send(HttpRequest.newBuilder(baseUri.resolve("/api/device/pair")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient from(String address) throws IOException {
        return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();
    }
}
