package io.kasa.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.node.ObjectNode;

class OrderMessagesTests {

    @Test
    void readsTheProtocolsExampleCompletely() {
        OrderMessages.Delivery delivery = OrderMessages.read(Orders.example(), 7);

        DeviceOrder order = delivery.order();
        assertThat(delivery.taken()).isFalse();
        assertThat(order.orderId()).isEqualTo("5d0e2a52-3f0c-4d8a-9a57-2d4c5b1e7a10");
        assertThat(order.paymentRequestId()).isEqualTo("1eb856a8-1d41-49ab-8994-ecee2880d62c");
        assertThat(order.kind()).isEqualTo(DeviceOrder.Kind.SALE);
        assertThat(order.amount()).isEqualTo(new BigDecimal("22.00"));
        assertThat(order.currencyId()).isEqualTo(1);
        assertThat(order.currency()).isEqualTo("TRY");
        assertThat(order.displayCode()).isEqualTo("Kişisel Bakım");
        assertThat(order.products()).containsExactly(
                new DeviceOrder.Product("Saç Tıraşı", new BigDecimal("22.00"), 1, 10, 1, 2));
        assertThat(order.methods()).containsExactly(1, 2);
        assertThat(order.customer()).isEqualTo(new DeviceOrder.Customer(1, "eda", "seda", "meda", null, null, null,
                null, null, "11111111110", null, "İstanbul", null, null, null));
        assertThat(order.flags()).isEqualTo(DeviceOrder.Flags.NONE);
        assertThat(order.receiptOptions()).isEqualTo(new DeviceOrder.ReceiptOptions(
                true, new DeviceOrder.ReceiptText("Üst başlık", 10), true, new DeviceOrder.ReceiptText("Alt başlık", 50)));
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2026-11-24T10:15:30.123Z"));
        assertThat(order.expiresAt()).isEqualTo(Instant.parse("2026-11-24T10:20:30.123Z"));
        assertThat(order.arrival()).isEqualTo(7);
        assertThat(order.progress()).isEqualTo(DeviceOrder.Progress.RECEIVED);
        assertThat(order.outcome()).isNull();
    }

    @Test
    void optionalPartsMayBeAbsentAndUnknownPropertiesAreIgnored() {
        ObjectNode message = Orders.example();
        message.remove(List.of("displayCode", "customer", "receiptOptions", "methods", "currencyId", "createdAt",
                "expiresAt", "splitPaymentSupport", "taken"));
        message.put("kind", "cancel").put("skipPrintMerchant", true).put("addedInVersion9", "x");

        OrderMessages.Delivery delivery = OrderMessages.read(message, 1);

        assertThat(delivery.taken()).isFalse();
        assertThat(delivery.order()).satisfies(order -> {
            assertThat(order.kind()).isEqualTo(DeviceOrder.Kind.CANCEL);
            assertThat(order.displayCode()).isNull();
            assertThat(order.customer()).isNull();
            assertThat(order.receiptOptions()).isNull();
            assertThat(order.methods()).isEmpty();
            assertThat(order.currencyId()).isNull();
            assertThat(order.flags()).isEqualTo(new DeviceOrder.Flags(false, false, true, false));
        });
    }

    @Test
    void readsTheTakenFlag() {
        assertThat(OrderMessages.read(Orders.taken("o-1"), 1).taken()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "amount           | 22            | amount must be a decimal string with two fraction digits",
            "amount           | '\"22.0\"'    | amount must be a decimal string with two fraction digits",
            "amount           | '\"22,00\"'   | amount must be a decimal string with two fraction digits",
            "amount           | '\"-1.00\"'   | amount must be a decimal string with two fraction digits",
            "amount           | '\"0.00\"'    | amount must be greater than zero",
            "orderId          | '\"\"'        | orderId is required",
            "paymentRequestId | null          | paymentRequestId is required",
            "kind             | '\"refund\"'  | kind must be sale or cancel",
            "currency         | 1             | currency must be a string",
            "taken            | '\"yes\"'     | taken must be true or false",
            "createdAt        | '\"today\"'   | createdAt must be an ISO-8601 instant",
            "methods          | '[\"card\"]'  | methods must be an array of numbers",
    })
    void refusesWhatBreaksTheProtocol(String field, String json, String problem) {
        ObjectNode message = Orders.example();
        message.set(field, Orders.JSON.readTree(json));

        assertThatThrownBy(() -> OrderMessages.read(message, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void namesTheProductThatBreaksTheProtocol() {
        ObjectNode message = Orders.example();
        ((ObjectNode) message.get("products").get(0)).put("amount", 22.0);

        assertThatThrownBy(() -> OrderMessages.read(message, 1))
                .hasMessageStartingWith("products[0].amount must be a decimal string");
    }

    @Test
    void writesTheDevicesMessages() {
        assertThat(OrderMessages.received("o-1").toString()).isEqualTo("{\"type\":\"received\",\"orderId\":\"o-1\"}");
        assertThat(OrderMessages.taken("o-1").toString()).isEqualTo("{\"type\":\"taken\",\"orderId\":\"o-1\"}");
    }

    @Test
    void writesAnApprovalWithItsCardAndADeclineWithoutNulls() {
        DeviceOrder order = Orders.stored("o-1", 1, DeviceOrder.Progress.CHARGING);
        Outcome approval = new Outcome(Outcome.Result.APPROVED, null,
                new Outcome.Card("4543 60** **** 1234", "VISA", "A1B2C3"), "ref-1");

        assertThat(OrderMessages.outcome(order.reporting(approval)).toString()).isEqualTo(
                "{\"type\":\"outcome\",\"orderId\":\"o-1\",\"result\":\"approved\","
                        + "\"card\":{\"maskedPan\":\"4543 60** **** 1234\",\"brand\":\"VISA\",\"authCode\":\"A1B2C3\"},"
                        + "\"providerReference\":\"ref-1\"}");
        assertThat(OrderMessages.outcome(order.reporting(Outcome.declined("Insufficient funds"))).toString()).isEqualTo(
                "{\"type\":\"outcome\",\"orderId\":\"o-1\",\"result\":\"declined\",\"message\":\"Insufficient funds\"}");
    }
}
