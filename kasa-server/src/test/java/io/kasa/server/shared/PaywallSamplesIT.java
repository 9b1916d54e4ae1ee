package io.kasa.server.shared;

import io.kasa.client.ConnectionSettings;
import io.kasa.client.IssuedKey;
import io.kasa.client.KasaClient;
import io.kasa.client.TerminalRef;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.server.Seeds;
import io.kasa.server.terminal.Providers;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every Physical endpoint of Paywall's pages (reference notes §2, seeds 000–003) against its
 * page's sample answer, held here as data: each endpoint is called for real, on a merchant
 * whose terminal is a paired, connected terminal agent, and the answer must have every
 * property of the sample, spelt exactly as the sample spells it (casing included), at the
 * same place and with the same JSON type; values may differ. A property the sample shows
 * as {@code null} may hold any value. A property the sample lacks is allowed only where
 * docs/api.md "Paywall compatibility" lists it as Kasa's addition ({@code ErrorCode}, in the
 * envelope's casing, on every enveloped answer). Each item of a real list is held against
 * the sample's first item.
 *
 * <p>Where the notes abridge a sample to its field list (the lists, connection detail), the
 * sample below is that list written out with the notes' example values. Async pairing's four
 * endpoints are checked with their feature (docs/api.md#pairing).
 */
class PaywallSamplesIT extends KasaServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private JsonMapper serverJson;

    /** One page: its endpoint, its sample answer, what Kasa adds or may leave empty, and how to call it. */
    record Page(String endpoint, String sample, Set<String> additions, Set<String> mayBeEmpty,
                Function<World, RawHttp.Answer> call) {

        static Page of(String endpoint, String sample) {
            return new Page(endpoint, sample, Set.of(), Set.of(), null);
        }

        /** Properties Kasa sends beyond the sample, as paths ({@code Result.Items[].Name}). */
        Page adds(String... paths) {
            return new Page(endpoint, sample, Set.of(paths), mayBeEmpty, call);
        }

        /**
         * Properties the sample fills that Kasa may leave empty: null (an optional input the
         * merchant left out) or a list without items (the built-in provider's parameters).
         */
        Page mayBeEmpty(String... paths) {
            return new Page(endpoint, sample, additions, Set.of(paths), call);
        }

        Page calling(Function<World, RawHttp.Answer> call) {
            return new Page(endpoint, sample, additions, mayBeEmpty, call);
        }
    }

    /** The merchant and what the pages' calls act on, reached through real transitions. */
    record World(RawHttp http, IssuedKey keys, UUID connectionId, UUID spareConnection, UUID doomedConnection,
                 UUID terminal, String tagCode, UUID tagId, UUID unpairedTerminal, UUID pendingPairRequest,
                 UUID syncSale, UUID asyncSale, UUID queuedSale, UUID queuedCancel) {

        /** Calls as the merchant, with the sample's body when there is one. */
        RawHttp.Answer call(String method, String path, String body) {
            RawHttp.Request request = http.request(method, path).privateKeys(keys);
            return (body == null ? request : request.json(body)).send();
        }
    }

    private static final String STATUS_TRUE_CAMEL_CASE = """
            {"result":{"status":true},"failed":false,"message":null,"clientMessage":null,"succeeded":true}
            """;

    private static final String PROVIDERS = """
            { "Providers": [ { "Brand": 10, "Provider": 10, "Region": 1, "IsActive": true, "Name": "Pavo - Papara",
                "IsReporting": true, "IsAsyncPayment": true, "IsSocketPayment": true,
                "ServiceParameters": [
                  {"Name":"Reporting_ApiKey","Type":"text","GroupType":10,"Desciption":"Api Key","Length":"100","IsRequired":true,"Value":null},
                  {"Name":"Reporting_ApiToken","Type":"password","GroupType":10,"Desciption":"Api Token","Length":"100","IsRequired":true,"Value":null} ] } ],
              "Brands":  [ {"Id":10,"Brand":10,"Name":"Pavo","IsActive":true} ],
              "Regions": [ {"Id":1,"Region":1,"Name":"Türkiye","IsActive":true}, {"Id":2,"Region":2,"Name":"Amerika","IsActive":false} ] }
            """;

    private static final String SALE_ANSWER = """
            {"Result":{"PaymentRequestId":"1eb856a8-1d41-49ab-8994-ecee2880d62c",
                       "PaymentRequestActivityId":"2015c508-4029-4f6b-b7e2-4bf34a213c41",
                       "PaymentRequestActivityTypeId":1,"PaymentStatus":4},
             "Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}
            """;

    private static final String CANCEL_ANSWER_CAMEL_CASE = """
            {"result":{"paymentRequestId":"1eb856a8-1d41-49ab-8994-ecee2880d62c",
                       "paymentRequestActivityId":"2015c508-4029-4f6b-b7e2-4bf34a213c41",
                       "paymentRequestActivityTypeId":2,"paymentStatus":4},
             "failed":false,"message":null,"clientMessage":null,"succeeded":true}
            """;

    private static final String PAGINATION = """
            "Pagination":{"CurrentPage":0,"PageCount":1,"PageSize":10,"TotalCount":1}""";

    private static final String TERMINALS = """
            {"Result":{"Items":[{"Id":"38e895c3-1a9a-4b73-8816-8557d1d031d6","ConnectionId":"0f8fad5b-d9cb-469f-a165-70867728950e",
               "BrandId":10,"ProviderId":20,"RegionId":1,"ConnectionName":"Bağlantı İsmi","SourceId":"4711","TerminalId":"10177",
               "SerialNo":"PAV960000015-passive","SourceCreatedDate":"2024-09-02T13:52:34.504179",
               "SourceUpdateDate":"2024-09-02T13:52:34.504179","MerchantId":"1308"}],
             %s},
             "Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}
            """.formatted(PAGINATION);

    private static final String CONNECTIONS = """
            {"Result":{"Items":[{"Id":"0f8fad5b-d9cb-469f-a165-70867728950e","Name":"Bağlantı İsmi","DisplayName":"Uygulama İsmi",
               "EndOfDayId":1,"IsReporting":true,"IsAsyncPayment":true,"IsSocketPayment":true,"BrandId":10,"ProviderId":20,
               "RegionId":1,"IsProd":true,"IsConnected":true}],
             %s},
             "Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}
            """.formatted(PAGINATION);

    private static final String CONNECTION_DETAIL = """
            {"Result":{"Id":"0f8fad5b-d9cb-469f-a165-70867728950e","Name":"Bağlantı İsmi","DisplayName":"Uygulama İsmi",
               "BrandId":10,"ProviderId":20,"RegionId":1,"EndOfDayId":1,"IsReporting":true,"IsAsyncPayment":true,
               "IsSocketPayment":true,"IsConnected":true,"IsDelete":false,"IsProd":true,
               "ServiceParameters":{"Reporting_ApiKey":"***","Reporting_ApiToken":"***","AsyncPayment_ApiKey":"***","AsyncPayment_ApiToken":"***"}},
             "Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}
            """;

    private static final String TAGS = """
            {"Result":{"Items":[{"Id":"5d1a2c1e-7c43-4a3c-9a51-7d3b8f6f0a11","TerminalId":"38e895c3-1a9a-4b73-8816-8557d1d031d6",
               "Name":"Levent Şube 2. Cihaz","Code":"levent_sube_cihaz_2","IsActive":true,
               "CreatedDate":"2024-09-02T13:52:34.504179","UpdateDate":"2024-09-02T13:52:34.504179"}],
             %s},
             "Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}
            """.formatted(PAGINATION);

    private static final String PAYMENTS = """
            {"Result":{"Items":[{"Id":"1eb856a8-1d41-49ab-8994-ecee2880d62c","TerminalId":"38e895c3-1a9a-4b73-8816-8557d1d031d6",
               "ConnectionId":"0f8fad5b-d9cb-469f-a165-70867728950e","ConnectionName":"Bağlantı İsmi",
               "ProviderId":20,"ProviderName":"Vepara","BrandId":10,"BrandName":"Pavo","RegionId":1,"RegionName":"Turkey",
               "MerchantUniqueCode":"432e795d-1a69-4461-97c8-ebaab658ff47","DisplayCode":"Kişisel Bakım","Amount":22,
               "PaymentChannelId":1,"PaymentChannelName":"Async","CurrencyId":1,"CurrencyName":"TRY","IP":"::1",
               "PaymentRequestActivityId":"78e71139-2227-48ee-9bf9-1e4389a399db","PaymentTypeId":1,"PaymentTypeName":"Sale",
               "PaymentStatusId":2,"PaymentStatusName":"SentToDevice","Date":"2024-12-23T13:52:34.504179"}],
             %s},
             "Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}
            """.formatted(PAGINATION);

    private static final String ACTIVITIES = """
            {"Result":{"Items":[{"Id":"2015c508-4029-4f6b-b7e2-4bf34a213c41","PaymentTypeId":1,"PaymentTypeName":"Sale",
               "PaymentStatusId":1,"PaymentStatusName":"Generated","Date":"2024-09-02T13:52:34.504179"}],
             %s},
             "Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}
            """.formatted(PAGINATION);

    private static final String PRODUCTS = """
            {"Result":{"Items":[{"Id":"9b2f6c1e-0d1e-4b43-8c59-0e0a2f0c4d21","Name":"Saç Tıraşı","Amount":22,"Quantity":1,
               "TaxGroupId":10,"TaxGroupName":"Ten","UnitCodeId":1,"UnitCodeName":"Kilogram"}],
             %s},
             "Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}
            """.formatted(PAGINATION);

    /** Seed 003's sample, verbatim. */
    private static final String INQUIRY = """
            {
                "Result": {
                    "PaymentRequestId": "1eb856a8-1d41-49ab-8994-ecee2880d62c",
                    "PaymentRequestActivityId": "78e71139-2227-48ee-9bf9-1e4389a399db",
                    "TerminalId": "38e895c3-1a9a-4b73-8816-8557d1d031d6",
                    "MerchantUniqueCode": "432e795d-1a69-4461-97c8-ebaab658ff47",
                    "DisplayCode": "İndirimli Hizmet",
                    "CallbackAddress": "https://webhook.site/445d7d94-962b-4350-a936-1a066c6367b3",
                    "Amount": 1.44,
                    "PaymentChannelId": 1,
                    "PaymentChannel": "Async",
                    "CurrencyId": 1,
                    "Currency": "TRY",
                    "IP": "::1",
                    "PaymentTypeId": 1,
                    "PaymentType": "Sale",
                    "PaymentStatusId": 2,
                    "PaymentStatus": "SentToDevice",
                    "CreatedDate": "2024-09-02T13:52:34.504179",
                    "ModifiedDate": null
                },
                "Failed": false,
                "Message": null,
                "ClientMessage": null,
                "Succeeded": true
            }
            """;

    /** Seed 000's sample, verbatim. */
    private static final String PAIR_REQUEST = """
            {
            "Result": {
            "PairRequestId": "765c1ea9-bf03-4ee5-8d77-8e4893e5afe3",
            "TerminalId": "38e895c3-1a9a-4b73-8816-8557d1d031d6",
            "PairCode": "949161"
            },
            "Failed": false,
            "Message": null,
            "ClientMessage": null,
            "Succeeded": true
            }
            """;

    /**
     * The pages, in an order that lets each call find the state it needs: reads first, then
     * changes, and what ends something (deletes, cancels, unpairing) last.
     */
    private static List<Page> pages() {
        return List.of(
                Page.of("GET /api/provider/list", PROVIDERS).mayBeEmpty("Providers[].ServiceParameters")
                        .calling(w -> w.call("GET", "/api/provider/list", null)),
                Page.of("GET /api/provider/{regionid}/list", PROVIDERS).mayBeEmpty("Providers[].ServiceParameters")
                        .calling(w -> w.call("GET", "/api/provider/1/list", null)),
                Page.of("POST /api/connection/list", CONNECTIONS)
                        .mayBeEmpty("Result.Items[].DisplayName")
                        .calling(w -> w.call("POST", "/api/connection/list", "{\"pageIndex\":0,\"pageSize\":10}")),
                Page.of("GET /api/connection/{ConnectionId}/detail", CONNECTION_DETAIL)
                        .calling(w -> w.call("GET", "/api/connection/" + w.spareConnection() + "/detail", null)),
                Page.of("POST /api/connection", STATUS_TRUE_CAMEL_CASE).adds("result.connectionId")
                        .calling(w -> w.call("POST", "/api/connection", """
                                {"BrandId":100,"ProviderId":100,"RegionId":1,"EndOfDayId":1,"DisplayName":"Uygulama İsmi","IsProd":true,
                                 "IsReporting":true,"IsAsyncPayment":true,"IsSocketPayment":true,"ServiceParameters":{},"Name":"Bağlantı İsmi"}""")),
                Page.of("PUT /api/connection", STATUS_TRUE_CAMEL_CASE)
                        .calling(w -> w.call("PUT", "/api/connection", """
                                {"Id":"%s","BrandId":100,"ProviderId":100,"RegionId":1,"EndOfDayId":2,"DisplayName":"Uygulama İsmi",
                                 "IsProd":true,"IsReporting":true,"IsAsyncPayment":true,"IsSocketPayment":true,"ServiceParameters":{},
                                 "Name":"Bağlantı İsmi 2"}""".formatted(w.spareConnection()))),
                Page.of("PUT /api/connection/disconnect", STATUS_TRUE_CAMEL_CASE)
                        .calling(w -> w.call("PUT", "/api/connection/disconnect", idBody("Id", w.spareConnection()))),
                Page.of("PUT /api/connection/reconnect", STATUS_TRUE_CAMEL_CASE)
                        .calling(w -> w.call("PUT", "/api/connection/reconnect", idBody("Id", w.spareConnection()))),
                Page.of("DELETE /api/connection", STATUS_TRUE_CAMEL_CASE)
                        .calling(w -> w.call("DELETE", "/api/connection", idBody("Id", w.doomedConnection()))),
                Page.of("POST /api/terminal/list", TERMINALS)
                        .adds("Result.Items[].Name", "Result.Items[].Model", "Result.Items[].IsPaired",
                                "Result.Items[].IsSocketConnected", "Result.Items[].LastSeenDate")
                        .calling(w -> w.call("POST", "/api/terminal/list", "{\"pageIndex\":0,\"pageSize\":10}")),
                Page.of("POST /api/terminal/{ConnectionId}/list", TERMINALS)
                        .adds("Result.Items[].Name", "Result.Items[].Model", "Result.Items[].IsPaired",
                                "Result.Items[].IsSocketConnected", "Result.Items[].LastSeenDate")
                        .calling(w -> w.call("POST", "/api/terminal/" + w.connectionId() + "/list",
                                "{\"pageIndex\":0,\"pageSize\":10}")),
                Page.of("POST /api/terminal/sync", """
                                {"Result":true,"Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}""")
                        .calling(w -> w.call("POST", "/api/terminal/sync", idBody("ConnectionId", w.connectionId()))),
                Page.of("POST /api/terminal/connectivity/check", """
                                {"Result":{"IsSocketConnected":true},"Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}""")
                        .adds("Result.LastSeenDate")
                        .calling(w -> w.call("POST", "/api/terminal/connectivity/check",
                                "{\"TerminalId\":\"" + w.terminal() + "\",\"TerminalTagCode\":\"\"}")),
                Page.of("POST /api/terminal/tag/list", TAGS)
                        .calling(w -> w.call("POST", "/api/terminal/tag/list",
                                "{\"pageIndex\":0,\"pageSize\":10,\"terminalId\":\"" + w.terminal() + "\"}")),
                Page.of("POST /api/terminal/tag", STATUS_TRUE_CAMEL_CASE).adds("result.terminalTagId")
                        .calling(w -> w.call("POST", "/api/terminal/tag",
                                "{\"TerminalId\":\"" + w.unpairedTerminal() + "\",\"Name\":\"Levent Şube 2. Cihaz\",\"Code\":\"levent_sube_cihaz_2\"}")),
                Page.of("PUT /api/terminal/tag", STATUS_TRUE_CAMEL_CASE)
                        .calling(w -> w.call("PUT", "/api/terminal/tag", "{\"TerminalTagId\":\"" + w.tagId()
                                + "\",\"Name\":\"Levent Şube 1. Cihaz\",\"Code\":\"" + w.tagCode() + "\",\"IsActive\":true}")),
                Page.of("DELETE /api/pair/sync/request/delete", """
                                {"Result":{"Status":true},"Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}""")
                        .calling(w -> w.call("DELETE", "/api/pair/sync/request/delete",
                                idBody("PairRequestId", w.pendingPairRequest()))),
                Page.of("POST /api/pair/sync/request", PAIR_REQUEST)
                        .calling(w -> w.call("POST", "/api/pair/sync/request", idBody("TerminalId", w.unpairedTerminal()))),
                Page.of("POST /api/pair/async/request", """
                                {"Result":{"PairAsyncRequestId":"7d4f5a1e-2b3c-4d5e-8f90-a1b2c3d4e5f6","PairCode":"949161"},
                                 "Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}""")
                        .calling(w -> w.call("POST", "/api/pair/async/request", idBody("TerminalId", w.unpairedTerminal()))),
                Page.of("DELETE /api/pair/async/request/delete", """
                                {"Result":{"PairRequestId":"7d4f5a1e-2b3c-4d5e-8f90-a1b2c3d4e5f6"},
                                 "Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}""")
                        .calling(w -> w.call("DELETE", "/api/pair/async/request/delete", "{\"PairAsyncRequestId\":\""
                                + w.call("POST", "/api/pair/async/request", idBody("TerminalId", w.unpairedTerminal()))
                                        .json().get("Result").get("PairAsyncRequestId").asString() + "\"}")),
                Page.of("POST /api/payment/async/sale", SALE_ANSWER).adds("Result.PaymentId")
                        .calling(w -> w.call("POST", "/api/payment/async/sale",
                                Seeds.asyncSale(w.terminal(), UUID.randomUUID().toString(), Seeds.SINK))),
                Page.of("POST /api/payment/sync/sale", SALE_ANSWER).adds("Result.PaymentId")
                        .calling(w -> w.call("POST", "/api/payment/sync/sale",
                                Seeds.syncSale(w.terminal(), UUID.randomUUID().toString(), Seeds.SINK))),
                Page.of("GET /api/payment/inquiry/{paymentRequestId}", INQUIRY).adds("Result.PaymentId")
                        .calling(w -> w.call("GET", "/api/payment/inquiry/" + w.syncSale(), null)),
                Page.of("POST /api/payment/list", PAYMENTS).adds("Result.Items[].PaymentId")
                        .calling(w -> w.call("POST", "/api/payment/list", "{\"pageIndex\":0,\"pageSize\":10}")),
                Page.of("POST /api/payment/activities", ACTIVITIES).adds("Result.Items[].Message")
                        .calling(w -> w.call("POST", "/api/payment/activities",
                                "{\"pageIndex\":0,\"pageSize\":10,\"PaymentRequestId\":\"" + w.syncSale() + "\"}")),
                Page.of("POST /api/payment/products", PRODUCTS)
                        .adds("Result.Items[].PaymentMethodId", "Result.Items[].MemberId", "Result.Items[].ProductId")
                        .calling(w -> w.call("POST", "/api/payment/products",
                                "{\"pageIndex\":0,\"pageSize\":10,\"PaymentRequestId\":\"" + w.syncSale() + "\"}")),
                Page.of("POST /api/payment/sync/sale/rollback", """
                                {"Result":{"PaymentRequestId":"1eb856a8-1d41-49ab-8994-ecee2880d62c",
                                           "PaymentRequestActivityId":"2015c508-4029-4f6b-b7e2-4bf34a213c41",
                                           "PaymentRequestActivityTypeId":1,"PaymentStatus":12},
                                 "Failed":false,"Message":null,"ClientMessage":null,"Succeeded":true}""")
                        .adds("Result.PaymentId")
                        .calling(w -> onceOldEnough(() -> w.call("POST", "/api/payment/sync/sale/rollback",
                                idBody("PaymentRequestId", w.queuedSale())))),
                Page.of("POST /api/payment/sync/cancel/rollback", CANCEL_ANSWER_CAMEL_CASE).adds("result.paymentId")
                        .calling(w -> onceOldEnough(() -> w.call("POST", "/api/payment/sync/cancel/rollback",
                                idBody("PaymentRequestId", w.queuedCancel())))),
                Page.of("POST /api/payment/sync/cancel", CANCEL_ANSWER_CAMEL_CASE).adds("result.paymentId")
                        .calling(w -> w.call("POST", "/api/payment/sync/cancel",
                                "{\"PaymentRequestId\":\"" + w.syncSale() + "\",\"SendNotificationDeviceDisconnected\":false}")),
                Page.of("POST /api/payment/async/cancel", CANCEL_ANSWER_CAMEL_CASE).adds("result.paymentId")
                        .calling(w -> w.call("POST", "/api/payment/async/cancel", idBody("PaymentRequestId", w.asyncSale()))),
                Page.of("DELETE /api/pair/sync/unpair", """
                                {"Result":{"TerminalPairId":"3f1c2b9e-8d4a-4e6f-9b1a-2c3d4e5f6a7b"},"Failed":false,"Message":null,
                                 "ClientMessage":null,"Succeeded":true}""")
                        .calling(w -> w.call("DELETE", "/api/pair/sync/unpair", "{\"TerminalTagCode\":\"" + w.tagCode() + "\"}")),
                Page.of("DELETE /api/terminal/tag", STATUS_TRUE_CAMEL_CASE)
                        .calling(w -> w.call("DELETE", "/api/terminal/tag", idBody("TerminalTagId", w.tagId()))));
    }

    @TestFactory
    Stream<DynamicTest> everyPhysicalAnswerHasEveryPropertyOfItsPagesSample() {
        World world = world();
        return pages().stream().map(page -> DynamicTest.dynamicTest(page.endpoint(), () -> {
            RawHttp.Answer answer = page.call().apply(world);
            assertThat(answer.status()).as("%s answered %s", page.endpoint(), answer.text()).isEqualTo(200);
            List<String> differences = new ArrayList<>();
            JsonNode sample = JSON.readTree(page.sample());
            compare("", sample, answer.json(), page, allowed(sample, page), differences);
            assertThat(differences).as("%s answered %s", page.endpoint(), answer.text()).isEmpty();
        }));
    }

    /**
     * The providers' service parameters: the built-in provider takes none, so the list's
     * answer cannot show one; a parameter written by the server's own mapper must match the
     * sample's, {@code Desciption} and the string {@code Length} included.
     */
    @Test
    void aServiceParameterIsWrittenAsTheProviderSampleShowsIt() {
        JsonNode written = serverJson.valueToTree(
                new Providers.ServiceParameter("Reporting_ApiKey", "text", 10, "Api Key", "100", true, null));
        JsonNode sample = JSON.readTree(PROVIDERS).get("Providers").get(0).get("ServiceParameters").get(0);
        List<String> differences = new ArrayList<>();

        compare("ServiceParameters[]", sample, written, Page.of("service parameter", "{}"), Set.of(), differences);

        assertThat(differences).isEmpty();
        assertThat(written.propertyNames()).containsExactlyInAnyOrderElementsOf(sample.propertyNames());
    }

    /**
     * A refusal comes in its endpoint's casing whatever refuses it: the keys filter before
     * the handler is reached, or the handler's own validation. A provider list is refused in
     * the common envelope, and so is a request that reaches no endpoint.
     */
    @Test
    void aRefusalComesInItsEndpointsCasing() {
        MerchantFixture merchant = newMerchant("Refusal casing");
        RawHttp http = new RawHttp(baseUri);

        http.request("POST", "/api/connection").json("{}").send().camelCaseRefusedWith("System.AuthError");
        http.request("PUT", "/api/connection").privateKeys(merchant.created().privateKey()).json("{}").send()
                .camelCaseRefusedWith("System.ValidationError");
        http.request("POST", "/api/payment/async/cancel").privateKeys(merchant.created().privateKey())
                .json(idBody("PaymentRequestId", UUID.randomUUID())).send()
                .camelCaseRefusedWith("Payment.Request.RequestNotFound");
        http.request("GET", "/api/provider/list").send().refusedWith("System.AuthError");
        http.request("GET", "/api/provider/abc/list").privateKeys(merchant.created().privateKey()).send()
                .refusedWith("System.ValidationError");
        http.request("GET", "/api/connection").privateKeys(merchant.created().privateKey()).send()
                .refusedWith("System.MethodNotAllowed");
        http.request("POST", "/api/connection;x=1").privateKeys(merchant.created().privateKey()).json("{}").send()
                .refusedWith("System.ValidationError");
    }

    /** The comparison itself fails on what it must: a wrong casing, a wrong type, a missing or an unlisted property. */
    @Test
    void theComparisonNoticesEachKindOfDifference() {
        JsonNode sample = JSON.readTree("{\"Result\":{\"Items\":[{\"Id\":\"x\",\"Length\":\"100\"}]},\"Succeeded\":true}");
        Page page = Page.of("self-check", "{}");
        Set<String> allowed = allowed(sample, page);

        assertThat(differences(sample, "{\"Result\":{\"Items\":[{\"Id\":\"a\",\"Length\":\"1\"}]},\"Succeeded\":true,\"ErrorCode\":0}", page, allowed)).isEmpty();
        assertThat(differences(sample, "{\"result\":{\"Items\":[]},\"Succeeded\":true}", page, allowed))
                .anyMatch(problem -> problem.contains("Result: missing"));
        assertThat(differences(sample, "{\"Result\":{\"Items\":[{\"Id\":\"a\",\"Length\":100}]},\"Succeeded\":true}", page, allowed))
                .anyMatch(problem -> problem.contains("Result.Items[].Length"));
        assertThat(differences(sample, "{\"Result\":{\"Items\":[{\"Id\":\"a\",\"Length\":\"1\",\"Extra\":1}]},\"Succeeded\":true}", page, allowed))
                .anyMatch(problem -> problem.contains("Result.Items[].Extra: not on the page"));
        assertThat(differences(sample, "{\"Result\":{\"Items\":[]},\"Succeeded\":true}", page, allowed))
                .anyMatch(problem -> problem.contains("Result.Items: empty"));
    }

    private static List<String> differences(JsonNode sample, String real, Page page, Set<String> allowed) {
        List<String> differences = new ArrayList<>();
        compare("", sample, JSON.readTree(real), page, allowed, differences);
        return differences;
    }

    /** The additions a page allows: its own, and ErrorCode in the casing of the sample's envelope. */
    private static Set<String> allowed(JsonNode sample, Page page) {
        Set<String> allowed = new HashSet<>(page.additions());
        if (sample.has("Result")) {
            allowed.add("ErrorCode");
        }
        if (sample.has("result")) {
            allowed.add("errorCode");
        }
        return allowed;
    }

    private static void compare(String path, JsonNode sample, JsonNode real, Page page, Set<String> allowed,
                                List<String> differences) {
        if (sample.isNull()) {
            return;
        }
        if (real.isNull()) {
            if (!page.mayBeEmpty().contains(path)) {
                differences.add(path + ": null where the sample has " + sample.getNodeType());
            }
            return;
        }
        if (real.getNodeType() != sample.getNodeType()) {
            differences.add(path + ": " + real.getNodeType() + " where the sample has " + sample.getNodeType());
            return;
        }
        if (sample.isObject() && isMap(path)) {
            return;
        }
        if (sample.isObject()) {
            for (String name : sample.propertyNames()) {
                String at = path.isEmpty() ? name : path + "." + name;
                if (!real.has(name)) {
                    differences.add(at + ": missing (the answer has " + real.propertyNames() + ")");
                } else {
                    compare(at, sample.get(name), real.get(name), page, allowed, differences);
                }
            }
            for (String name : real.propertyNames()) {
                String at = path.isEmpty() ? name : path + "." + name;
                if (!sample.has(name) && !allowed.contains(at)) {
                    differences.add(at + ": not on the page");
                }
            }
        } else if (sample.isArray() && !sample.isEmpty()) {
            if (real.isEmpty() && !page.mayBeEmpty().contains(path)) {
                differences.add(path + ": empty, so its items cannot be held against the sample's");
            }
            for (JsonNode item : real) {
                compare(path + "[]", sample.get(0), item, page, allowed, differences);
            }
        }
    }

    /** A dictionary whose keys are data, not names: the connection's service parameters. */
    private static boolean isMap(String path) {
        return path.endsWith("ServiceParameters");
    }

    private static String idBody(String name, UUID id) {
        return "{\"" + name + "\":\"" + id + "\"}";
    }

    /** A rollback is refused during an order's first five seconds: asks until it is old enough. */
    private static RawHttp.Answer onceOldEnough(Supplier<RawHttp.Answer> rollback) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(rollback::get, answer -> answer.status() != 422);
    }

    /**
     * A merchant with: a terminal whose agent is paired, connected and approves; a tagged
     * terminal; a terminal with no device and a pending pair request; spare connections; a
     * sync sale and an async sale that succeeded; and, on a terminal whose agent went away
     * after approving a sale, a queued sale and a queued cancel for the rollbacks.
     */
    private World world() {
        Shop shop = shop("Paywall samples", Behaviour.approve());
        KasaClient client = shop.client();

        UUID spare = client.connections().create(ConnectionSettings.builtIn("Yedek").withDisplayName("Yedek"));
        UUID doomed = client.connections().create(ConnectionSettings.builtIn("Silinecek").withDisplayName("Silinecek"));

        String tagCode = "dükkan_1";
        UUID tagId = client.tags().add(shop.terminalId(), "Dükkan 1", tagCode);
        client.tags().update(tagId, "Dükkan Bir", tagCode, true);

        UUID unpaired = Devices.register(client, "Bekleyen");
        UUID pending = client.pairing().request(TerminalRef.id(unpaired)).pairRequestId();

        UUID syncSale = client.payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString(), Seeds.SINK),
                Duration.ofSeconds(60)).paymentRequestId();
        UUID asyncSale = client.payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString(), Seeds.SINK))
                .paymentRequestId();
        await().atMost(Duration.ofSeconds(60)).until(() -> client.payments().inquiry(asyncSale).paymentStatusId() == 4);

        UUID away = Devices.register(client, "Giden");
        TerminalAgent leaving = track(Devices.connected(baseUri, client, away));
        leaving.behave(Behaviour.approve());
        UUID settled = client.payments().syncSaleJson(Seeds.syncSale(away, UUID.randomUUID().toString(), Seeds.SINK),
                Duration.ofSeconds(60)).paymentRequestId();
        leaving.stop();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !client.terminals().connectivity(TerminalRef.id(away)).isSocketConnected());
        UUID queuedSale = client.payments().asyncSaleJson(Seeds.asyncSale(away, UUID.randomUUID().toString(), Seeds.SINK))
                .paymentRequestId();
        client.payments().asyncCancel(settled);

        return new World(new RawHttp(baseUri), shop.merchant().created().privateKey(), shop.merchant().created().connectionId(), spare, doomed, shop.terminalId(), tagCode,
                tagId, unpaired, pending, syncSale, asyncSale, queuedSale, settled);
    }
}
