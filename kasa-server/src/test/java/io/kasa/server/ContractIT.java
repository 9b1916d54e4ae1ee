package io.kasa.server;

import io.kasa.client.IssuedKey;
import io.kasa.client.KasaClient;
import io.kasa.client.TerminalRef;
import io.kasa.server.marketplace.MarketplaceIT;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real requests against a real server, each answer held against the served contract by
 * {@link OpenApiContract}: a refusal without credentials for every operation that takes
 * them, a refusal of a body of the wrong type and of an empty body for every operation that
 * reads one, and a success of every operation of the Physical family, device pairing and the
 * operator API, reached through real transitions with the terminal agent as the device.
 */
class ContractIT extends KasaServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OpenApiContract contract;
    /** The operations that answered 2xx in this test. */
    private final Set<String> succeeded = new TreeSet<>();

    @BeforeEach
    void loadContract() {
        contract = OpenApiContract.of(baseUri);
    }

    /** The answer of one exchange, already validated. */
    record Answer(int status, JsonNode body) {

        JsonNode result() {
            return body.has("Result") ? body.get("Result") : body.get("result");
        }

        String text(String name) {
            return result().get(name).asString();
        }
    }

    @Test
    void everyOperationThatTakesCredentialsRefusesARequestWithoutThemAsDocumented() {
        List<String> withoutSecurity = new ArrayList<>();
        for (String key : contract.operationKeys()) {
            JsonNode operation = contract.operationNode(key);
            if (operation.path("security").isArray() && operation.path("security").isEmpty()) {
                withoutSecurity.add(key);
                continue;
            }
            String[] parts = key.split(" ", 2);
            String body = operation.has("requestBody") ? "{}" : null;
            Answer answer = call(parts[0], concrete(operation, parts[1]), Map.of("locale", "en"), body);
            assertThat(answer.status()).as(key + " without credentials").isEqualTo(401);
        }
        assertThat(withoutSecurity).as("operations that take no credentials").isNotEmpty()
                .allMatch(key -> key.split(" ", 2)[1].startsWith("/api/device/"));
    }

    @Test
    void everyOperationThatReadsABodyRefusesAWrongOneAsDocumented() {
        MerchantFixture merchant = newMerchant("Contract bodies");
        int checked = 0;
        for (String key : contract.operationKeys()) {
            JsonNode operation = contract.operationNode(key);
            if (!operation.has("requestBody")) {
                continue;
            }
            String[] parts = key.split(" ", 2);
            Map<String, String> headers = credentials(parts[1], merchant);
            String path = concrete(operation, parts[1]);
            Answer wrongType = call(parts[0], path, headers, "[\"not an object\"]");
            assertThat(wrongType.status()).as(key + " with an array for a body").isBetween(400, 499);
            Answer empty = call(parts[0], path, headers, "{}");
            if (requestSchema(operation).path("required").isArray()) {
                assertThat(empty.status()).as(key + " with an empty body").isBetween(400, 499);
            }
            checked++;
        }
        assertThat(checked).as("operations with a body").isPositive();
    }

    @Test
    void everyOperationOfThePhysicalDeviceAndOperatorFamiliesSucceedsAsDocumented() {
        operator();
        Shop shop = shop("Contract shop", Behaviour.approve());
        IssuedKey keys = shop.merchant().created().privateKey();
        Map<String, String> merchant = Map.of("apiclientprivate", keys.client(), "apikeyprivate", keys.secret(), "locale", "en");
        UUID connection = shop.merchant().created().connectionId();

        lookupsAndProviders(merchant);
        connections(merchant, connection);
        UUID terminal = terminalsAndTags(merchant, connection);
        pairing(merchant, terminal);
        payments(merchant, shop);

        Set<String> expected = new TreeSet<>(contract.operationKeys());
        expected.removeIf(key -> key.split(" ", 2)[1].startsWith("/api/paywall/"));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(succeeded);
        assertThat(missing).as("operations that never answered 2xx").isEmpty();
    }

    private void operator() {
        Map<String, String> admin = Map.of("Authorization", "Bearer " + ADMIN_TOKEN);
        Answer created = ok(call("POST", "/admin/merchants", admin, "{\"Name\":\"Contract operator\"}"));
        String merchantId = created.text("MerchantId");
        ok(call("GET", "/admin/merchants?pageIndex=0&pageSize=5", admin, null));
        ok(call("GET", "/admin/merchants/" + merchantId, admin, null));
        String issued = ok(call("POST", "/admin/merchants/" + merchantId + "/keys", admin, "{\"Kind\":\"Webhook\"}")).text("KeyId");
        String rotated = ok(call("POST", "/admin/merchants/" + merchantId + "/keys/" + issued + "/rotate", admin,
                "{\"GraceSeconds\":60}")).text("KeyId");
        ok(call("POST", "/admin/merchants/" + merchantId + "/keys/" + rotated + "/revoke", admin, null));
        ok(call("PUT", "/admin/merchants/" + merchantId + "/settings", admin, "{\"OrderTtlSeconds\":300}"));
        ok(call("PUT", "/admin/merchants/" + merchantId + "/marketplace", admin, "{\"MarketplaceEnabled\":true,"
                + "\"ManualTrigger\":true,\"PlatformIban\":\"" + MarketplaceIT.PLATFORM_IBAN + "\",\"PlatformAccountTitle\":\"Platform\"}"));
        ok(call("GET", "/admin/merchants/" + merchantId + "/marketplace", admin, null));
    }

    private void lookupsAndProviders(Map<String, String> merchant) {
        for (String key : contract.operationKeys()) {
            if (key.startsWith("GET /api/lookup/")) {
                ok(call("GET", key.substring(4), merchant, null));
            }
        }
        ok(call("GET", "/api/provider/list", merchant, null));
        ok(call("GET", "/api/provider/1/list", merchant, null));
    }

    private void connections(Map<String, String> merchant, UUID connection) {
        ok(call("POST", "/api/connection/list", merchant, "{\"pageIndex\":0,\"pageSize\":10}"));
        ok(call("GET", "/api/connection/" + connection + "/detail", merchant, null));
        String settings = """
                "BrandId":100,"ProviderId":100,"RegionId":1,"EndOfDayId":1,"DisplayName":"Yedek","IsProd":true,
                "IsReporting":false,"IsAsyncPayment":true,"IsSocketPayment":true,"ServiceParameters":{},"Name":"Yedek bağlantı\"""";
        String spare = ok(call("POST", "/api/connection", merchant, "{" + settings + "}")).text("connectionId");
        ok(call("PUT", "/api/connection", merchant, "{" + settings + ",\"Id\":\"" + spare + "\"}"));
        ok(call("PUT", "/api/connection/disconnect", merchant, "{\"Id\":\"" + spare + "\"}"));
        ok(call("PUT", "/api/connection/reconnect", merchant, "{\"Id\":\"" + spare + "\"}"));
        ok(call("DELETE", "/api/connection", merchant, "{\"Id\":\"" + spare + "\"}"));
    }

    private UUID terminalsAndTags(Map<String, String> merchant, UUID connection) {
        String page = "{\"pageIndex\":0,\"pageSize\":10}";
        UUID terminal = UUID.fromString(ok(call("POST", "/api/terminal", merchant, "{\"Name\":\"Kasa 2\",\"SerialNo\":\"SN-"
                + UUID.randomUUID() + "\",\"Model\":\"A910\",\"ConnectionId\":\"" + connection + "\",\"TagCode\":\"kasa-2\"}"))
                .text("TerminalId"));
        ok(call("POST", "/api/terminal/list", merchant, page));
        ok(call("POST", "/api/terminal/" + connection + "/list", merchant, page));
        ok(call("POST", "/api/terminal/connectivity/check", merchant, "{\"TerminalId\":\"" + terminal + "\"}"));
        ok(call("POST", "/api/terminal/sync", merchant, "{\"ConnectionId\":\"" + connection + "\"}"));
        String tag = ok(call("POST", "/api/terminal/tag", merchant, "{\"TerminalId\":\"" + terminal
                + "\",\"Name\":\"Dükkan 1\",\"Code\":\"dükkan-1\"}")).text("terminalTagId");
        ok(call("POST", "/api/terminal/tag/list", merchant, "{\"pageIndex\":0,\"pageSize\":10,\"TerminalId\":\"" + terminal + "\"}"));
        ok(call("PUT", "/api/terminal/tag", merchant, "{\"TerminalTagId\":\"" + tag
                + "\",\"Name\":\"Dükkan bir\",\"Code\":\"dükkan-1\",\"IsActive\":true}"));
        ok(call("DELETE", "/api/terminal/tag", merchant, "{\"TerminalTagId\":\"" + tag + "\"}"));
        return terminal;
    }

    /** Sync and async pairing of one terminal, with this test as the device. */
    private void pairing(Map<String, String> merchant, UUID terminal) {
        String ref = "{\"TerminalId\":\"" + terminal + "\"}";
        String cancelled = ok(call("POST", "/api/pair/sync/request", merchant, ref)).text("PairRequestId");
        ok(call("GET", "/api/pair/sync/request/" + cancelled, merchant, null));
        ok(call("DELETE", "/api/pair/sync/request/delete", merchant, "{\"PairRequestId\":\"" + cancelled + "\"}"));
        String code = ok(call("POST", "/api/pair/sync/request", merchant, ref)).text("PairCode");
        Answer paired = ok(call("POST", "/api/device/pair", Map.of(), device(code)));
        assertThat(paired.text("Status")).isEqualTo("Paired");
        ok(call("DELETE", "/api/pair/sync/unpair", merchant, ref));

        Answer requested = ok(call("POST", "/api/pair/async/request", merchant, ref));
        String asyncId = requested.text("PairAsyncRequestId");
        ok(call("GET", "/api/pair/async/request/" + asyncId, merchant, null));
        Answer claimed = ok(call("POST", "/api/device/pair", Map.of(), device(requested.text("PairCode"))));
        assertThat(claimed.text("Status")).isEqualTo("WaitingForConfirmation");
        String token = "{\"DeviceToken\":\"" + claimed.text("DeviceToken") + "\"}";
        assertThat(ok(call("POST", "/api/device/pair/status", Map.of(), token)).text("Status")).isEqualTo("WaitingForConfirmation");
        ok(call("PUT", "/api/pair/async/confirm", merchant, "{\"PairAsyncRequestId\":\"" + asyncId + "\"}"));
        assertThat(ok(call("POST", "/api/device/pair/status", Map.of(), token)).text("Status")).isEqualTo("Paired");
        ok(call("DELETE", "/api/pair/async/unpair", merchant, ref));
        String withdrawn = ok(call("POST", "/api/pair/async/request", merchant, ref)).text("PairAsyncRequestId");
        ok(call("DELETE", "/api/pair/async/request/delete", merchant, "{\"PairAsyncRequestId\":\"" + withdrawn + "\"}"));
    }

    /**
     * Sales, cancels, lists and callbacks on the shop's terminal, whose agent approves; the
     * rollbacks on a second terminal whose agent approved one sale and went away, so a sale
     * and a cancel wait in its queue.
     */
    private void payments(Map<String, String> merchant, Shop shop) {
        Map<String, String> held = new LinkedHashMap<>(merchant);
        held.put("X-Kasa-Wait", "60");
        Answer sync = ok(call("POST", "/api/payment/sync/sale", held,
                Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString(), Seeds.SINK)));
        assertThat(sync.result().get("PaymentStatus").asInt()).isEqualTo(4);
        String sale = sync.text("PaymentRequestId");
        String async = ok(call("POST", "/api/payment/async/sale", merchant,
                Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString(), Seeds.SINK))).text("PaymentRequestId");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                ok(call("GET", "/api/payment/inquiry/" + async, merchant, null)).result().get("PaymentStatusId").asInt() == 4);
        String page = "{\"pageIndex\":0,\"pageSize\":10,\"PaymentRequestId\":\"" + sale + "\"}";
        ok(call("POST", "/api/payment/list", merchant, "{\"pageIndex\":0,\"pageSize\":10}"));
        ok(call("POST", "/api/payment/activities", merchant, page));
        ok(call("POST", "/api/payment/products", merchant, page));
        JsonNode deliveries = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ok(call("GET", "/api/payment/" + sale + "/callbacks", merchant, null)).result(),
                        list -> !list.isEmpty() && list.get(0).get("State").asString().equals("Delivered"));
        ok(call("POST", "/api/payment/callbacks/resend", merchant,
                "{\"CallbackId\":\"" + deliveries.get(0).get("CallbackId").asString() + "\"}"));
        ok(call("POST", "/api/payment/sync/cancel", held,
                "{\"PaymentRequestId\":\"" + sale + "\",\"SendNotificationDeviceDisconnected\":false}"));
        ok(call("POST", "/api/payment/async/cancel", merchant, "{\"PaymentRequestId\":\"" + async + "\"}"));

        KasaClient client = shop.client();
        UUID away = Devices.register(client, "Giden");
        TerminalAgent leaving = track(Devices.connected(baseUri, client, away));
        leaving.behave(Behaviour.approve());
        UUID settled = client.payments().syncSaleJson(Seeds.syncSale(away, UUID.randomUUID().toString(), null),
                Duration.ofSeconds(60)).paymentRequestId();
        leaving.stop();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !client.terminals().connectivity(TerminalRef.id(away)).isSocketConnected());
        UUID queued = client.payments().asyncSaleJson(Seeds.asyncSale(away, UUID.randomUUID().toString())).paymentRequestId();
        client.payments().asyncCancel(settled);
        ok(onceOldEnough(() -> call("POST", "/api/payment/sync/sale/rollback", merchant,
                "{\"PaymentRequestId\":\"" + queued + "\"}")));
        ok(onceOldEnough(() -> call("POST", "/api/payment/sync/cancel/rollback", merchant,
                "{\"PaymentRequestId\":\"" + settled + "\"}")));
    }

    /** A rollback is refused (422) during an order's first seconds: asks until it is old enough. */
    private static Answer onceOldEnough(Supplier<Answer> rollback) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(rollback::get, answer -> answer.status() != 422);
    }

    private static String device(String code) {
        return "{\"PairCode\":\"" + code + "\",\"SerialNo\":\"SN-" + UUID.randomUUID()
                + "\",\"Model\":\"A910\",\"AppVersion\":\"1.0.0\"}";
    }

    private static Answer ok(Answer answer) {
        assertThat(answer.status()).as("status of " + answer.body()).isBetween(200, 299);
        return answer;
    }

    /** The credentials an operation's path takes, for one merchant. */
    private static Map<String, String> credentials(String template, MerchantFixture merchant) {
        if (template.startsWith("/admin/")) {
            return Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "locale", "en");
        }
        if (template.startsWith("/api/device/")) {
            return Map.of("locale", "en");
        }
        IssuedKey key = template.startsWith("/api/paywall/") ? merchant.created().publicKey() : merchant.created().privateKey();
        String kind = template.startsWith("/api/paywall/") ? "public" : "private";
        return Map.of("apiclient" + kind, key.client(), "apikey" + kind, key.secret(), "locale", "en");
    }

    /** The template with each path parameter replaced by a value of its type that names nothing. */
    private static String concrete(JsonNode operation, String template) {
        String path = template;
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asString("").equals("path")) {
                String type = parameter.path("schema").path("type").asString("string");
                String value = type.equals("integer") ? "1" : UUID.randomUUID().toString();
                path = path.replace("{" + parameter.get("name").asString() + "}", value);
            }
        }
        assertThat(path).as("every path parameter of " + template + " documented").doesNotContain("{");
        return path;
    }

    private JsonNode requestSchema(JsonNode operation) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        while (schema.has("$ref")) {
            schema = contract.document().at(schema.get("$ref").asString().substring(1));
        }
        return schema;
    }

    /** Sends one request, validates the exchange against the contract and notes a success. */
    private Answer call(String method, String pathAndQuery, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(pathAndQuery)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        contract.validate(method, pathAndQuery, headers, body, response.statusCode(), contentType, response.body());
        if (response.statusCode() / 100 == 2) {
            contract.operationKey(method, pathAndQuery).ifPresent(succeeded::add);
        }
        JsonNode json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json);
    }
}
