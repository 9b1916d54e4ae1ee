package io.kasa.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the SDK sends for a product's cargo and discount and for the debt calls, and how it reads the debt report. */
class MarketplaceDebtsWireTests {

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
    void aProductCarriesItsCargoAndDiscountInTheDebtReportsTerms() {
        Product product = Product.of("Kazak", new BigDecimal("90.00"), 1, 20, 4).withMemberId(7)
                .withCargo(Product.Cargo.of(2, new BigDecimal("15.00")))
                .withDiscount(Product.Discount.percentage(Product.Discount.SELLER, new BigDecimal("10")));

        JsonNode json = KasaJson.MAPPER.valueToTree(product);

        assertThat(json.get("Cargo").propertyNames()).containsExactly("CargoOwnerType", "CargoCost");
        assertThat(json.get("Cargo").get("CargoOwnerType").intValue()).isEqualTo(2);
        assertThat(json.get("Cargo").get("CargoCost").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(json.get("Discount").propertyNames()).containsExactly("DiscountOwnerType", "DiscountType", "Discount");
        assertThat(json.get("Discount").get("DiscountType").intValue()).isEqualTo(2);
        assertThat(KasaJson.MAPPER.valueToTree(Product.of("Çay", BigDecimal.TEN, 1, 10, 1)).has("Cargo"))
                .as("a product without arrangements sends none").isFalse();
    }

    @Test
    void theDebtReportIsReadWithItsCargoAndDiscount() {
        UUID payout = UUID.randomUUID();
        server.answer(200, """
                {"ErrorCode":0,"Result":true,"Message":null,"Body":[
                 {"DebtId":3,"Type":2,"TypeName":"Cargo","MemberId":7,"MemberName":"Berber Ali","CurrencyId":1,"Currency":"TRY",
                  "ProductId":58,"ProductAmount":10.00,"DebtAmount":6.00,"DebtStatusId":3,"DebtTransactionId":"%s",
                  "Cargo":{"CargoId":4,"CargoOwnerType":2,"CargoCost":15.00},"Discount":null,
                  "CalculationDateTime":"2024-09-02T13:52:34.504179"}]}""".formatted(payout));

        List<Marketplace.DebtItem> debts = client.marketplace().debtsOfProduct(58);

        ScriptedServer.Received sent = server.last();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/api/paywall/marketplace/report/debt/product");
        assertThat(sent.header("productid")).isEqualTo("58");
        assertThat(sent.header("apiclientpublic")).isEqualTo("pub-client");
        Marketplace.DebtItem debt = debts.getFirst();
        assertThat(debt.debtId()).isEqualTo(3);
        assertThat(debt.debtAmount()).isEqualByComparingTo("6.00");
        assertThat(debt.debtTransactionId()).isEqualTo(payout);
        assertThat(debt.cargo()).isEqualTo(new Marketplace.DebtItem.Cargo(4L, 2, new BigDecimal("15.00")));
        assertThat(debt.discount()).isNull();
    }

    @Test
    void theChangesSendIdAndDebtAndAPaidDebtIsRefusedWith44() {
        server.answer(200, "{\"ErrorCode\":0,\"Result\":true,\"Message\":null,\"Body\":null}");
        client.marketplace().increaseDebt(3, new BigDecimal("2.50"));
        ScriptedServer.Received sent = server.last();
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.path()).isEqualTo("/api/paywall/marketplace/debt/increase/id");
        JsonNode body = KasaJson.MAPPER.readTree(sent.body());
        assertThat(body.get("Id").longValue()).isEqualTo(3);
        assertThat(body.get("Debt").decimalValue()).isEqualByComparingTo("2.50");

        server.answer(200, "{\"ErrorCode\":0,\"Result\":true,\"Message\":null,\"Body\":null}");
        client.marketplace().deleteDebt(3);
        assertThat(server.last().method()).isEqualTo("DELETE");
        assertThat(server.last().path()).isEqualTo("/api/paywall/marketplace/debt/delete/id");
        assertThat(KasaJson.MAPPER.readTree(server.last().body()).propertyNames()).containsExactly("Id");

        server.answer(409, "{\"ErrorCode\":44,\"Result\":false,\"Message\":\"The debt has already been sent for payment\",\"Body\":null}");
        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> client.marketplace().decreaseDebt(3, BigDecimal.ONE));
        assertThat(refused.errorCode()).isEqualTo(44);
        assertThat(server.last().path()).isEqualTo("/api/paywall/marketplace/debt/decrease/id");
    }
}
