package io.kasa.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What {@link KasaClient} puts on the wire and how it reads answers, against a scripted local HTTP server. */
class KasaClientWireTests {

    private static final UUID TERMINAL = UUID.fromString("38e895c3-1a9a-4b73-8816-8557d1d031d6");
    private static final UUID CONNECTION = UUID.fromString("0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11");
    private static final UUID PAIR_REQUEST = UUID.fromString("765c1ea9-bf03-4ee5-8d77-8e4893e5afe3");

    private ScriptedServer server;
    private KasaClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        client = KasaClient.builder()
                .baseUri(server.uri())
                .privateKeys("priv-client", "priv-secret")
                .publicKeys("pub-client", "pub-secret")
                .locale("en")
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void physicalCallsCarryThePrivatePairAndLocaleOnly() {
        server.result("""
                {"PairRequestId":"765c1ea9-bf03-4ee5-8d77-8e4893e5afe3","TerminalId":"38e895c3-1a9a-4b73-8816-8557d1d031d6","PairCode":"949161"}
                """);

        PairRequest pair = client.pairing().request(TerminalRef.tag("dükkan_1"));

        assertThat(pair).isEqualTo(new PairRequest(PAIR_REQUEST, TERMINAL, "949161"));
        ScriptedServer.Received sent = server.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/pair/sync/request");
        assertThat(sent.header("apiclientprivate")).isEqualTo("priv-client");
        assertThat(sent.header("apikeyprivate")).isEqualTo("priv-secret");
        assertThat(sent.header("apiclientpublic")).isNull();
        assertThat(sent.header("apikeypublic")).isNull();
        assertThat(sent.header("locale")).isEqualTo("en");
        assertThat(sent.header("X-Request-Id")).isNull();
        assertThat(sent.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(sent.text()).isEqualTo("{\"TerminalTagCode\":\"dükkan_1\"}");
    }

    @Test
    void marketplaceCallsCarryThePublicPairOnlyAndReadTheMarketplaceEnvelope() {
        server.answer(200, """
                {"ErrorCode":0,"Result":true,"Message":null,"Body":{"Count":3}}
                """);

        JsonNode body = client.call("GET", "/api/paywall/marketplace/manual/trigger/pending", null, JsonNode.class);

        assertThat(body.get("Count").intValue()).isEqualTo(3);
        ScriptedServer.Received sent = server.last();
        assertThat(sent.header("apiclientpublic")).isEqualTo("pub-client");
        assertThat(sent.header("apikeypublic")).isEqualTo("pub-secret");
        assertThat(sent.header("apiclientprivate")).isNull();
        assertThat(sent.header("apikeyprivate")).isNull();
        assertThat(sent.header("Content-Type")).isNull();
        assertThat(sent.body()).isEmpty();
    }

    @Test
    void deviceCallsCarryNoMerchantKeys() {
        client.call("POST", "/api/device/pair", Map.of("PairCode", "949161"), JsonNode.class);

        ScriptedServer.Received sent = server.last();
        assertThat(sent.header("apiclientprivate")).isNull();
        assertThat(sent.header("apiclientpublic")).isNull();
    }

    @Test
    void withLocaleKeepsKeysAndChangesTheLanguage() {
        server.result("true").result("true");

        client.withLocale("tr-TR").terminals().sync(CONNECTION);
        client.withLocale(null).terminals().sync(CONNECTION);

        assertThat(server.received().get(0).header("locale")).isEqualTo("tr-TR");
        assertThat(server.received().get(0).header("apiclientprivate")).isEqualTo("priv-client");
        assertThat(server.received().get(1).header("locale")).isNull();
    }

    @Test
    void clientWithoutKeysSendsNone() throws IOException {
        KasaClient anonymous = KasaClient.builder().baseUri(server.uri()).build();

        anonymous.terminals().list(0, 10);

        ScriptedServer.Received sent = server.last();
        assertThat(sent.header("apiclientprivate")).isNull();
        assertThat(sent.header("apikeyprivate")).isNull();
        assertThat(sent.header("locale")).isNull();
    }

    @Test
    void baseUriPathPrefixIsKept() {
        KasaClient prefixed = KasaClient.builder().baseUri(URI.create(server.uri() + "/kasa/")).build();
        server.result("true");

        prefixed.terminals().sync(CONNECTION);

        assertThat(server.last().path()).isEqualTo("/kasa/api/terminal/sync");
    }

    @Test
    void registerLeavesOutAbsentOptionalFields() {
        server.result("{\"TerminalId\":\"38e895c3-1a9a-4b73-8816-8557d1d031d6\"}");

        UUID id = client.terminals().register("Kasa 1", "PAV960000015");

        assertThat(id).isEqualTo(TERMINAL);
        assertThat(server.last().text()).isEqualTo("{\"Name\":\"Kasa 1\",\"SerialNo\":\"PAV960000015\"}");
    }

    @Test
    void registerWithEveryField() {
        server.result("{\"TerminalId\":\"38e895c3-1a9a-4b73-8816-8557d1d031d6\"}");

        client.terminals().register(TerminalRegistration.of("Kasa 1", "PAV960000015")
                .withModel("A910").withConnectionId(CONNECTION).withTagCode("şube_1"));

        assertThat(server.last().text()).isEqualTo("{\"Name\":\"Kasa 1\",\"SerialNo\":\"PAV960000015\",\"Model\":\"A910\","
                + "\"ConnectionId\":\"0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11\",\"TagCode\":\"şube_1\"}");
    }

    @Test
    void terminalListsPostPagingAndBindItems() {
        String page = """
                {"Items":[{"Id":"38e895c3-1a9a-4b73-8816-8557d1d031d6","ConnectionId":"0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11",
                           "BrandId":100,"ProviderId":100,"RegionId":1,"ConnectionName":"Kasa",
                           "SourceId":"38e895c3-1a9a-4b73-8816-8557d1d031d6","TerminalId":"K000001",
                           "SerialNo":"PAV960000015","SourceCreatedDate":"2024-09-01T10:00:00",
                           "SourceUpdateDate":"2024-09-01T10:00:00","MerchantId":"1308","Name":"Kasa 1","Model":null,
                           "IsPaired":true,"IsSocketConnected":false,"LastSeenDate":"2024-09-02T13:52:34.504179"}],
                 "Pagination":{"CurrentPage":1,"PageCount":2,"PageSize":1,"TotalCount":2}}
                """;
        server.result(page).result(page);

        Page<Terminal> all = client.terminals().list(1, 1);
        client.terminals().listByConnection(CONNECTION, 0, 100);

        Terminal terminal = all.items().getFirst();
        assertThat(terminal.id()).isEqualTo(TERMINAL);
        assertThat(terminal.terminalId()).isEqualTo("K000001");
        assertThat(terminal.sourceId()).isEqualTo("38e895c3-1a9a-4b73-8816-8557d1d031d6");
        assertThat(terminal.sourceCreatedDate()).isEqualTo(LocalDateTime.of(2024, 9, 1, 10, 0));
        assertThat(terminal.sourceUpdateDate()).isEqualTo(LocalDateTime.of(2024, 9, 1, 10, 0));
        assertThat(terminal.merchantId()).isEqualTo("1308");
        assertThat(terminal.isPaired()).isTrue();
        assertThat(terminal.isSocketConnected()).isFalse();
        assertThat(all.pagination().totalCount()).isEqualTo(2);
        assertThat(server.received().get(0).text()).isEqualTo("{\"PageIndex\":1,\"PageSize\":1}");
        assertThat(server.received().get(1).path()).isEqualTo("/api/terminal/" + CONNECTION + "/list");
        assertThat(server.received().get(1).text()).isEqualTo("{\"PageIndex\":0,\"PageSize\":100}");
    }

    @Test
    void connectivityAndSync() {
        server.result("{\"IsSocketConnected\":true,\"LastSeenDate\":null}").result("true");

        TerminalConnectivity connectivity = client.terminals().connectivity(TerminalRef.id(TERMINAL));
        boolean synced = client.terminals().sync(CONNECTION);

        assertThat(connectivity.isSocketConnected()).isTrue();
        assertThat(synced).isTrue();
        assertThat(server.received().get(0).path()).isEqualTo("/api/terminal/connectivity/check");
        assertThat(server.received().get(0).text()).isEqualTo("{\"TerminalId\":\"" + TERMINAL + "\"}");
        assertThat(server.received().get(1).text()).isEqualTo("{\"ConnectionId\":\"" + CONNECTION + "\"}");
    }

    private static final String CAMEL_CASE_STATUS =
            "{\"result\":{\"status\":true},\"failed\":false,\"message\":null,\"clientMessage\":null,\"succeeded\":true}";

    @Test
    void tagCalls() {
        UUID tag = UUID.fromString("11111111-2222-3333-4444-555555555555");
        server.result("{\"Items\":[],\"Pagination\":{\"CurrentPage\":0,\"PageCount\":0,\"PageSize\":10,\"TotalCount\":0}}")
                .result("{\"Items\":[],\"Pagination\":{\"CurrentPage\":0,\"PageCount\":0,\"PageSize\":10,\"TotalCount\":0}}")
                // the tag writes answer in camelCase, as Paywall's page shows them
                .answer(200, "{\"result\":{\"status\":true,\"terminalTagId\":\"" + tag + "\"},\"errorCode\":0,"
                        + "\"succeeded\":true,\"failed\":false,\"message\":null,\"clientMessage\":null}")
                .answer(200, CAMEL_CASE_STATUS)
                .answer(200, CAMEL_CASE_STATUS);

        assertThat(client.tags().list(0, 10).items()).isEmpty();
        client.tags().list(TERMINAL, 0, 10);
        assertThat(client.tags().add(TERMINAL, "Levent Şube", "levent_şube")).isEqualTo(tag);
        client.tags().update(tag, "Levent", "levent", false);
        client.tags().delete(tag);

        var sent = server.received();
        assertThat(sent).extracting(ScriptedServer.Received::method)
                .containsExactly("POST", "POST", "POST", "PUT", "DELETE");
        assertThat(sent).extracting(ScriptedServer.Received::path)
                .containsExactly("/api/terminal/tag/list", "/api/terminal/tag/list", "/api/terminal/tag",
                        "/api/terminal/tag", "/api/terminal/tag");
        assertThat(sent.get(0).text()).isEqualTo("{\"PageIndex\":0,\"PageSize\":10}");
        assertThat(sent.get(1).text()).isEqualTo("{\"PageIndex\":0,\"PageSize\":10,\"TerminalId\":\"" + TERMINAL + "\"}");
        assertThat(sent.get(2).text())
                .isEqualTo("{\"TerminalId\":\"" + TERMINAL + "\",\"Name\":\"Levent Şube\",\"Code\":\"levent_şube\"}");
        assertThat(sent.get(3).text())
                .isEqualTo("{\"TerminalTagId\":\"" + tag + "\",\"Name\":\"Levent\",\"Code\":\"levent\",\"IsActive\":false}");
        assertThat(sent.get(4).text()).isEqualTo("{\"TerminalTagId\":\"" + tag + "\"}");
    }

    @Test
    void connectionCalls() {
        server.result("{\"Items\":[{\"Id\":\"" + CONNECTION + "\",\"Name\":\"Kasa\",\"DisplayName\":null,\"EndOfDayId\":1,"
                        + "\"IsReporting\":false,\"IsAsyncPayment\":true,\"IsSocketPayment\":true,\"BrandId\":100,"
                        + "\"ProviderId\":100,\"RegionId\":1,\"IsProd\":false,\"IsConnected\":true}],"
                        + "\"Pagination\":{\"CurrentPage\":0,\"PageCount\":1,\"PageSize\":10,\"TotalCount\":1}}")
                .result("{\"Id\":\"" + CONNECTION + "\",\"Name\":\"Kasa\",\"BrandId\":100,\"ProviderId\":100,\"RegionId\":1,"
                        + "\"IsConnected\":true,\"IsDelete\":false,\"ServiceParameters\":{\"ApiKey\":\"***\"}}")
                // the connection writes answer in camelCase, as Paywall's pages show them
                .answer(200, "{\"result\":{\"status\":true,\"connectionId\":\"" + CONNECTION + "\"},\"errorCode\":0,"
                        + "\"succeeded\":true,\"failed\":false,\"message\":null,\"clientMessage\":null}")
                .answer(200, CAMEL_CASE_STATUS).answer(200, CAMEL_CASE_STATUS)
                .answer(200, CAMEL_CASE_STATUS).answer(200, CAMEL_CASE_STATUS);

        Connection listed = client.connections().list(0, 10).items().getFirst();
        ConnectionDetail detail = client.connections().detail(CONNECTION);
        UUID created = client.connections().create(ConnectionSettings.builtIn("Mağaza").withDisplayName("Kasa Ekranı"));
        client.connections().update(CONNECTION, ConnectionSettings.builtIn("Mağaza 2"));
        client.connections().delete(CONNECTION);
        client.connections().disconnect(CONNECTION);
        client.connections().reconnect(CONNECTION);

        assertThat(listed.name()).isEqualTo("Kasa");
        assertThat(listed.isConnected()).isTrue();
        assertThat(detail.serviceParameters()).containsEntry("ApiKey", "***");
        assertThat(created).isEqualTo(CONNECTION);
        var sent = server.received();
        assertThat(sent).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /api/connection/list",
                "GET /api/connection/" + CONNECTION + "/detail",
                "POST /api/connection",
                "PUT /api/connection",
                "DELETE /api/connection",
                "PUT /api/connection/disconnect",
                "PUT /api/connection/reconnect");
        assertThat(sent.get(1).body()).isEmpty();
        assertThat(sent.get(2).text()).isEqualTo("{\"BrandId\":100,\"ProviderId\":100,\"RegionId\":1,\"EndOfDayId\":1,"
                + "\"DisplayName\":\"Kasa Ekranı\",\"IsProd\":false,\"IsReporting\":false,\"IsAsyncPayment\":true,"
                + "\"IsSocketPayment\":true,\"ServiceParameters\":{},\"Name\":\"Mağaza\"}");
        JsonNode update = KasaJson.MAPPER.readTree(sent.get(3).body());
        assertThat(update.get("Id").stringValue()).isEqualTo(CONNECTION.toString());
        assertThat(update.get("Name").stringValue()).isEqualTo("Mağaza 2");
        assertThat(update.get("BrandId").intValue()).isEqualTo(100);
        assertThat(sent.get(4).text()).isEqualTo("{\"Id\":\"" + CONNECTION + "\"}");
        assertThat(sent.get(5).text()).isEqualTo("{\"Id\":\"" + CONNECTION + "\"}");
    }

    @Test
    void providerCatalogReadsPaywallSpellingWithOrWithoutTheEnvelope() {
        server.answer(200, """
                {"Providers":[{"Brand":100,"Provider":100,"Region":1,"IsActive":true,"Name":"Kasa","IsReporting":false,
                               "IsAsyncPayment":true,"IsSocketPayment":true,
                               "ServiceParameters":[{"Name":"Reporting_ApiKey","Type":"text","GroupType":10,
                                                     "Desciption":"Api Key","Length":"100","IsRequired":true,"Value":null}]}],
                 "Brands":[{"Id":100,"Brand":100,"Name":"Kasa","IsActive":true}],
                 "Regions":[{"Id":1,"Region":1,"Name":"Türkiye","IsActive":true}]}
                """).result("{\"Providers\":[],\"Brands\":[],\"Regions\":[]}")
                .answer(200, "{\"Providers\":[],\"Brands\":[],\"Regions\":[]}")
                .answer(400, """
                        {"Result":null,"ErrorCode":1001,"Succeeded":false,"Failed":true,
                         "Message":"regionId has an invalid value","ClientMessage":"System.ValidationError"}""");

        ProviderCatalog catalog = client.providers().list();
        client.providers().listByRegion(1);

        ProviderCatalog.ServiceParameter parameter = catalog.providers().getFirst().serviceParameters().getFirst();
        assertThat(parameter.description()).isEqualTo("Api Key");
        assertThat(parameter.length()).isEqualTo("100");
        assertThat(catalog.regions().getFirst().name()).isEqualTo("Türkiye");
        assertThat(client.providers().listByRegion(2).providers()).isEmpty();
        assertThat(server.received().get(0).method()).isEqualTo("GET");
        assertThat(server.received().get(1).path()).isEqualTo("/api/provider/1/list");
        KasaException refused = catchThrowableOfType(KasaException.class, () -> client.providers().listByRegion(0));
        assertThat(refused.clientMessage()).isEqualTo("System.ValidationError");
        assertThat(refused.httpStatus()).isEqualTo(400);
    }

    @Test
    void pairingCalls() {
        UUID pairing = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        server.result("""
                        {"PairRequestId":"765c1ea9-bf03-4ee5-8d77-8e4893e5afe3","TerminalId":"38e895c3-1a9a-4b73-8816-8557d1d031d6",
                         "Status":"Completed","CreatedDate":"2024-09-02T13:52:34.504179","ExpiresDate":"2024-09-02T14:02:34",
                         "CompletedDate":"2024-09-02T13:55:00","TerminalPairId":"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}
                        """)
                .result("{\"Status\":true}")
                .result("{\"TerminalPairId\":\"" + pairing + "\"}");

        PairRequestStatus status = client.pairing().status(PAIR_REQUEST);
        client.pairing().cancel(PAIR_REQUEST);
        UUID unpaired = client.pairing().unpair(TerminalRef.id(TERMINAL));

        assertThat(status.status()).isEqualTo(PairStatus.COMPLETED);
        assertThat(status.terminalPairId()).isEqualTo(pairing);
        assertThat(unpaired).isEqualTo(pairing);
        var sent = server.received();
        assertThat(sent).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET /api/pair/sync/request/" + PAIR_REQUEST,
                "DELETE /api/pair/sync/request/delete",
                "DELETE /api/pair/sync/unpair");
        assertThat(sent.get(1).text()).isEqualTo("{\"PairRequestId\":\"" + PAIR_REQUEST + "\"}");
        assertThat(sent.get(2).text()).isEqualTo("{\"TerminalId\":\"" + TERMINAL + "\"}");
    }

    /** The four async pairing calls of the notes, plus Kasa's status; the status is read in either casing. */
    @Test
    void asyncPairingCalls() {
        UUID pairing = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        server.result("{\"PairAsyncRequestId\":\"" + PAIR_REQUEST + "\",\"PairCode\":\"949161\"}")
                .result("""
                        {"pairAsyncRequestId":"765c1ea9-bf03-4ee5-8d77-8e4893e5afe3","terminalId":"38e895c3-1a9a-4b73-8816-8557d1d031d6",
                         "status":"WaitingForConfirmation","createdDate":"2024-09-02T13:52:34.504179","expiresDate":"2024-09-02T14:02:34",
                         "claimedDate":"2024-09-02T13:53:00","serialNo":"PAV960000015","model":"A910","appVersion":"1.4.2",
                         "completedDate":null,"terminalPairId":null}
                        """)
                .result("{\"TerminalPairId\":\"" + pairing + "\"}")
                .result("{\"PairRequestId\":\"" + PAIR_REQUEST + "\"}")
                .result("{\"TerminalPairId\":\"" + pairing + "\"}");

        PairAsyncRequest issued = client.asyncPairing().request(TerminalRef.tag("dükkan_1"));
        PairAsyncRequestStatus status = client.asyncPairing().status(PAIR_REQUEST);
        UUID confirmed = client.asyncPairing().confirm(PAIR_REQUEST);
        UUID deleted = client.asyncPairing().delete(PAIR_REQUEST);
        UUID unpaired = client.asyncPairing().unpair(TerminalRef.tag("dükkan_1"));

        assertThat(issued).isEqualTo(new PairAsyncRequest(PAIR_REQUEST, "949161"));
        assertThat(status.status()).isEqualTo(PairAsyncStatus.WAITING_FOR_CONFIRMATION);
        assertThat(status.serialNo()).isEqualTo("PAV960000015");
        assertThat(status.model()).isEqualTo("A910");
        assertThat(confirmed).isEqualTo(pairing);
        assertThat(deleted).isEqualTo(PAIR_REQUEST);
        assertThat(unpaired).isEqualTo(pairing);
        var sent = server.received();
        assertThat(sent).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /api/pair/async/request",
                "GET /api/pair/async/request/" + PAIR_REQUEST,
                "PUT /api/pair/async/confirm",
                "DELETE /api/pair/async/request/delete",
                "DELETE /api/pair/async/unpair");
        assertThat(sent.get(0).text()).isEqualTo("{\"TerminalTagCode\":\"dükkan_1\"}");
        assertThat(sent.get(2).text()).isEqualTo("{\"PairAsyncRequestId\":\"" + PAIR_REQUEST + "\"}");
        assertThat(sent.get(3).text()).isEqualTo("{\"PairAsyncRequestId\":\"" + PAIR_REQUEST + "\"}");
    }

    @Test
    void refusalBecomesKasaExceptionWithRequestIdAndRetryAfter() {
        server.answer(429, """
                {"Result":null,"ErrorCode":1003,"Succeeded":false,"Failed":true,
                 "Message":"Çok fazla istek","ClientMessage":"System.RateLimited"}
                """, "X-Request-Id", "abc-123", "Retry-After", "30");

        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> client.pairing().request(TerminalRef.id(TERMINAL)));

        assertThat(refused.httpStatus()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo(1003);
        assertThat(refused.is(ClientMessages.SYSTEM_RATE_LIMITED)).isTrue();
        assertThat(refused.message()).isEqualTo("Çok fazla istek");
        assertThat(refused.requestId()).isEqualTo("abc-123");
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(30));
    }

    private static final String BUSY = """
            {"Result":null,"ErrorCode":1012,"Succeeded":false,"Failed":true,
             "Message":"busy","ClientMessage":"System.Busy"}
            """;

    @Test
    void aBusyRefusalIsSentAgainAfterItsRetryAfterSinceTheServerDidNothing() {
        server.answer(503, BUSY, "Retry-After", "1").answer(503, BUSY, "Retry-After", "1");
        long started = System.nanoTime();

        client.providers().list();

        assertThat(server.received()).hasSize(3)
                .allSatisfy(sent -> assertThat(sent.path()).isEqualTo("/api/provider/list"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two waits of Retry-After")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aBusyRefusalIsTheAnswerWhenTheTimeoutLeavesNoRoomOrRetryingIsOff() {
        for (int i = 0; i < 10; i++) {
            server.answer(503, BUSY, "Retry-After", "2");
        }
        KasaException refused = catchThrowableOfType(KasaException.class, () -> client.providers().list());
        assertThat(refused.is(ClientMessages.SYSTEM_BUSY)).isTrue();
        assertThat(server.received()).as("5 s timeout: tries at 0 s and 2 s; a third would start at 4 s").hasSize(2);

        KasaClient counting = KasaClient.builder().baseUri(server.uri()).retryWhenBusy(false).build();
        KasaException once = catchThrowableOfType(KasaException.class, () -> counting.providers().list());
        assertThat(once.httpStatus()).isEqualTo(503);
        assertThat(server.received()).hasSize(3);
    }

    private static final String DATABASE_UNAVAILABLE = """
            {"Result":null,"ErrorCode":1010,"Succeeded":false,"Failed":true,
             "Message":"db","ClientMessage":"System.DatabaseUnavailable"}
            """;

    @Test
    void otherServiceUnavailableAnswersAreRepeatedForReadsOnly() {
        server.answer(503, DATABASE_UNAVAILABLE, "Retry-After", "1")
                .answer(200, """
                        {"Providers":[],"Brands":[],"Regions":[]}
                        """)
                .answer(503, DATABASE_UNAVAILABLE, "Retry-After", "1");

        client.providers().list();
        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> client.terminals().register(TerminalRegistration.of("Kasa 1", "PAV960000015")));

        assertThat(refused).isInstanceOf(UnavailableException.class);
        assertThat(refused.is(ClientMessages.SYSTEM_DATABASE_UNAVAILABLE)).isTrue();
        assertThat(((UnavailableException) refused).isBusy()).isFalse();
        assertThat(server.received()).as("the read again; the registration may have been recorded: the caller decides")
                .extracting(ScriptedServer.Received::path)
                .containsExactly("/api/provider/list", "/api/provider/list", "/api/terminal");
    }

    @Test
    void bodylessErrorBecomesUnreadableKasaException() {
        server.answer(405, "");

        KasaException refused = catchThrowableOfType(KasaException.class, () -> client.providers().list());

        assertThat(refused.httpStatus()).isEqualTo(405);
        assertThat(refused.errorCode()).isEqualTo(KasaException.UNREADABLE);
    }

    @Test
    void unreachableServerBecomesKasaExceptionWithStatusZero() {
        server.close();

        KasaException failed = catchThrowableOfType(KasaException.class, () -> client.terminals().list(0, 10));

        assertThat(failed.httpStatus()).isEqualTo(KasaException.NO_RESPONSE);
        assertThat(failed.errorCode()).isEqualTo(KasaException.UNREADABLE);
        assertThat(failed.getCause()).isInstanceOf(IOException.class);
        assertThat(failed).isInstanceOfSatisfying(NetworkException.class,
                failure -> assertThat(failure.requestSent()).as("the connection was refused").isFalse());
    }

    @Test
    void builderChecksItsInputs() {
        assertThatIllegalArgumentException().isThrownBy(() -> KasaClient.builder().baseUri(URI.create("ftp://x")).build());
        assertThatIllegalArgumentException().isThrownBy(() -> KasaClient.builder().requestTimeout(Duration.ZERO));
        IssuedKey publicKey = new IssuedKey(UUID.randomUUID(), KeyKind.PUBLIC, "c", "s", null);
        assertThatIllegalArgumentException().isThrownBy(() -> KasaClient.builder().privateKeys(publicKey));
    }

    @Test
    void issuedKeysConfigureTheClient() {
        IssuedKey privateKey = new IssuedKey(UUID.randomUUID(), KeyKind.PRIVATE, "kc", "ks", null);
        KasaClient fromKeys = KasaClient.builder().baseUri(server.uri()).privateKeys(privateKey).build();
        server.result("true");

        fromKeys.terminals().sync(CONNECTION);

        assertThat(server.last().header("apiclientprivate")).isEqualTo("kc");
        assertThat(server.last().header("apikeyprivate")).isEqualTo("ks");
        assertThat(fromKeys.toString()).doesNotContain("ks");
    }
}
