package io.kasa.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What {@link Marketplace}'s earnings reports and operations put on the wire and how they read the answers. */
class MarketplaceEarningsWireTests {

    private static final String PRODUCT_JSON = """
            {"PaymentId":4294967301,"ProductId":77,"ProductExternalId":null,"ProductName":"Saç Tıraşı",
             "ProductAmount":100.00,"MemberId":12,"MerchantEarningId":901,"MerchantEarning":10.00,
             "MerchantReflectionDate":"2026-12-14T00:00:00","SubMerchantEarningId":900,"SubMerchantEarning":90.00,
             "SubMerchantReflectionDate":"2026-12-14T00:00:00","MerchantEarningStatusId":4,
             "MerchantPayoutTransactionId":"2501b2de-1111-4222-8333-444455556666","SubMerchantEarningStatusId":11,
             "SubMerchantPayoutTransactionId":"2501b2de-1111-4222-8333-444455556667"}
            """;

    private ScriptedServer server;
    private Marketplace marketplace;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        marketplace = server.client().marketplace();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void body(String json) {
        server.answer(200, "{\"ErrorCode\":0,\"Result\":true,\"Message\":null,\"Body\":" + json + "}");
    }

    @Test
    void theProductReportIsAskedByHeaderAndReadsEveryDocumentedField() {
        body(PRODUCT_JSON);

        Marketplace.ProductEarning product = marketplace.earningsOfProduct(77);

        ScriptedServer.Received sent = server.last();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/api/paywall/marketplace/report/earning/product");
        assertThat(sent.header("productid")).isEqualTo("77");
        assertThat(sent.header("apiclientpublic")).isEqualTo("pub-client");
        assertThat(product.paymentId()).isEqualTo(4_294_967_301L);
        assertThat(product.subMerchantEarning()).isEqualByComparingTo("90.00");
        assertThat(product.subMerchantEarningStatusId()).isEqualTo(11);
        assertThat(product.merchantPayoutTransactionId()).isEqualTo(UUID.fromString("2501b2de-1111-4222-8333-444455556666"));
        assertThat(product.productExternalId()).isNull();
    }

    @Test
    void theEarningReportIsAskedByItsId() {
        body("""
                {"Id":900,"PaymentId":5,"ProductId":77,"MerchantId":"2501b2de-1111-4222-8333-444455556666","MemberId":12,
                 "IsSubMerchant":true,"Earning":90.00,"ReflectionDate":"2026-12-14T00:00:00","EarningStatusId":2}""");

        Marketplace.EarningDetail earning = marketplace.earning(900);

        assertThat(server.last().header("earningid")).isEqualTo("900");
        assertThat(server.last().path()).isEqualTo("/api/paywall/marketplace/report/earning/id");
        assertThat(earning).isEqualTo(new Marketplace.EarningDetail(900, 5, 77,
                UUID.fromString("2501b2de-1111-4222-8333-444455556666"), 12L, true, new BigDecimal("90.00"),
                LocalDateTime.of(2026, 12, 14, 0, 0), 2));
    }

    @Test
    void eachOperationIsAPutOfPaywallsFieldsToItsPath() {
        LocalDate day = LocalDate.of(2026, 12, 15);
        record Call(Runnable call, String path, String body) {
        }
        var calls = java.util.List.of(
                new Call(() -> marketplace.postponeProduct(77, 3, true), "/postpone/product",
                        "{\"ProductId\":77,\"Day\":3,\"ApplyAll\":true}"),
                new Call(() -> marketplace.increaseProduct(77, new BigDecimal("1.25"), false), "/increase/product",
                        "{\"ProductId\":77,\"Earning\":1.25,\"ApplyAll\":false}"),
                new Call(() -> marketplace.decreaseProduct(77, new BigDecimal("1.25"), false), "/decrease/product",
                        "{\"ProductId\":77,\"Earning\":1.25,\"ApplyAll\":false}"),
                new Call(() -> marketplace.reflectProduct(77, day, true), "/reflection/product",
                        "{\"ProductId\":77,\"ReflectionDate\":\"2026-12-15\",\"ApplyAll\":true}"),
                new Call(() -> marketplace.retryProduct(77, day, true), "/put/retry/product",
                        "{\"ProductId\":77,\"ChangeReflectionDate\":true,\"ReflectionDate\":\"2026-12-15\",\"ApplyAll\":true}"),
                new Call(() -> marketplace.retryPayment(5, null), "/put/retry/payment",
                        "{\"PaymentId\":5,\"ChangeReflectionDate\":false}"),
                new Call(() -> marketplace.postponeEarning(900, 1), "/postpone/id", "{\"Id\":900,\"Day\":1}"),
                new Call(() -> marketplace.increaseEarning(900, new BigDecimal("0.01")), "/increase/id",
                        "{\"Id\":900,\"Earning\":0.01}"),
                new Call(() -> marketplace.decreaseEarning(900, new BigDecimal("0.01")), "/decrease/id",
                        "{\"Id\":900,\"Earning\":0.01}"),
                new Call(() -> marketplace.reflectEarning(900, day), "/reflection/id",
                        "{\"Id\":900,\"ReflectionDate\":\"2026-12-15\"}"),
                new Call(() -> marketplace.retryEarning(900, null), "/put/retry/id",
                        "{\"Id\":900,\"ChangeReflectionDate\":false}"));
        for (Call call : calls) {
            body("null");
            call.call().run();
            ScriptedServer.Received sent = server.last();
            assertThat(sent.method()).isEqualTo("PUT");
            assertThat(sent.path()).isEqualTo("/api/paywall/marketplace/earning" + call.path());
            JsonNode json = KasaJson.MAPPER.readTree(sent.text());
            assertThat(json).as(call.path()).isEqualTo(KasaJson.MAPPER.readTree(call.body()));
        }
    }

    @Test
    void aRefusedOperationCarriesPaywallsCode() {
        server.answer(409, "{\"ErrorCode\":368,\"Result\":false,\"Message\":\"The earning has already been paid successfully\",\"Body\":null}");

        KasaException refused = catchThrowableOfType(KasaException.class, () -> marketplace.retryEarning(900, null));

        assertThat(refused.errorCode()).isEqualTo(368);
        assertThat(refused.httpStatus()).isEqualTo(409);
    }
}
