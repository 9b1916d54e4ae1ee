package io.kasa.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What {@link Payments} puts on the wire and how it reads answers, against a scripted local
 * HTTP server. The Paywall samples of seeds 001 (async sale), 002 (sync sale) and 003
 * (inquiry) are kept verbatim under {@code src/test/resources/seeds}.
 */
class PaymentsWireTests {

    private static final UUID SEED_001_TERMINAL = UUID.fromString("38e895c3-1a9a-4b73-8816-8557d1d031d6");
    private static final UUID SEED_002_TERMINAL = UUID.fromString("8ff33705-57c7-42dc-8341-a0053e7f3009");
    private static final UUID PAYMENT = UUID.fromString("1eb856a8-1d41-49ab-8994-ecee2880d62c");
    private static final String GUID_PLACEHOLDER = "{{$guid}}";
    private static final String SALE_RESULT = """
            {"PaymentRequestId":"1eb856a8-1d41-49ab-8994-ecee2880d62c",
             "PaymentRequestActivityId":"2015c508-4029-4f6b-b7e2-4bf34a213c41",
             "PaymentRequestActivityTypeId":1,"PaymentStatus":2}
            """;

    /** Reads the samples as the server does: {@code //} comments allowed. */
    private static final JsonMapper SAMPLE_READER = KasaJson.MAPPER.rebuild()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private ScriptedServer server;
    private KasaClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        client = KasaClient.builder()
                .baseUri(server.uri())
                .privateKeys("priv-client", "priv-secret")
                .locale("tr")
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The order of the seed-001 sample, built through the typed API. */
    private static SaleOrder seed001Order(String merchantUniqueCode) {
        return SaleOrder.of(TerminalRef.id(SEED_001_TERMINAL), merchantUniqueCode, new BigDecimal("22"), 1,
                        List.of(Product.of("Saç Tıraşı", new BigDecimal("22"), 1, 10, 1).withPaymentMethodId(2)))
                .withDisplayCode("Kişisel Bakım")
                .withMethods(1, 2)
                .withCallbackAddress("https://webhook.site/276d912e-090e-461a-aad5-5f137ab03cf4")
                .withCustomer(Customer.individual("eda", "meda", "11111111110")
                        .withMiddleName("seda")
                        .withCompanyName("").withTaxOfficeCode("").withTaxNumber("").withPhone("").withEmail("")
                        .withAddress("Türkiye", "İstanbul", "Mesela", "Öyle", "Tam sokağın ortası"));
    }

    @Test
    void asyncSaleOfTheSeed001OrderSendsTheSampleFieldByField() {
        String code = UUID.randomUUID().toString();
        server.answer(200, sample("001-async-sale-response.json"));

        SaleResult result = client.payments().asyncSale(seed001Order(code));

        ScriptedServer.Received sent = server.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /api/payment/async/sale");
        assertThat(sent.header("apiclientprivate")).isEqualTo("priv-client");
        assertThat(sent.header("apikeyprivate")).isEqualTo("priv-secret");
        assertThat(sent.header("locale")).isEqualTo("tr");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(sent.header(Payments.WAIT_HEADER)).isNull();
        assertSameFields(SAMPLE_READER.readTree(sent.body()), sampleBody("001-async-sale-request.json", code));
        assertThat(sent.text()).startsWith("{\"TerminalId\":\"" + SEED_001_TERMINAL + "\",")
                .contains("\"DisplayCode\":\"Kişisel Bakım\"", "\"Name\":\"Saç Tıraşı\"",
                        "\"Country\":\"Türkiye\"", "\"City\":\"İstanbul\"", "\"Address\":\"Tam sokağın ortası\"");
        assertThat(result).isEqualTo(new SaleResult(PAYMENT, UUID.fromString("2015c508-4029-4f6b-b7e2-4bf34a213c41"),
                1, 4, null));
        assertThat(result.status()).isEqualTo(PaymentStatus.SUCCESSFUL);
        assertThat(result.activityType()).isEqualTo(PaymentType.SALE);
    }

    @Test
    void syncSaleOfTheSeed002OrderSendsTheSampleFieldByFieldAndTheWait() {
        String code = UUID.randomUUID().toString();
        server.result(SALE_RESULT);
        SaleOrder order = SaleOrder.of(TerminalRef.id(SEED_002_TERMINAL), code, new BigDecimal("22"), 1,
                        List.of(Product.of("Saç Tıraşı", new BigDecimal("22"), 1, 10, 1).withPaymentMethodId(2)))
                .withSendNotificationDeviceDisconnected(false)
                .withDisplayCode("Kişisel Bakım")
                .withMethods(1)
                .withCallbackAddress("https://webhook.site/4768e8e7-12c9-4c3f-949c-c7a616e72acf")
                .withCustomer(seed001Order(code).customer())
                .withReceiptOptions(ReceiptOptions.of(new ReceiptOptions.Line("Üst başlık", 10),
                        new ReceiptOptions.Line("Alt başlık", 50)));

        SaleResult result = client.payments().syncSale(order, Duration.ofSeconds(45));

        ScriptedServer.Received sent = server.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /api/payment/sync/sale");
        assertThat(sent.header(Payments.WAIT_HEADER)).isEqualTo("45");
        assertThat(sent.header("apiclientprivate")).isEqualTo("priv-client");
        assertSameFields(SAMPLE_READER.readTree(sent.body()), sampleBody("002-sync-sale-request.json", code));
        assertThat(sent.text()).contains("\"Text\":\"Üst başlık\"", "\"Text\":\"Alt başlık\"");
        assertThat(result.status()).isEqualTo(PaymentStatus.SENT_TO_DEVICE);
    }

    @Test
    void aTagCodeIsSentInsteadOfTheTerminalId() {
        server.result(SALE_RESULT);

        client.payments().asyncSale(seed001Order("ord-1").withTerminal(TerminalRef.tag("şube_kasa.1")));

        JsonNode sent = KasaJson.MAPPER.readTree(server.last().body());
        assertThat(sent.get("TerminalTagCode").stringValue()).isEqualTo("şube_kasa.1");
        assertThat(sent.has("TerminalId")).isFalse();
        assertThat(server.last().text()).startsWith("{\"TerminalTagCode\":\"şube_kasa.1\",");
    }

    @Test
    void absentOptionalFieldsAreLeftOut() {
        server.result(SALE_RESULT);
        SaleOrder order = SaleOrder.of(TerminalRef.id(SEED_001_TERMINAL), "ord-1", new BigDecimal("10.50"), 1,
                List.of(Product.of("Çay", new BigDecimal("10.50"), 3, 10, 1)));

        client.payments().asyncSale(order);

        assertThat(server.last().text()).isEqualTo("{\"TerminalId\":\"" + SEED_001_TERMINAL + "\","
                + "\"MerchantUniqueCode\":\"ord-1\",\"Amount\":10.50,\"CurrencyId\":1,\"SplitPaymentSupport\":false,"
                + "\"Products\":[{\"Name\":\"Çay\",\"Amount\":10.50,\"Quantity\":3,\"TaxGroupId\":10,\"UnitCodeId\":1}],"
                + "\"SkipPrintCustomer\":false,\"SkipPrintMerchant\":false,\"SkipPaymentOptionScreen\":false}");
    }

    @Test
    void everyOptionalFieldIsSentWhenSet() {
        long member = 9_007_199_254_740_993L;
        server.result(SALE_RESULT);
        SaleOrder order = SaleOrder.of(null, "ord-2", new BigDecimal("1E+1"), 2,
                        List.of(Product.of("Hizmet", new BigDecimal("10"), 1, 20, 2).withMemberId(member)))
                .withSplitPaymentSupport(true)
                .withSkipPrintCustomer(true)
                .withSkipPrintMerchant(true)
                .withSkipPaymentOptionScreen(true)
                .withSendNotificationDeviceDisconnected(true)
                .withCustomer(Customer.company("Çiçek Ltd.", "Kadıköy", "1234567890"))
                .withReceiptOptions(ReceiptOptions.of(null, new ReceiptOptions.Line("Teşekkürler", 12)));

        client.payments().syncSale(order);

        JsonNode sent = KasaJson.MAPPER.readTree(server.last().body());
        assertThat(sent.has("TerminalId")).isFalse();
        assertThat(sent.has("TerminalTagCode")).isFalse();
        assertThat(sent.get("Amount").decimalValue()).isEqualByComparingTo("10");
        assertThat(server.last().text()).contains("\"Amount\":10,");
        assertThat(sent.get("CurrencyId").intValue()).isEqualTo(2);
        assertThat(sent.get("SplitPaymentSupport").booleanValue()).isTrue();
        assertThat(sent.get("SkipPrintCustomer").booleanValue()).isTrue();
        assertThat(sent.get("SkipPrintMerchant").booleanValue()).isTrue();
        assertThat(sent.get("SkipPaymentOptionScreen").booleanValue()).isTrue();
        assertThat(sent.get("SendNotificationDeviceDisconnected").booleanValue()).isTrue();
        assertThat(sent.get("Products").get(0).get("MemberId").isIntegralNumber()).isTrue();
        assertThat(sent.get("Products").get(0).get("MemberId").longValue()).isEqualTo(member);
        assertThat(sent.get("Products").get(0).has("PaymentMethodId")).isFalse();
        assertThat(sent.get("Customer").toString()).isEqualTo(
                "{\"Type\":2,\"CompanyName\":\"Çiçek Ltd.\",\"TaxOfficeCode\":\"Kadıköy\",\"TaxNumber\":\"1234567890\"}");
        assertThat(sent.get("ReceiptOptions").toString()).isEqualTo(
                "{\"TopSupport\":false,\"BottomSupport\":true,\"Bottom\":{\"Text\":\"Teşekkürler\",\"FontSize\":12}}");
        assertThat(server.last().header(Payments.WAIT_HEADER)).isNull();
    }

    @Test
    void sampleBodiesAreSentVerbatim() {
        String code = UUID.randomUUID().toString();
        String asyncBody = sample("001-async-sale-request.json").replace(GUID_PLACEHOLDER, code);
        String syncBody = sample("002-sync-sale-request.json").replace(GUID_PLACEHOLDER, code);
        server.result(SALE_RESULT).result(SALE_RESULT).result(SALE_RESULT);

        SaleResult result = client.payments().asyncSaleJson(asyncBody);
        client.payments().syncSaleJson(syncBody, Duration.ofSeconds(10));
        client.payments().syncSaleJson(syncBody);

        List<ScriptedServer.Received> sent = server.received();
        assertThat(sent).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /api/payment/async/sale", "POST /api/payment/sync/sale", "POST /api/payment/sync/sale");
        assertThat(sent.get(0).body()).isEqualTo(asyncBody.getBytes(StandardCharsets.UTF_8));
        assertThat(sent.get(0).text()).contains("// \"TerminalTagCode\": \"\",");
        assertThat(sent.get(0).header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(sent.get(1).body()).isEqualTo(syncBody.getBytes(StandardCharsets.UTF_8));
        assertThat(sent.get(1).text()).contains("\"ReceiptOptions\": { // Opsiyonal");
        assertThat(sent.get(1).header(Payments.WAIT_HEADER)).isEqualTo("10");
        assertThat(sent.get(2).header(Payments.WAIT_HEADER)).isNull();
        assertThat(result.paymentRequestId()).isEqualTo(PAYMENT);
    }

    @Test
    void theWaitIsSentInWholeSecondsRoundedUp() {
        server.result(SALE_RESULT).result(SALE_RESULT).result(SALE_RESULT);
        SaleOrder order = seed001Order("ord-3");

        client.payments().syncSale(order, Duration.ofMillis(1500));
        client.payments().syncSale(order, Duration.ofMillis(1));
        client.payments().syncCancel(PAYMENT, false, Duration.ofMinutes(2));

        assertThat(server.received()).extracting(r -> r.header(Payments.WAIT_HEADER)).containsExactly("2", "1", "120");
        assertThatIllegalArgumentException().isThrownBy(() -> client.payments().syncSale(order, Duration.ofSeconds(-1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> client.payments().syncCancel(PAYMENT, true, Duration.ofSeconds(-1)));
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void syncCallsOutlastTheRequestTimeoutAsyncCallsDoNot() {
        KasaClient impatient = KasaClient.builder()
                .baseUri(server.uri())
                .requestTimeout(Duration.ofMillis(200))
                .maxRetries(0)
                .build();
        Duration held = Duration.ofMillis(700);
        server.delayedResult(held, SALE_RESULT).delayedResult(held, SALE_RESULT).delayedResult(held, SALE_RESULT);

        KasaException timedOut = catchThrowableOfType(KasaException.class,
                () -> impatient.payments().asyncSale(seed001Order("ord-4")));
        SaleResult waited = impatient.payments().syncSale(seed001Order("ord-4"), Duration.ofSeconds(1));
        SaleResult cancelled = impatient.payments().syncCancel(PAYMENT, true);

        assertThat(timedOut.httpStatus()).isEqualTo(KasaException.NO_RESPONSE);
        assertThat(timedOut.getCause()).isInstanceOf(HttpTimeoutException.class);
        assertThat(timedOut).isInstanceOfSatisfying(NetworkException.class, failure -> {
            assertThat(failure.isTimeout()).isTrue();
            assertThat(failure.requestSent()).isTrue();
        });
        assertThat(waited.paymentRequestId()).isEqualTo(PAYMENT);
        assertThat(cancelled.paymentRequestId()).isEqualTo(PAYMENT);
    }

    @Test
    void syncSaleRefusalKeepsTheClientMessage() {
        server.answer(422, """
                {"Result":null,"ErrorCode":5001,"Succeeded":false,"Failed":true,
                 "Message":"Ödeme cihaza gönderilemedi","ClientMessage":"Payment.Async.CloudNotSendToDevice"}
                """);

        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> client.payments().syncSale(seed001Order("ord-5").withSendNotificationDeviceDisconnected(false)));

        assertThat(refused.httpStatus()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo(5001);
        assertThat(refused.is(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE)).isTrue();
        assertThat(refused.message()).isEqualTo("Ödeme cihaza gönderilemedi");
        assertThat(refused.payment()).as("a null Result names no payment").isEmpty();
    }

    @Test
    void aSyncSaleRefusedAfterThePaymentWasRecordedNamesItInTheException() {
        server.answer(422, """
                {"Result":{"PaymentRequestId":"1eb856a8-1d41-49ab-8994-ecee2880d62c",
                           "PaymentRequestActivityId":"2015c508-4029-4f6b-b7e2-4bf34a213c41",
                           "PaymentRequestActivityTypeId":1,"PaymentStatus":3},
                 "ErrorCode":5001,"Succeeded":false,"Failed":true,
                 "Message":"Ödeme cihaza iletilemedi","ClientMessage":"Payment.Async.CloudNotSendToDevice"}
                """);

        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> client.payments().syncSale(seed001Order("ord-6").withSendNotificationDeviceDisconnected(false)));

        assertThat(refused.is(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE)).isTrue();
        assertThat(refused.paymentRequestId()).contains(PAYMENT);
        assertThat(refused.payment()).hasValueSatisfying(payment -> {
            assertThat(payment.paymentRequestActivityId()).isEqualTo(UUID.fromString("2015c508-4029-4f6b-b7e2-4bf34a213c41"));
            assertThat(payment.activityType()).isEqualTo(PaymentType.SALE);
            assertThat(payment.status()).isEqualTo(PaymentStatus.COULD_NOT_SEND_TO_DEVICE);
        });
    }

    @Test
    void theSeed003AnswerParsesIntoAnInquiryWithEveryField() {
        server.answer(200, sample("003-inquiry-response.json"));

        Inquiry inquiry = client.payments().inquiry(PAYMENT);

        ScriptedServer.Received sent = server.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("GET /api/payment/inquiry/" + PAYMENT);
        assertThat(sent.body()).isEmpty();
        assertThat(sent.header("apiclientprivate")).isEqualTo("priv-client");
        assertThat(inquiry.paymentRequestId()).isEqualTo(PAYMENT);
        assertThat(inquiry.paymentRequestActivityId()).isEqualTo(UUID.fromString("78e71139-2227-48ee-9bf9-1e4389a399db"));
        assertThat(inquiry.terminalId()).isEqualTo(SEED_001_TERMINAL);
        assertThat(inquiry.merchantUniqueCode()).isEqualTo("432e795d-1a69-4461-97c8-ebaab658ff47");
        assertThat(inquiry.displayCode()).isEqualTo("İndirimli Hizmet");
        assertThat(inquiry.callbackAddress()).isEqualTo("https://webhook.site/445d7d94-962b-4350-a936-1a066c6367b3");
        assertThat(inquiry.amount()).isEqualTo(new BigDecimal("1.44"));
        assertThat(inquiry.paymentChannelId()).isEqualTo(1);
        assertThat(inquiry.paymentChannel()).isEqualTo("Async");
        assertThat(inquiry.currencyId()).isEqualTo(1);
        assertThat(inquiry.currency()).isEqualTo("TRY");
        assertThat(inquiry.ip()).isEqualTo("::1");
        assertThat(inquiry.paymentTypeId()).isEqualTo(1);
        assertThat(inquiry.paymentType()).isEqualTo("Sale");
        assertThat(inquiry.paymentStatusId()).isEqualTo(2);
        assertThat(inquiry.paymentStatus()).isEqualTo("SentToDevice");
        assertThat(inquiry.createdDate()).isEqualTo(LocalDateTime.of(2024, 9, 2, 13, 52, 34, 504_179_000));
        assertThat(inquiry.modifiedDate()).isNull();
        assertThat(inquiry.status()).isEqualTo(PaymentStatus.SENT_TO_DEVICE);
        assertThat(inquiry.type()).isEqualTo(PaymentType.SALE);
    }

    @Test
    void anInquiryIsWrittenBackWithTheWireNames() {
        server.answer(200, sample("003-inquiry-response.json"));

        JsonNode written = KasaJson.MAPPER.valueToTree(client.payments().inquiry(PAYMENT));

        JsonNode sample = KasaJson.MAPPER.readTree(sample("003-inquiry-response.json")).get("Result");
        List<String> nonNull = sample.properties().stream()
                .filter(property -> !property.getValue().isNull())
                .map(Map.Entry::getKey)
                .toList();
        assertThat(written.propertyNames()).containsExactlyElementsOf(nonNull).contains("IP");
    }

    @Test
    void cancelAndRollbackCalls() {
        server.result(SALE_RESULT).result(SALE_RESULT).result(SALE_RESULT).result(SALE_RESULT).result(SALE_RESULT);

        client.payments().asyncCancel(PAYMENT);
        client.payments().syncCancel(PAYMENT, true);
        client.payments().syncCancel(PAYMENT, false, Duration.ofSeconds(5));
        client.payments().rollbackSale(PAYMENT);
        SaleResult rolledBack = client.payments().rollbackCancel(PAYMENT);

        List<ScriptedServer.Received> sent = server.received();
        assertThat(sent).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /api/payment/async/cancel",
                "POST /api/payment/sync/cancel",
                "POST /api/payment/sync/cancel",
                "POST /api/payment/sync/sale/rollback",
                "POST /api/payment/sync/cancel/rollback");
        assertThat(sent).extracting(ScriptedServer.Received::text).containsExactly(
                "{\"PaymentRequestId\":\"" + PAYMENT + "\"}",
                "{\"PaymentRequestId\":\"" + PAYMENT + "\",\"SendNotificationDeviceDisconnected\":true}",
                "{\"PaymentRequestId\":\"" + PAYMENT + "\",\"SendNotificationDeviceDisconnected\":false}",
                "{\"PaymentRequestId\":\"" + PAYMENT + "\"}",
                "{\"PaymentRequestId\":\"" + PAYMENT + "\"}");
        assertThat(sent).extracting(r -> r.header(Payments.WAIT_HEADER)).containsExactly(null, null, "5", null, null);
        assertThat(sent).extracting(r -> r.header("apikeyprivate")).containsOnly("priv-secret");
        assertThat(rolledBack.paymentRequestId()).isEqualTo(PAYMENT);
    }

    /** The cancels and the cancel rollback answer as their Paywall pages show: camelCase, inside result too. */
    @Test
    void cancelAnswersInCamelCaseAreRead() {
        String camelCase = """
                {"result":{"paymentRequestId":"%s","paymentRequestActivityId":"2015c508-4029-4f6b-b7e2-4bf34a213c41",
                           "paymentRequestActivityTypeId":2,"paymentStatus":4},
                 "errorCode":0,"failed":false,"message":null,"clientMessage":null,"succeeded":true}
                """.formatted(PAYMENT);
        server.answer(200, camelCase).answer(200, camelCase).answer(422, """
                {"result":null,"errorCode":5002,"failed":true,"message":"not convenient",
                 "clientMessage":"Payment.Async.NotConvenientStatusForThisOperation","succeeded":false}
                """);

        SaleResult async = client.payments().asyncCancel(PAYMENT);
        SaleResult sync = client.payments().syncCancel(PAYMENT, false);
        KasaException refused = catchThrowableOfType(KasaException.class, () -> client.payments().rollbackCancel(PAYMENT));

        assertThat(async.paymentRequestId()).isEqualTo(PAYMENT);
        assertThat(async.paymentRequestActivityTypeId()).isEqualTo(2);
        assertThat(sync.paymentStatus()).isEqualTo(4);
        assertThat(sync.paymentRequestActivityId()).isEqualTo(UUID.fromString("2015c508-4029-4f6b-b7e2-4bf34a213c41"));
        assertThat(refused.errorCode()).isEqualTo(5002);
        assertThat(refused.clientMessage()).isEqualTo("Payment.Async.NotConvenientStatusForThisOperation");
    }

    private static String pageOf(int pageIndex, int pageCount, String... codes) {
        StringBuilder items = new StringBuilder();
        for (String code : codes) {
            items.append(items.isEmpty() ? "" : ",").append("{\"Id\":\"").append(UUID.randomUUID())
                    .append("\",\"MerchantUniqueCode\":\"").append(code).append("\"}");
        }
        return "{\"Items\":[" + items + "],\"Pagination\":{\"CurrentPage\":" + pageIndex + ",\"PageCount\":"
                + pageCount + ",\"PageSize\":2,\"TotalCount\":5}}";
    }

    @Test
    void listAllFetchesPagesAsTheyAreReadAndStopsAfterTheLast() {
        server.result(pageOf(0, 3, "ord-5", "ord-4")).result(pageOf(1, 3, "ord-3", "ord-2"));

        List<String> firstThree = client.payments().listAll(PaymentQuery.page(0, 2).withStatus(PaymentStatus.SUCCESSFUL))
                .limit(3).map(PaymentItem::merchantUniqueCode).toList();
        assertThat(firstThree).containsExactly("ord-5", "ord-4", "ord-3");
        assertThat(server.received()).as("only the pages read").hasSize(2);

        server.result(pageOf(2, 3, "ord-1"));
        assertThat(client.payments().listAll(PaymentQuery.page(2, 2)).map(PaymentItem::merchantUniqueCode))
                .containsExactly("ord-1");
        assertThat(server.received()).extracting(ScriptedServer.Received::text).containsExactly(
                "{\"PageIndex\":0,\"PageSize\":2,\"PaymentStatusId\":4}",
                "{\"PageIndex\":1,\"PageSize\":2,\"PaymentStatusId\":4}",
                "{\"PageIndex\":2,\"PageSize\":2}");
    }

    @Test
    void listSendsPagingAndFiltersWithDaysAndBindsItems() {
        UUID connection = UUID.fromString("0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11");
        String page = """
                {"Items":[{"Id":"1eb856a8-1d41-49ab-8994-ecee2880d62c","TerminalId":"38e895c3-1a9a-4b73-8816-8557d1d031d6",
                           "ConnectionId":"0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11","ConnectionName":"Kasa",
                           "ProviderId":100,"ProviderName":"Kasa","BrandId":100,"BrandName":"Kasa",
                           "RegionId":1,"RegionName":"Türkiye","MerchantUniqueCode":"ord-1","DisplayCode":"Kişisel Bakım",
                           "Amount":22.00,"PaymentChannelId":2,"PaymentChannelName":"Sync","CurrencyId":1,
                           "CurrencyName":"TRY","IP":"127.0.0.1",
                           "PaymentRequestActivityId":"2015c508-4029-4f6b-b7e2-4bf34a213c41",
                           "PaymentTypeId":2,"PaymentTypeName":"Cancel","PaymentStatusId":4,
                           "PaymentStatusName":"Successful","Date":"2024-09-02T13:52:34.504179","PaymentId":41}],
                 "Pagination":{"CurrentPage":0,"PageCount":1,"PageSize":20,"TotalCount":1}}
                """;
        server.result(page).result("{\"Items\":[],\"Pagination\":{\"CurrentPage\":0,\"PageCount\":0,\"PageSize\":10,\"TotalCount\":0}}");

        Page<PaymentItem> found = client.payments().list(PaymentQuery.page(0, 20)
                .withDates(LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 2))
                .withTerminalId(SEED_001_TERMINAL)
                .withStatus(PaymentStatus.SUCCESSFUL)
                .withMerchantUniqueCode("ord-1"));
        client.payments().list(PaymentQuery.page(1, 10));

        List<ScriptedServer.Received> sent = server.received();
        assertThat(sent).extracting(r -> r.method() + " " + r.path())
                .containsOnly("POST /api/payment/list");
        assertThat(sent.get(0).text()).isEqualTo("{\"PageIndex\":0,\"PageSize\":20,\"StartDate\":\"2024-09-01\","
                + "\"EndDate\":\"2024-09-02\",\"TerminalId\":\"" + SEED_001_TERMINAL + "\",\"PaymentStatusId\":4,"
                + "\"MerchantUniqueCode\":\"ord-1\"}");
        assertThat(sent.get(1).text()).isEqualTo("{\"PageIndex\":1,\"PageSize\":10}");
        PaymentItem item = found.items().getFirst();
        assertThat(item).isEqualTo(new PaymentItem(PAYMENT, SEED_001_TERMINAL, connection, "Kasa", 100, "Kasa", 100,
                "Kasa", 1, "Türkiye", "ord-1", "Kişisel Bakım", new BigDecimal("22.00"), 2, "Sync", 1, "TRY",
                "127.0.0.1", UUID.fromString("2015c508-4029-4f6b-b7e2-4bf34a213c41"), 2, "Cancel", 4, "Successful",
                LocalDateTime.of(2024, 9, 2, 13, 52, 34, 504_179_000), 41L));
        assertThat(item.status()).isEqualTo(PaymentStatus.SUCCESSFUL);
        assertThat(item.type()).isEqualTo(PaymentType.CANCEL);
        assertThat(found.pagination().totalCount()).isEqualTo(1);
    }

    @Test
    void activitiesAndProductsArePagedPerPayment() {
        UUID activity = UUID.fromString("2015c508-4029-4f6b-b7e2-4bf34a213c41");
        UUID line = UUID.fromString("6c1b7a35-2f0e-4a9d-8b3c-1d2e3f4a5b6c");
        server.result("""
                        {"Items":[{"Id":"2015c508-4029-4f6b-b7e2-4bf34a213c41","PaymentTypeId":1,"PaymentTypeName":"Sale",
                                   "PaymentStatusId":1,"PaymentStatusName":"Generated",
                                   "Date":"2024-09-02T13:52:34.504179","Message":"Sipariş oluşturuldu"}],
                         "Pagination":{"CurrentPage":0,"PageCount":1,"PageSize":10,"TotalCount":1}}
                        """)
                .result("""
                        {"Items":[{"Id":"6c1b7a35-2f0e-4a9d-8b3c-1d2e3f4a5b6c","Name":"Saç Tıraşı","Amount":22.00,
                                   "Quantity":1,"TaxGroupId":10,"TaxGroupName":"KDV %10","UnitCodeId":1,
                                   "UnitCodeName":"Adet","PaymentMethodId":null,"MemberId":7,"ProductId":58}],
                         "Pagination":{"CurrentPage":0,"PageCount":1,"PageSize":5,"TotalCount":1}}
                        """);

        PaymentActivity first = client.payments().activities(PAYMENT, 0, 10).items().getFirst();
        PaymentProduct product = client.payments().products(PAYMENT, 0, 5).items().getFirst();

        List<ScriptedServer.Received> sent = server.received();
        assertThat(sent).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /api/payment/activities", "POST /api/payment/products");
        assertThat(sent.get(0).text()).isEqualTo("{\"PageIndex\":0,\"PageSize\":10,\"PaymentRequestId\":\"" + PAYMENT + "\"}");
        assertThat(sent.get(1).text()).isEqualTo("{\"PageIndex\":0,\"PageSize\":5,\"PaymentRequestId\":\"" + PAYMENT + "\"}");
        assertThat(first).isEqualTo(new PaymentActivity(activity, 1, "Sale", 1, "Generated",
                LocalDateTime.of(2024, 9, 2, 13, 52, 34, 504_179_000), "Sipariş oluşturuldu"));
        assertThat(first.status()).isEqualTo(PaymentStatus.GENERATED);
        assertThat(product).isEqualTo(new PaymentProduct(line, "Saç Tıraşı", new BigDecimal("22.00"), 1, 10, "KDV %10",
                1, "Adet", null, 7L, 58L));
    }

    /** Same property names, and each property equal to the sample's (numbers by value and kind). */
    private static void assertSameFields(JsonNode sent, JsonNode sample) {
        assertThat(sent.propertyNames()).containsExactlyInAnyOrderElementsOf(sample.propertyNames());
        for (String name : sample.propertyNames()) {
            assertThat(sent.get(name)).as(name).isEqualTo(sample.get(name));
        }
    }

    private static JsonNode sampleBody(String name, String merchantUniqueCode) {
        return SAMPLE_READER.readTree(sample(name).replace(GUID_PLACEHOLDER, merchantUniqueCode));
    }

    private static String sample(String name) {
        try (InputStream in = PaymentsWireTests.class.getResourceAsStream("/seeds/" + name)) {
            assertThat(in).as("test resource seeds/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
