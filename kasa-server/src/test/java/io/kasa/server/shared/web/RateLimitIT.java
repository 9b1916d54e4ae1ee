package io.kasa.server.shared.web;

import io.github.bucket4j.BucketConfiguration;
import io.kasa.server.KasaServerIT;
import io.kasa.server.MutableClock;
import io.kasa.server.RawHttp;
import io.kasa.server.RawHttp.Answer;
import io.kasa.server.merchant.CreatedMerchant;
import io.kasa.server.merchant.IssuedKey;
import io.kasa.server.merchant.KeyKind;
import io.kasa.server.merchant.Merchants;
import io.kasa.server.shared.LimitBuckets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request rate limits, on a server of its own with tiny buckets (three requests, then one
 * every 20 s) and a clock the test moves, so that waiting out {@code Retry-After} takes no
 * real time and the rest of the suite is never throttled.
 */
@Import(MutableClock.InServer.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "kasa.admin-token=" + KasaServerIT.ADMIN_TOKEN,
        "kasa.demo.enabled=false",
        "kasa.rate-limit.merchant.per-second=0.05",
        "kasa.rate-limit.merchant.burst=3",
        "kasa.rate-limit.operator.per-second=0.05",
        "kasa.rate-limit.operator.burst=3",
        "kasa.rate-limit.source.per-second=0.05",
        "kasa.rate-limit.source.burst=2"
})
class RateLimitIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("kasa-rate-").toString();
        registry.add("kasa.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    Merchants merchants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LimitBuckets buckets;

    RawHttp http;
    CreatedMerchant a;
    CreatedMerchant b;

    @BeforeEach
    void merchants() {
        http = new RawHttp(URI.create("http://127.0.0.1:" + port));
        // created in-process, so that setting up costs no request of any bucket
        a = merchants.create("Rate A", false);
        b = merchants.create("Rate B", false);
    }

    private RawHttp.Request physical(CreatedMerchant merchant, String method, String path) {
        IssuedKey key = merchant.key(KeyKind.PRIVATE);
        return http.request(method, path).header("apiclientprivate", key.client()).header("apikeyprivate", key.secret())
                .header("locale", "en");
    }

    private Answer listTerminals(CreatedMerchant merchant) {
        return physical(merchant, "POST", "/api/terminal/list").json("{}").send();
    }

    private long terminals(CreatedMerchant merchant) {
        return jdbc.sql("select count(*) from terminal where merchant_id = :merchant")
                .param("merchant", merchant.merchant().id()).query(Long.class).single();
    }

    @Test
    void aMerchantPastItsBurstIsToldWhenToComeBackAndIsServedThen() {
        for (int i = 0; i < 3; i++) {
            listTerminals(a).result();
        }

        Answer refused = physical(a, "POST", "/api/terminal").json("{\"Name\":\"Late\",\"SerialNo\":\"late-1\"}").send();

        refused.refusedWith("System.RateLimitExceeded");
        assertThat(refused.json().get("ErrorCode").intValue()).isEqualTo(1011);
        assertThat(refused.json().get("Message").stringValue()).startsWith("Request rate limit exceeded");
        long retryAfter = retryAfter(refused);
        assertThat(retryAfter).isBetween(1L, 20L);
        assertThat(terminals(a)).as("a refused request runs nothing").isZero();

        clock.advance(Duration.ofSeconds(retryAfter));

        physical(a, "POST", "/api/terminal").json("{\"Name\":\"Later\",\"SerialNo\":\"late-2\"}").send().result();
        assertThat(terminals(a)).isOne();
        listTerminals(a).refusedWith("System.RateLimitExceeded");
    }

    @Test
    void oneMerchantsBurstLeavesTheOthersUntouched() {
        for (int i = 0; i < 3; i++) {
            listTerminals(a).result();
        }
        listTerminals(a).refusedWith("System.RateLimitExceeded");

        for (int i = 0; i < 3; i++) {
            listTerminals(b).result();
        }
    }

    @Test
    void theMarketplaceFamilySharesTheMerchantsBucketAndAnswersInItsOwnEnvelope() {
        for (int i = 0; i < 3; i++) {
            listTerminals(a).result();
        }
        IssuedKey key = a.key(KeyKind.PUBLIC);

        Answer refused = http.get("/api/paywall/marketplace/settings").header("apiclientpublic", key.client())
                .header("apikeypublic", key.secret()).send();

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        JsonNode envelope = refused.json();
        assertThat(envelope.propertyNames()).containsExactlyInAnyOrder("ErrorCode", "Result", "Message", "Body");
        assertThat(envelope.get("ErrorCode").intValue()).isEqualTo(1011);
        assertThat(envelope.get("Result").booleanValue()).isFalse();
    }

    @Test
    void aMerchantsDashboardSessionCountsAgainstTheSameBucket() throws Exception {
        HttpClient browser = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.7"))
                .cookieHandler(new CookieManager()).build();
        IssuedKey key = a.key(KeyKind.PRIVATE);
        HttpResponse<String> signIn = send(browser, "POST", "/dashboard/api/session",
                "{\"ApiClientPrivate\":\"" + key.client() + "\",\"ApiKeyPrivate\":\"" + key.secret() + "\"}");
        assertThat(signIn.statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            listTerminals(a).result();
        }

        HttpResponse<String> page = send(browser, "GET", "/dashboard/api/terminals", null);

        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(page.body()).get("ClientMessage").asString()).isEqualTo("System.RateLimitExceeded");
    }

    @Test
    void theOperatorHasABucketOfItsOwn() {
        for (int i = 0; i < 3; i++) {
            admin("GET", "/admin/merchants").send().result();
        }

        admin("GET", "/admin/merchants").send().refusedWith("System.RateLimitExceeded");
        listTerminals(a).result();
    }

    @Test
    void callersWithoutKeysAreLimitedBySourceAddress() throws Exception {
        HttpClient first = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.5")).build();
        HttpClient second = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.6")).build();
        String body = "{\"PairCode\":\"000000\",\"SerialNo\":\"SN-RATE\"}";

        assertThat(send(first, "POST", "/api/device/pair", body).statusCode()).isEqualTo(422);
        assertThat(send(first, "POST", "/api/device/pair", body).statusCode()).isEqualTo(422);
        HttpResponse<String> limited = send(first, "POST", "/api/device/pair", body);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(limited.body()).get("ClientMessage").asString()).isEqualTo("System.RateLimitExceeded");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(send(second, "POST", "/api/device/pair", body).statusCode()).as("another address").isEqualTo(422);
    }

    @Test
    void requestsArrivingTogetherAtANewBucketAreEachCountedOnce() throws Exception {
        List<Integer> statuses = together(10, () -> listTerminals(a).status());

        assertThat(statuses).containsOnly(200, 429);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(3);
    }

    @Test
    void takesArrivingTogetherAtANewBucketAreEachCountedOnce() throws Exception {
        LimitBuckets.Delayed bucket = buckets.delayed("test:new:" + UUID.randomUUID(), RateLimitIT::fivePerMinute, 50,
                Duration.ofSeconds(1));

        List<Boolean> taken = together(50, () -> bucket.take().isConsumed());

        assertThat(taken).filteredOn(Boolean::booleanValue).hasSize(5);
    }

    @Test
    void takesArrivingTogetherAfterTheBucketsRowWasSweptMakeItAgain() throws Exception {
        String key = "test:swept:" + UUID.randomUUID();
        LimitBuckets.Delayed bucket = buckets.delayed(key, RateLimitIT::fivePerMinute, 50, Duration.ofSeconds(1));
        assertThat(bucket.take().isConsumed()).isTrue();
        // as the sweep does once a bucket has been full for a while; the node's view outlives it
        jdbc.sql("delete from limit_bucket where id = :id").param("id", key).update();
        clock.advance(Duration.ofMinutes(2));

        List<Boolean> taken = together(50, () -> bucket.take().isConsumed());

        assertThat(taken).as("none failed, some were served, the view replaced at most once")
                .filteredOn(Boolean::booleanValue).hasSizeBetween(1, 10);
    }

    private static BucketConfiguration fivePerMinute() {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(5).refillGreedy(5, Duration.ofMinutes(1)))
                .build();
    }

    /** Runs {@code count} calls at once, each on its own thread, and gathers their answers. */
    private static <T> List<T> together(int count, Callable<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<T>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(() -> {
                start.await();
                return call.call();
            });
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> answers = new ArrayList<>();
            for (Callable<T> each : calls) {
                answers.add(threads.submit(each));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> answer : answers) {
                results.add(answer.get());
            }
            return results;
        }
    }

    private RawHttp.Request admin(String method, String path) {
        return http.request(method, path).header("Authorization", "Bearer " + KasaServerIT.ADMIN_TOKEN);
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("locale", "en")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long retryAfter(Answer answer) {
        return Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
    }
}
