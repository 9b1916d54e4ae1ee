package io.kasa.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What {@link Marketplace}'s approval calls put on the wire and how they read Paywall's per-product answers. */
class MarketplaceApprovalWireTests {

    private static final String DECISION = """
            {"Success":[{"ProductId":11}],"Fail":[{"ProductId":12,"Reason":"This product already approved"}]}""";

    private ScriptedServer server;
    private KasaClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        client = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void approveProductsSendsPaywallsBodyAndReadsSuccessAndFail() {
        server.answer(200, "{\"ErrorCode\":0,\"Result\":true,\"Message\":null,\"Body\":" + DECISION + "}");

        Marketplace.Approval approval = client.marketplace().approveProducts(Marketplace.ApprovalRequest
                .products(7, List.of(11L, 12L)).withPayoutDescription("Kasım").withSameReflectionDateWithMember(true));

        ScriptedServer.Received sent = server.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/paywall/marketplace/approve/pw/product");
        assertThat(sent.header("apiclientpublic")).isEqualTo("pub-client");
        JsonNode json = KasaJson.MAPPER.readTree(sent.body());
        assertThat(json.propertyNames()).containsExactly("PaymentId", "ProductIds", "Payout", "SameReflectionDateWithMember");
        assertThat(json.get("ProductIds").get(1).longValue()).isEqualTo(12L);
        assertThat(json.get("Payout").get("DescriptionApply").booleanValue()).isTrue();
        assertThat(json.get("Payout").get("Description").stringValue()).isEqualTo("Kasım");
        assertThat(approval.success()).containsExactly(new Marketplace.Approval.Success(11));
        assertThat(approval.fail()).containsExactly(new Marketplace.Approval.Failure(12, "This product already approved"));
        assertThat(approval.succeeded()).isTrue();
    }

    @Test
    void anAnswerThatDecidedNothingIsReadAsItsReasonsAndOtherRefusalsThrow() {
        server.answer(422, "{\"ErrorCode\":1,\"Result\":false,\"Message\":\"No product could be decided\",\"Body\":"
                + "{\"Success\":[],\"Fail\":[{\"ProductId\":12,\"Reason\":\"This product already approved\"}]}}");
        Marketplace.Approval none = client.marketplace().rejectPayment(7);
        assertThat(server.last().path()).isEqualTo("/api/paywall/marketplace/reject/payment");
        assertThat(KasaJson.MAPPER.readTree(server.last().body()).propertyNames()).containsExactly("PaymentId");
        assertThat(none.succeeded()).isFalse();
        assertThat(none.fail()).extracting(Marketplace.Approval.Failure::reason).containsExactly("This product already approved");

        server.answer(404, "{\"ErrorCode\":32,\"Result\":false,\"Message\":\"Payment not found\",\"Body\":null}");
        KasaException unknown = catchThrowableOfType(KasaException.class,
                () -> client.marketplace().approvePaymentSelf(Marketplace.ApprovalRequest.payment(7)));
        assertThat(unknown.errorCode()).isEqualTo(32);
        assertThat(server.last().path()).isEqualTo("/api/paywall/marketplace/approve/self/payment");
        assertThat(KasaJson.MAPPER.readTree(server.last().body()).propertyNames())
                .containsExactly("PaymentId", "SameReflectionDateWithMember");

        server.answer(422, "{\"ErrorCode\":1,\"Result\":false,\"Message\":\"failure\",\"Body\":null}");
        assertThat(catchThrowableOfType(KasaException.class, () -> client.marketplace().reject(List.of(3L))).errorCode())
                .as("ErrorCode 1 without reasons is a refusal").isEqualTo(1);
        assertThat(KasaJson.MAPPER.readTree(server.last().body()).get("ProductIds").get(0).longValue()).isEqualTo(3L);
    }

    @Test
    void theApprovalReportAndTheSettingsReadTheirFields() {
        server.answer(200, "{\"ErrorCode\":0,\"Result\":true,\"Message\":null,\"Body\":"
                + "{\"Approved\":[{\"ProductId\":11}],\"NotApproved\":[{\"ProductId\":12},{\"ProductId\":13}]}}");
        Marketplace.ApprovalReport report = client.marketplace().approvalReport(7);
        assertThat(server.last().method()).isEqualTo("GET");
        assertThat(server.last().header("paymentid")).isEqualTo("7");
        assertThat(report.approved()).containsExactly(new Marketplace.ApprovalReport.Product(11));
        assertThat(report.notApproved()).hasSize(2);

        server.answer(200, "{\"ErrorCode\":0,\"Result\":true,\"Message\":null,\"Body\":{\"MarketplaceEnabled\":true,"
                + "\"ManualTrigger\":false,\"PlatformIban\":null,\"PlatformAccountTitle\":null,\"AutomaticApproval\":true}}");
        assertThat(client.marketplace().settings().automaticApproval()).isTrue();
        server.answer(200, "{\"ErrorCode\":0,\"Result\":true,\"Message\":null,\"Body\":{\"MarketplaceEnabled\":true,"
                + "\"ManualTrigger\":false,\"AutomaticApproval\":false}}");
        client.marketplace().updateSettings(new Marketplace.Settings(true, false, null, null));
        assertThat(KasaJson.MAPPER.readTree(server.last().body()).get("AutomaticApproval").booleanValue())
                .as("the four-value settings send automatic approval off").isFalse();
    }

    @Test
    void aProductCarriesThePlatformsOwnFigureOnlyWhenGiven() {
        JsonNode plain = KasaJson.MAPPER.valueToTree(Product.of("Saç", new BigDecimal("100"), 1, 20, 1).withMemberId(4));
        assertThat(plain.has("MemberEarningCalculated")).isFalse();
        assertThat(plain.has("MemberEarning")).isFalse();
        JsonNode own = KasaJson.MAPPER.valueToTree(Product.of("Saç", new BigDecimal("100"), 1, 20, 1).withMemberId(4)
                .withMemberEarning(new BigDecimal("80.00")));
        assertThat(own.get("MemberEarningCalculated").booleanValue()).isTrue();
        assertThat(own.get("MemberEarning").decimalValue()).isEqualByComparingTo("80.00");
    }
}
