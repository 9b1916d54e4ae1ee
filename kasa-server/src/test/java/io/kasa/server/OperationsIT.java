package io.kasa.server;

import io.kasa.client.CallbackState;
import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.PairRequest;
import io.kasa.client.SaleResult;
import io.kasa.client.TerminalRef;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.Outcome;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator gets from a running server, checked on the built jar as an operator runs
 * it, with structured (ECS) console logs: the business metrics in {@code /manage/prometheus}
 * move with a real pairing, a held sync sale, its cancel, an async sale and callbacks delivered
 * and dead; every metric the
 * Grafana dashboard and the alert rules of docs/ use is one the server publishes; and the log
 * has one line per payment outcome and per dead callback, with their ids as fields, and no
 * secret, card or customer data.
 */
class OperationsIT {

    private static final String ADMIN_TOKEN = "kat_operations-admin-token-0123456789";
    private static final String METRICS_TOKEN = "kmt_operations-metrics-token-0123456789";
    private static final Path DOCS = Path.of("..", "docs").toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A metric name in PromQL: ours, the JVM's and the libraries' Spring Boot publishes. */
    private static final Pattern METRIC = Pattern.compile(
            "\\b((?:kasa|jvm|hikaricp|http_server|process|system|jetty|executor|tasks)_[a-z0-9_]+)\\b");
    /** The card the cashier approves the sync sale on: none of it may be logged. */
    private static final Outcome.Card CARD = new Outcome.Card("5555 55** **** 4444", "MASTERCARD", "AUTH7Q");
    private static final String CARD_REFERENCE = "ACQ-REF-93172";
    /** The test acquirer's card numbers (the async sale's) begin so; what follows is masked. */
    private static final String CARD_BIN = "4111 11";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static ServerJars jars;
    private static Path log;
    private static URI base;
    private static CreatedMerchant created;
    private static Scrape before;
    private static Scrape during;
    private static Scrape after;
    private static SaleResult syncSale;
    private static SaleResult cancel;
    private static SaleResult asyncSale;

    @BeforeAll
    static void runTheServerThroughAWorkingDay() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-operations-");
        int port = ServerJars.freePort();
        base = URI.create("http://127.0.0.1:" + port);
        log = ServerJars.log(dataDir, port);
        jars = new ServerJars();
        jars.start(dataDir, port, "--kasa.admin-token=" + ADMIN_TOKEN, "--kasa.metrics-token=" + METRICS_TOKEN,
                "--kasa.demo.enabled=false", "--logging.structured.format.console=ecs",
                "--kasa.payment.receipt-wait=15s",
                "--kasa.callback.initial-delay=100ms", "--kasa.callback.max-delay=400ms", "--kasa.callback.poll=100ms",
                "--kasa.callback.give-up-after=3s");
        await().atMost(Duration.ofSeconds(180)).alias("the server came up; its log is " + log)
                .until(() -> ServerJars.status(port, "/manage/health") == 200);
        before = scrape();

        created = KasaAdminClient.create(base, ADMIN_TOKEN).createMerchant("Operations");
        KasaClient client = KasaClient.builder().baseUri(base).privateKeys(created.privateKey())
                .publicKeys(created.publicKey()).locale("en").build();
        UUID terminalId = Devices.register(client, "Operations till");
        wrongPairCode(client, terminalId);
        try (CallbackReceiver receiver = CallbackReceiver.start();
             TerminalAgent agent = Devices.connected(base, client, terminalId)) {
            // the cashier holds the sync sale until the test has seen it held, then approves it on its own card
            agent.behave(Behaviour.manual());
            CompletableFuture<String> order = new CompletableFuture<>();
            agent.onOrder(received -> order.complete(received.orderId()));
            String code = UUID.randomUUID().toString();
            CompletableFuture<SaleResult> held = CompletableFuture.supplyAsync(() -> client.payments().syncSaleJson(
                    Seeds.syncSale(terminalId, code, receiver.uri("/hook")), Duration.ofSeconds(60)));
            await().atMost(Duration.ofSeconds(30)).alias("the sync sale held")
                    .until(() -> scrape().value("kasa_sync_sales_held", Map.of()) == 1);
            agent.behave(Behaviour.approve());
            agent.decide(order.get(30, TimeUnit.SECONDS), Outcome.approved(CARD, CARD_REFERENCE));
            syncSale = held.get(30, TimeUnit.SECONDS);
            assertThat(syncSale.paymentStatus()).isEqualTo(4);
            cancel = client.payments().syncCancel(syncSale.paymentRequestId(), false);
            assertThat(cancel.paymentStatus()).isEqualTo(4);
            // nothing listens on a port of its own once it is closed: every try fails at once
            URI nowhere = URI.create("http://127.0.0.1:" + ServerJars.freePort() + "/gone?token=s3cr3t-in-the-query");
            asyncSale = client.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString(), nowhere));
            await().atMost(Duration.ofSeconds(60)).alias("the sync sale's and the cancel's callbacks delivered")
                    .until(() -> client.callbacks().list(syncSale.paymentRequestId()).size() >= 6
                            && client.callbacks().list(syncSale.paymentRequestId()).stream()
                            .allMatch(delivery -> delivery.state() == CallbackState.DELIVERED));
            await().atMost(Duration.ofSeconds(60)).alias("the async sale ended and its callbacks died")
                    .until(() -> client.payments().inquiry(asyncSale.paymentRequestId()).paymentStatusId() == 4
                            && client.callbacks().list(asyncSale.paymentRequestId()).size() == 4
                            && client.callbacks().list(asyncSale.paymentRequestId()).stream()
                            .allMatch(delivery -> delivery.state() == CallbackState.DEAD));
            during = scrape();
        }
        await().atMost(Duration.ofSeconds(30)).alias("the terminal's connection closed")
                .until(() -> scrape().value("kasa_terminals_connected", Map.of()) == 0);
        after = scrape();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (jars != null) {
            jars.close();
        }
    }

    @Test
    void theBusinessCountersMoveWithRealSalesCallbacksAndPairings() {
        assertThat(during.delta(before, "kasa_orders_accepted_total", Map.of("type", "sale", "channel", "sync"))).isEqualTo(1);
        assertThat(during.delta(before, "kasa_orders_accepted_total", Map.of("type", "sale", "channel", "async"))).isEqualTo(1);
        assertThat(during.delta(before, "kasa_orders_accepted_total", Map.of("type", "cancel", "channel", "sync"))).isEqualTo(1);
        assertThat(during.delta(before, "kasa_order_outcome_seconds_count",
                Map.of("type", "sale", "channel", "sync", "outcome", "successful"))).isEqualTo(1);
        assertThat(during.delta(before, "kasa_order_outcome_seconds_count",
                Map.of("type", "sale", "channel", "async", "outcome", "successful"))).isEqualTo(1);
        assertThat(during.delta(before, "kasa_order_outcome_seconds_count",
                Map.of("type", "cancel", "channel", "sync", "outcome", "successful"))).isEqualTo(1);
        assertThat(during.delta(before, "kasa_order_outcome_seconds_count", Map.of("outcome", "failed"))).isZero();
        assertThat(during.delta(before, "kasa_order_outcome_seconds_sum", Map.of("type", "sale"))).isPositive();
        assertThat(during.delta(before, "kasa_order_dispatch_seconds_count", Map.of())).as("three orders received").isEqualTo(3);

        assertThat(during.delta(before, "kasa_callback_tries_total", Map.of("result", "delivered")))
                .as("sale 10, 2, 11, 4 and cancel 1, 10, 2, 11, 4, less the cancel's creation, which calls nothing back")
                .isGreaterThanOrEqualTo(8);
        assertThat(during.delta(before, "kasa_callback_delivery_seconds_count", Map.of())).isGreaterThanOrEqualTo(8);
        assertThat(during.delta(before, "kasa_callback_tries_total", Map.of("result", "dead"))).isEqualTo(4);
        assertThat(during.delta(before, "kasa_callback_tries_total", Map.of("result", "retry"))).isPositive();
        assertThat(during.value("kasa_callback_backlog", Map.of())).as("dead callbacks are owed no more").isZero();

        assertThat(during.delta(before, "kasa_pairing_attempts_total", Map.of("result", "paired"))).isEqualTo(1);
        assertThat(during.delta(before, "kasa_pairing_attempts_total", Map.of("result", "invalid_code"))).isEqualTo(1);
        assertThat(during.value("kasa_terminals_connected", Map.of())).isEqualTo(1);
        assertThat(after.value("kasa_terminals_connected", Map.of())).isZero();
        assertThat(during.value("kasa_sync_sales_held", Map.of())).as("every held sale answered").isZero();
        assertThat(during.value("kasa_database_reachable", Map.of())).isEqualTo(1);
        assertThat(during.delta(before, "kasa_requests_refused_total", Map.of())).isZero();
    }

    @Test
    void everyMetricTheDashboardShowsIsPublished() throws IOException {
        JsonNode dashboard = JSON.readTree(DOCS.resolve("grafana/kasa-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> {
            if (panel.get("type").asString().equals("row")) {
                return;
            }
            assertThat(panel.get("datasource").get("uid").asString()).as(panel.get("title").asString())
                    .isEqualTo("${datasource}");
            assertThat(panel.get("targets").isEmpty()).isFalse();
            panel.get("targets").forEach(target -> {
                assertThat(target.get("datasource").get("uid").asString()).isEqualTo("${datasource}");
                expressions.add(target.get("expr").asString());
            });
        });
        List<String> variables = new ArrayList<>();
        dashboard.get("templating").get("list").forEach(variable -> variables.add(variable.get("type").asString()
                + ":" + variable.get("name").asString()));
        assertThat(variables).contains("datasource:datasource");

        assertPublished(expressions);
    }

    @Test
    void everyAlertRuleIsWellFormedAndWatchesPublishedMetrics() throws IOException {
        JsonNode rules = YAMLMapper.builder().build().readTree(DOCS.resolve("prometheus/kasa-alerts.yaml").toFile());
        List<String> expressions = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        assertThat(rules.get("groups").isEmpty()).isFalse();
        rules.get("groups").forEach(group -> {
            assertThat(group.get("name").asString()).isNotBlank();
            group.get("rules").forEach(rule -> {
                String name = rule.get("alert").asString();
                assertThat(names.add(name)).as("alert names are unique: " + name).isTrue();
                assertThat(rule.get("expr").asString()).as(name).isNotBlank();
                assertThat(rule.get("labels").get("severity").asString()).as(name).isIn("critical", "warning");
                assertThat(rule.get("annotations").get("summary").asString()).as(name).isNotBlank();
                if (rule.has("for")) {
                    assertThat(rule.get("for").asString()).as(name).matches("\\d+[smh]");
                }
                Set<String> known = Set.of("alert", "expr", "for", "labels", "annotations");
                rule.propertyNames().forEach(key -> assertThat(known).as(name + " has no field " + key).contains(key));
                expressions.add(rule.get("expr").asString());
            });
        });
        assertThat(names).contains("KasaDatabaseUnreachable", "KasaCallbacksDying", "KasaCallbackBacklogGrowing",
                "KasaTerminalsDroppedOff");

        assertPublished(expressions);
    }

    @Test
    void eachOutcomeAndEachDeadCallbackIsOneStructuredLineWithItsIdsAndNoSecrets() throws IOException {
        String text = Files.readString(log);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines).as("the console logs as ECS JSON").isNotEmpty();

        JsonNode sold = outcomeLine(lines, syncSale, "sale");
        assertThat(sold.get("message").asString()).contains(syncSale.paymentRequestId().toString(),
                "PaymentId " + syncSale.paymentId(), created.merchantId().toString(), "ended Successful (4)");
        assertThat(sold.get("channel").asString()).isEqualTo("sync");
        assertThat(sold.get("paymentStatusId").asInt()).isEqualTo(4);
        assertThat(sold.get("log").get("level").asString()).isEqualTo("INFO");
        assertThat(outcomeLine(lines, cancel, "cancel").get("message").asString()).contains("cancel (sync) ended Successful");
        assertThat(outcomeLine(lines, asyncSale, "sale").get("channel").asString()).isEqualTo("async");

        List<JsonNode> dead = lines.stream()
                .filter(line -> field(line, "paymentRequestId").equals(asyncSale.paymentRequestId().toString()))
                .filter(line -> line.get("message").asString().contains("is dead"))
                .toList();
        assertThat(dead).as("one line per dead callback").hasSize(4).allSatisfy(line -> {
            assertThat(field(line, "paymentId")).isEqualTo(asyncSale.paymentId().toString());
            assertThat(field(line, "merchantId")).isEqualTo(created.merchantId().toString());
            assertThat(field(line, "callbackTarget")).startsWith("http://127.0.0.1:").doesNotContain("/gone");
        });

        assertThat(text).as("no key, token or secret")
                .doesNotContain(created.privateKey().secret(), created.publicKey().secret(), created.webhookKey().secret(),
                        ADMIN_TOKEN, METRICS_TOKEN, "s3cr3t-in-the-query");
        assertThat(text).as("no card data").doesNotContain(CARD.maskedPan(), CARD.authCode(), CARD_REFERENCE, CARD_BIN,
                "** ****");
        assertThat(text).as("no customer data").doesNotContain("11111111110", "Tam sokağın ortası", "Mesela");
    }

    /** The one outcome line of the order of this type of the payment. */
    private static JsonNode outcomeLine(List<JsonNode> lines, SaleResult payment, String type) {
        List<JsonNode> found = lines.stream()
                .filter(line -> line.get("log").get("logger").asString().equals("io.kasa.server.payment.Outcomes"))
                .filter(line -> field(line, "paymentRequestId").equals(payment.paymentRequestId().toString()))
                .filter(line -> field(line, "orderType").equals(type))
                .toList();
        assertThat(found).as("one outcome line for the " + type + " of " + payment.paymentRequestId()).hasSize(1);
        JsonNode line = found.getFirst();
        assertThat(field(line, "paymentId")).isEqualTo(payment.paymentId().toString());
        assertThat(field(line, "merchantId")).isEqualTo(created.merchantId().toString());
        assertThat(field(line, "terminalId")).isNotBlank();
        return line;
    }

    private static String field(JsonNode line, String name) {
        JsonNode value = line.get(name);
        return value == null ? "" : value.isString() ? value.asString() : value.toString();
    }

    private static void assertPublished(List<String> expressions) {
        Set<String> published = after.names();
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            boolean any = false;
            while (metric.find()) {
                any = true;
                assertThat(published).as("the metric of " + expression).contains(metric.group(1));
            }
            assertThat(any).as("a metric in " + expression).isTrue();
        }
    }

    /** A device types a code that is not the terminal's live one: refused, counted as an invalid code. */
    private static void wrongPairCode(KasaClient client, UUID terminalId) throws IOException, InterruptedException {
        PairRequest request = client.pairing().request(TerminalRef.id(terminalId));
        String wrong = String.format("%06d", (Integer.parseInt(request.pairCode()) + 1) % 1_000_000);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/device/pair"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"PairCode\":\"" + wrong + "\",\"SerialNo\":\"OPS-1\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("Pair.Sync.CodeInvalid");
    }

    private static Scrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve("/manage/prometheus"))
                .header("Authorization", "Bearer " + METRICS_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return Scrape.parse(answer.body());
    }

    /** One Prometheus scrape: each sample's name, labels and value. */
    private record Scrape(List<Sample> samples) {

        private record Sample(String name, Map<String, String> labels, double value) {
        }

        static Scrape parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher sample = SAMPLE.matcher(line);
                assertThat(sample.find()).as(line).isTrue();
                Map<String, String> labels = new HashMap<>();
                if (sample.group(3) != null) {
                    Matcher label = LABEL.matcher(sample.group(3));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
            }
            return new Scrape(samples);
        }

        Set<String> names() {
            Set<String> names = new LinkedHashSet<>();
            samples.forEach(sample -> names.add(sample.name()));
            return names;
        }

        /** The sum of the samples of the metric that carry these labels; fails when there is none. */
        double value(String name, Map<String, String> labels) {
            List<Sample> matching = samples.stream()
                    .filter(sample -> sample.name().equals(name))
                    .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                    .toList();
            assertThat(matching).as(name + " " + labels).isNotEmpty();
            return matching.stream().mapToDouble(Sample::value).sum();
        }

        double delta(Scrape earlier, String name, Map<String, String> labels) {
            return value(name, labels) - earlier.value(name, labels);
        }
    }
}
