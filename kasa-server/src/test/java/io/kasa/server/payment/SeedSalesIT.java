package io.kasa.server.payment;

import io.kasa.client.Inquiry;
import io.kasa.client.PaymentActivity;
import io.kasa.client.PaymentProduct;
import io.kasa.client.SaleResult;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.DeviceOrder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeds 001–003 as their documents give them, against a real paired terminal agent. */
class SeedSalesIT extends KasaServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void seed001AsyncSaleAnswersAtOnceWithTheDeviceHoldingTheOrder() throws Exception {
        Shop shop = shop("seed 001", Behaviour.ignore());
        String code = UUID.randomUUID().toString();

        HttpResponse<String> response = post("/api/payment/async/sale", shop, Seeds.asyncSale(shop.terminalId(), code));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body()).get("Result");
        assertThat(result.propertyNames()).containsExactlyInAnyOrder(
                "PaymentRequestId", "PaymentRequestActivityId", "PaymentRequestActivityTypeId", "PaymentStatus", "PaymentId");
        assertThat(result.get("PaymentId").isIntegralNumber()).as("the marketplace's integer PaymentId").isTrue();
        assertThat(result.get("PaymentRequestActivityTypeId").asInt()).isEqualTo(1);
        assertThat(result.get("PaymentStatus").asInt()).as("the device acknowledged it").isEqualTo(2);

        DeviceOrder order = shop.agent().awaitNoPendingOrders(Duration.ZERO) ? null : shop.agent().pendingOrders().getFirst();
        assertThat(order).isNotNull();
        assertThat(order.displayCode()).isEqualTo("Kişisel Bakım");
        assertThat(order.amount()).isEqualByComparingTo("22");
        assertThat(order.products()).singleElement().satisfies(product -> {
            assertThat(product.name()).isEqualTo("Saç Tıraşı");
            assertThat(product.paymentMethodId()).isEqualTo(2);
        });
        assertThat(order.customer().city()).isEqualTo("İstanbul");
        assertThat(order.customer().neighborhood()).isEqualTo("Öyle");
    }

    @Test
    void seed002SyncSaleIsHeldUntilTheDeviceApproves() throws Exception {
        Shop shop = shop("seed 002", Behaviour.approveAfter(Duration.ofMillis(300)));
        String code = UUID.randomUUID().toString();

        SaleResult result = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), code), Duration.ofSeconds(30));

        assertThat(result.paymentStatus()).isEqualTo(4);
        assertThat(result.paymentRequestActivityTypeId()).isEqualTo(1);
        List<Integer> statuses = shop.client().payments().activities(result.paymentRequestId(), 0, 100).items().stream()
                .map(PaymentActivity::paymentStatusId).toList();
        assertThat(statuses).containsExactly(1, 10, 2, 11, 4);
        assertThat(shop.agent().receivedOrderIds()).hasSize(1);
    }

    @Test
    void seed003InquiryAnswersExactlyTheSeedsFields() throws Exception {
        Shop shop = shop("seed 003", Behaviour.ignore());
        String code = UUID.randomUUID().toString();
        SaleResult sale = shop.client().payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(), code, Seeds.SINK));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        baseUri.resolve("/api/payment/inquiry/" + sale.paymentRequestId()))
                .header("apiclientprivate", shop.merchant().created().privateKey().client())
                .header("apikeyprivate", shop.merchant().created().privateKey().secret())
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        JsonNode seed = JSON.readTree(Seeds.text("003-inquiry-response.json")).get("Result");
        JsonNode result = JSON.readTree(response.body()).get("Result");
        List<String> expected = new ArrayList<>(seed.propertyNames());
        expected.add("PaymentId");
        assertThat(result.propertyNames()).as("the seed's fields and the marketplace's integer PaymentId")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.get("PaymentId").longValue()).isEqualTo(sale.paymentId());
        assertThat(result.get("PaymentStatus").asString()).isEqualTo("SentToDevice");
        assertThat(result.get("PaymentChannel").asString()).isEqualTo("Async");
        assertThat(result.get("Currency").asString()).isEqualTo("TRY");
        assertThat(result.get("PaymentType").asString()).isEqualTo("Sale");
        assertThat(result.get("IP").asString()).isEqualTo("127.0.0.1");
        assertThat(result.get("CreatedDate").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?");

        Inquiry inquiry = shop.client().payments().inquiry(sale.paymentRequestId());
        assertThat(inquiry.merchantUniqueCode()).isEqualTo(code);
        assertThat(inquiry.displayCode()).isEqualTo("Kişisel Bakım");
        assertThat(inquiry.amount()).isEqualByComparingTo(new BigDecimal("22"));
        assertThat(inquiry.callbackAddress()).isEqualTo(Seeds.SINK.toString());
        assertThat(inquiry.paymentRequestActivityId()).isEqualTo(sale.paymentRequestActivityId());
        assertThat(inquiry.terminalId()).isEqualTo(shop.terminalId());

        List<PaymentProduct> products = shop.client().payments().products(sale.paymentRequestId(), 0, 10).items();
        assertThat(products).singleElement().satisfies(product -> {
            assertThat(product.name()).isEqualTo("Saç Tıraşı");
            assertThat(product.taxGroupName()).isEqualTo("Ten");
            assertThat(product.unitCodeName()).isEqualTo("Kilogram");
        });
    }

    @Test
    void turkishTextRoundTripsByteForByte() {
        Shop shop = shop("turkish", Behaviour.ignore());
        String text = "ĞÜŞİÖÇ ğüşıöç «Çağrı» – Iı İi";
        String body = Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString())
                .replace("\"Kişisel Bakım\"", "\"" + text.substring(0, 25) + "\"")
                .replace("\"Saç Tıraşı\"", "\"" + text + "\"");

        SaleResult sale = shop.client().payments().asyncSaleJson(body);

        assertThat(shop.client().payments().inquiry(sale.paymentRequestId()).displayCode()).isEqualTo(text.substring(0, 25));
        assertThat(shop.client().payments().products(sale.paymentRequestId(), 0, 1).items().getFirst().name()).isEqualTo(text);
        assertThat(shop.agent().pendingOrders().getFirst().products().getFirst().name()).isEqualTo(text);
    }

    private HttpResponse<String> post(String path, Shop shop, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(baseUri.resolve(path))
                .header("apiclientprivate", shop.merchant().created().privateKey().client())
                .header("apikeyprivate", shop.merchant().created().privateKey().secret())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
