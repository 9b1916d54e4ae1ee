package io.kasa.server.database;

import io.kasa.client.ClientMessages;
import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.UnavailableException;
import io.kasa.client.PaymentActivity;
import io.kasa.client.PaymentQuery;
import io.kasa.client.SaleResult;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.Devices;
import io.kasa.server.KasaServer;
import io.kasa.server.RawHttp;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.DeviceOrder;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped under traffic and started again while the server keeps running: the
 * server answers 503 envelopes with {@code Retry-After} in bounded time and reports itself
 * down, then recovers by itself — requests, the device channel, callbacks and timers — so
 * that every sale ends in exactly one outcome and no callback is lost.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIT {

    private static final String ADMIN_TOKEN = "outage-admin-token";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);
    /** Loose on purpose: the point is "answered, not hung", on a busy shared machine. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    /** "A few seconds" on a busy shared machine: the frozen database's timeouts are 2 to 5 s. */
    private static final Duration FROZEN_ANSWER_BOUND = Duration.ofSeconds(8);
    private static final Set<Integer> OUTCOMES = Set.of(3, 4, 5, 12);

    private final List<TerminalAgent> agents = new ArrayList<>();
    private URI base;
    private KasaAdminClient admin;
    private CreatedMerchant merchant;
    private KasaClient client;
    private RawHttp http;
    private URI callbacks;

    @Test
    void whileTheDatabaseIsDownRequestsAreRefusedWith503AndOnceItIsBackEverythingCarriesOn(CapturedOutput output)
            throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-outage-");
        try (RestartablePostgres postgres = RestartablePostgres.start(dataDir.resolve("postgres"));
             CallbackReceiver receiver = CallbackReceiver.start();
             ConfigurableApplicationContext server = start(postgres, dataDir)) {
            base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort());
            admin = KasaAdminClient.create(base, ADMIN_TOKEN);
            merchant = admin.createMerchant("outage");
            client = KasaClient.builder().baseUri(base).privateKeys(merchant.privateKey())
                    .publicKeys(merchant.publicKey()).locale("en").build();
            http = new RawHttp(base);
            callbacks = receiver.uri("/outage");

            List<UUID> tills = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                UUID till = Devices.register(client, "Till " + i);
                tills.add(till);
                agents.add(Devices.connected(base, client, till));
            }
            // A device holding a taken order; it reports the outcome while the database is down.
            UUID heldTill = Devices.register(client, "Held till");
            TerminalAgent held = Devices.connected(base, client, heldTill);
            agents.add(held);
            held.behave(Behaviour.neverAnswer());
            SaleResult heldSale = client.payments().asyncSaleJson(Seeds.asyncSale(heldTill, UUID.randomUUID().toString(), callbacks));
            DeviceOrder heldOrder = held.awaitOrder(Duration.ofSeconds(10)).orElseThrow();
            assertThat(eventually(Duration.ofSeconds(10), () -> status(client, heldSale.paymentRequestId()) == 11)).isTrue();
            // An order for a terminal that is off: only the payment timers can end it, once its ten seconds are up.
            CreatedMerchant other = admin.createMerchant("queue");
            admin.setOrderTtl(other.merchantId(), Duration.ofSeconds(10));
            KasaClient queueClient = KasaClient.builder().baseUri(base).privateKeys(other.privateKey()).build();
            UUID offTill = Devices.register(queueClient, "Off till");
            agents.add(Devices.paired(base, queueClient, offTill));
            SaleResult queued = queueClient.payments().asyncSaleJson(Seeds.asyncSale(offTill, UUID.randomUUID().toString(), callbacks));
            assertThat(queued.paymentStatus()).isEqualTo(1);

            List<SaleLoad.Attempt> attempts;
            try (SaleLoad load = new SaleLoad(client, tills, callbacks)) {
                long warm = System.nanoTime();
                assertThat(eventually(Duration.ofSeconds(30), () -> load.accepted(warm) >= 20)).as("sales before the outage").isTrue();

                postgres.stop();
                long down = System.nanoTime();
                assertThat(eventually(Duration.ofSeconds(30), () -> load.refused(down) >= 10)).as("refusals during the outage").isTrue();
                assertReportedDown();
                assertRefusalsAreEnvelopes();
                assertThat(metrics()).as("the scrape answers, and says the database is away")
                        .contains("kasa_database_reachable 0.0", "kasa_callback_backlog NaN");
                assertThat(databaseRefusals()).as("the outage's refusals counted").isPositive();
                held.approve(heldOrder.orderId());
                assertThat(eventually(Duration.ofSeconds(20), () -> held.lastClose().filter(close -> close.code() == 1013).isPresent()))
                        .as("the outcome could not be stored: the connection is closed with 1013, not acknowledged").isTrue();
                assertThat(held.order(heldOrder.orderId()).orElseThrow().progress()).isEqualTo(DeviceOrder.Progress.REPORTED);

                postgres.start();
                long up = System.nanoTime();
                assertThat(eventually(Duration.ofSeconds(60), () -> status("/manage/health") == 200))
                        .as("health is UP again without a restart").isTrue();
                assertThat(status("/manage/health/readiness")).isEqualTo(200);
                assertThat(eventually(Duration.ofSeconds(30), () -> metrics().contains("kasa_database_reachable 1.0")))
                        .as("the node reaches the database again").isTrue();
                assertThat(eventually(Duration.ofSeconds(30), () -> load.accepted(up) >= 20)).as("sales after the outage").isTrue();
                load.close();
                attempts = load.attempts();
            }

            assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.took()).isLessThan(ANSWER_BOUND));
            List<SaleLoad.Attempt> unavailable = attempts.stream().filter(attempt -> !attempt.accepted()
                    && attempt.refusal().httpStatus() == 503).toList();
            assertThat(unavailable).isNotEmpty().allSatisfy(attempt -> {
                assertThat(attempt.refusal()).isInstanceOf(UnavailableException.class);
                assertThat(attempt.refusal().clientMessage()).isEqualTo(ClientMessages.SYSTEM_DATABASE_UNAVAILABLE);
                assertThat(attempt.refusal().retryAfter()).hasValue(RETRY_AFTER);
            });
            // The only other refusal: a sync sale to a till still reconnecting after the outage.
            assertThat(attempts).filteredOn(attempt -> !attempt.accepted() && attempt.refusal().httpStatus() != 503)
                    .allSatisfy(attempt -> {
                        assertThat(attempt.sync()).as(attempt.refusal().getMessage()).isTrue();
                        assertThat(attempt.refusal().clientMessage()).isEqualTo(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE);
                    });

            // A sale refused with 503 may or may not have been recorded: retried with the same
            // code it is found (and delivered, if it never was) or recorded now.
            for (SaleLoad.Attempt attempt : unavailable) {
                try {
                    SaleLoad.send(client, attempt.body(), attempt.sync());
                } catch (KasaException refusal) {
                    assertThat(refusal.clientMessage()).as(refusal.getMessage())
                            .isEqualTo(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE);
                }
            }
            Map<String, UUID> sales = paymentsByCode(client);
            assertThat(sales.keySet()).as("every sale asked for exists")
                    .containsAll(attempts.stream().map(SaleLoad.Attempt::code).toList());
            for (SaleLoad.Attempt attempt : attempts) {
                UUID sale = sales.get(attempt.code());
                assertThat(eventually(Duration.ofSeconds(60), () -> OUTCOMES.contains(status(client, sale))))
                        .as("sale %s ended: %s", sale, client.payments().inquiry(sale)).isTrue();
                assertExactlyOneOutcome(client, sale);
                if (!attempt.sync()) {
                    assertThat(status(client, sale)).as("async sale %s approved by its till", sale).isEqualTo(4);
                }
            }

            assertThat(eventually(Duration.ofSeconds(30), () ->
                    held.order(heldOrder.orderId()).orElseThrow().progress() == DeviceOrder.Progress.SETTLED))
                    .as("the device repeated its outcome after reconnecting").isTrue();
            assertThat(client.payments().activities(heldSale.paymentRequestId(), 0, 20).items().stream()
                    .map(PaymentActivity::paymentStatusId)).containsExactly(1, 10, 2, 11, 4);
            assertThat(eventually(Duration.ofSeconds(30), () -> status(queueClient, queued.paymentRequestId()) == 3))
                    .as("the payment timers ended the undelivered order").isTrue();

            Set<UUID> everyPayment = new LinkedHashSet<>(sales.values());
            everyPayment.add(heldSale.paymentRequestId());
            for (UUID payment : everyPayment) {
                assertThat(eventually(Duration.ofSeconds(60), () -> callbacksArrived(client, receiver, payment)))
                        .as("every callback of %s arrived", payment).isTrue();
            }
            assertThat(eventually(Duration.ofSeconds(30), () -> callbacksArrived(queueClient, receiver, queued.paymentRequestId())))
                    .isTrue();

            assertThat(output.getAll().split("The database cannot be reached", -1)).as("the outage is logged once").hasSize(2);
            assertThat(output.getAll()).contains("The database answers again")
                    .doesNotContain("Unexpected error occurred in scheduled task")
                    .doesNotContain("Unexpected failure on")
                    .doesNotContain("Callback delivery round failed");
        } finally {
            agents.forEach(TerminalAgent::close);
        }
    }

    /**
     * A database that stops answering without closing anything (SIGSTOP: a stalled host, a
     * black-holed network) is answered like a stopped one: requests get 503 with ErrorCode
     * 1010 within a few seconds instead of hanging, health is DOWN, liveness stays UP, and
     * once it runs again (SIGCONT) everything works without a restart.
     */
    @Test
    void aFrozenDatabaseIsAnsweredAsAnOutageWithinSecondsAndRecoveredFromAfterwards() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-frozen-");
        try (RestartablePostgres postgres = RestartablePostgres.start(dataDir.resolve("postgres"));
             ConfigurableApplicationContext server = start(postgres, dataDir)) {
            base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort());
            merchant = KasaAdminClient.create(base, ADMIN_TOKEN).createMerchant("frozen");
            client = KasaClient.builder().baseUri(base).privateKeys(merchant.privateKey()).build();
            http = new RawHttp(base);
            Devices.register(client, "Till");

            // read while the callers add to it: every reader copies it under its lock first
            List<Answered> answers = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                callers.add(Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        answers.add(listTerminals());
                    }
                }));
            }
            try {
                assertThat(eventually(Duration.ofSeconds(30), () -> snapshot(answers).stream().filter(a -> a.status() == 200).count() >= 20))
                        .as("answers before the freeze").isTrue();
                postgres.freeze();
                long frozen = System.nanoTime();
                try {
                    assertThat(eventually(Duration.ofSeconds(30), () -> snapshot(answers).stream()
                            .filter(a -> a.started() - frozen > 0 && a.errorCode() == 1010).count() >= 10))
                            .as(() -> "refusals while frozen; answers since: " + since(answers, frozen)).isTrue();
                    long healthAsked = System.nanoTime();
                    RawHttp.Answer health = http.get("/manage/health").send();
                    assertThat(Duration.ofNanos(System.nanoTime() - healthAsked)).as("health answers while frozen")
                            .isLessThan(FROZEN_ANSWER_BOUND);
                    assertThat(health.status()).isEqualTo(503);
                    assertThat(health.json().get("components").get("db").get("status").asString()).isEqualTo("DOWN");
                    assertThat(status("/manage/health/liveness")).isEqualTo(200);
                } finally {
                    postgres.thaw();
                }
                long thawed = System.nanoTime();
                assertThat(eventually(Duration.ofSeconds(60), () -> status("/manage/health") == 200))
                        .as("health is UP again without a restart").isTrue();
                assertThat(eventually(Duration.ofSeconds(30), () -> snapshot(answers).stream()
                        .filter(a -> a.started() - thawed > 0 && a.status() == 200).count() >= 20))
                        .as("answers after the freeze").isTrue();
            } finally {
                running.set(false);
                for (Thread caller : callers) {
                    caller.join(Duration.ofSeconds(30));
                }
            }
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.took()).as("answered, not hung").isLessThan(FROZEN_ANSWER_BOUND);
                assertThat(answer.status()).isIn(200, 503);
                if (answer.status() == 503) {
                    assertThat(answer.errorCode()).isEqualTo(1010);
                }
            });
        }
    }

    /** One terminal list request of the freeze test: when it started, how long it took, what it got (-1: no answer). */
    private record Answered(long started, Duration took, int status, int errorCode) {
    }

    private Answered listTerminals() {
        long started = System.nanoTime();
        try {
            RawHttp.Answer answer = http.post("/api/terminal/list").privateKeys(merchant.privateKey()).json("{}").send();
            int errorCode = answer.status() == 200 ? 0 : answer.json().path("ErrorCode").asInt(-1);
            return new Answered(started, Duration.ofNanos(System.nanoTime() - started), answer.status(), errorCode);
        } catch (UncheckedIOException noAnswer) {
            return new Answered(started, Duration.ofNanos(System.nanoTime() - started), -1, -1);
        }
    }

    /** While the database is down: health and readiness DOWN (503), liveness UP. */
    private void assertReportedDown() {
        assertThat(eventually(Duration.ofSeconds(30), () -> status("/manage/health") == 503)).as("health reports the outage").isTrue();
        JsonNode health = http.get("/manage/health").send().json();
        assertThat(health.get("status").asString()).isEqualTo("DOWN");
        assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("DOWN");
        assertThat(status("/manage/health/readiness")).as("not ready").isEqualTo(503);
        assertThat(status("/manage/health/liveness")).as("alive: a restart would not bring the database back").isEqualTo(200);
    }

    /** Both families answer in their own envelope, in the caller's language, with Retry-After. */
    private void assertRefusalsAreEnvelopes() {
        RawHttp.Answer physical = http.post("/api/terminal/list").privateKeys(merchant.privateKey())
                .header("locale", "en").json("{}").send();
        assertThat(physical.refusedWith(ClientMessages.SYSTEM_DATABASE_UNAVAILABLE)).contains("database");
        assertThat(physical.headers().firstValue("Retry-After")).hasValue("3");

        RawHttp.Answer marketplace = http.get("/api/paywall/marketplace/manual/trigger/pending")
                .publicKeys(merchant.publicKey()).header("datefrom", "2026-01-01").header("dateto", "2026-01-02")
                .header("currencyid", "1").send();
        assertThat(marketplace.status()).isEqualTo(503);
        assertThat(marketplace.headers().firstValue("Retry-After")).hasValue("3");
        JsonNode envelope = marketplace.json();
        assertThat(envelope.propertyNames()).containsExactlyInAnyOrder("ErrorCode", "Result", "Message", "Body");
        assertThat(envelope.get("ErrorCode").asInt()).isEqualTo(1010);
        assertThat(envelope.get("Result").asBoolean()).isFalse();
        assertThat(envelope.get("Message").asString()).as("Turkish by default").contains("Veritabanına");
    }

    private static ConfigurableApplicationContext start(RestartablePostgres postgres, Path dataDir) {
        return new SpringApplicationBuilder(KasaServer.class).run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--kasa.database.url=" + postgres.jdbcUrl(), "--kasa.database.username=" + postgres.username(),
                "--kasa.database.retry-after=" + RETRY_AFTER.toSeconds() + "s",
                "--kasa.data-dir=" + dataDir, "--kasa.admin-token=" + ADMIN_TOKEN,
                "--kasa.callback.allow-loopback=true", "--kasa.callback.timeout=2s", "--kasa.callback.lease=5s",
                "--kasa.callback.initial-delay=100ms", "--kasa.callback.max-delay=400ms", "--kasa.callback.poll=100ms",
                "--kasa.device.last-seen-flush=1s",
                "--kasa.marketplace.payout-interval=1s", "--kasa.marketplace.recovery-interval=1s");
    }

    /** What Prometheus scrapes from the node. */
    private String metrics() {
        RawHttp.Answer answer = http.get("/manage/prometheus").header("Authorization", "Bearer " + ADMIN_TOKEN).send();
        assertThat(answer.status()).isEqualTo(200);
        return answer.text();
    }

    private double databaseRefusals() {
        Matcher refused = Pattern.compile("(?m)^kasa_requests_refused_total\\{reason=\"database_unavailable\"} (\\S+)$")
                .matcher(metrics());
        assertThat(refused.find()).isTrue();
        return Double.parseDouble(refused.group(1));
    }

    private int status(String path) {
        return http.get(path).send().status();
    }

    private static int status(KasaClient client, UUID payment) {
        return client.payments().inquiry(payment).paymentStatusId();
    }

    private static Map<String, UUID> paymentsByCode(KasaClient client) {
        Map<String, UUID> byCode = new HashMap<>();
        for (int page = 0; ; page++) {
            var items = client.payments().list(PaymentQuery.page(page, 100)).items();
            items.forEach(item -> byCode.put(item.merchantUniqueCode(), item.id()));
            if (items.size() < 100) {
                return byCode;
            }
        }
    }

    private static void assertExactlyOneOutcome(KasaClient client, UUID payment) {
        List<Integer> statuses = client.payments().activities(payment, 0, 100).items().stream()
                .map(PaymentActivity::paymentStatusId).toList();
        assertThat(statuses.stream().filter(OUTCOMES::contains)).as("outcomes of %s: %s", payment, statuses).hasSize(1);
        assertThat(statuses.getLast()).as("the outcome is the last step of %s", payment).isEqualTo(status(client, payment));
    }

    /** Whether the receiver got a callback for every change of the payment after its creation. */
    private static boolean callbacksArrived(KasaClient client, CallbackReceiver receiver, UUID payment) {
        List<PaymentActivity> activities = client.payments().activities(payment, 0, 100).items();
        Set<String> received = new HashSet<>();
        receiver.forPayment(payment).forEach(callback -> received.add(callback.eventId()));
        return activities.stream().skip(1).allMatch(activity -> received.contains(activity.id().toString()));
    }

    /** How many answers of each kind (status/ErrorCode, and the slowest) came to requests started after {@code from}. */
    private static String since(List<Answered> answers, long from) {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        Duration slowest = Duration.ZERO;
        for (Answered answer : snapshot(answers)) {
            if (answer.started() - from > 0) {
                kinds.merge(answer.status() + "/" + answer.errorCode(), 1L, Long::sum);
                slowest = answer.took().compareTo(slowest) > 0 ? answer.took() : slowest;
            }
        }
        return kinds + ", slowest " + slowest.toMillis() + " ms";
    }

    /** A copy of a synchronized list, taken under its lock, so it can be read while others add to it. */
    private static <T> List<T> snapshot(List<T> synchronizedList) {
        synchronized (synchronizedList) {
            return List.copyOf(synchronizedList);
        }
    }
}
