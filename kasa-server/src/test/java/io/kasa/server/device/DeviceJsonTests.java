package io.kasa.server.device;

import io.kasa.server.payment.DeviceOrder;
import io.kasa.server.payment.SaleOrder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The device protocol's order message, exactly as it goes on the wire. */
class DeviceJsonTests {

    private final DeviceJson json = new DeviceJson();

    @Test
    void anOrderMessageIsItsTypeThenTheOrdersFieldsInOrderWithoutAbsentOnes() {
        DeviceOrder order = new DeviceOrder(UUID.fromString("00000000-0000-4000-8000-000000000001"),
                UUID.fromString("00000000-0000-4000-8000-000000000002"), "sale", "12.50", 949, "TRY", "D-1",
                List.of(new DeviceOrder.Product("Tea", "2.50", 5, 1, 2, null),
                        new DeviceOrder.Product("Cup", "0.00", 1, 3, 4, 7)),
                List.of(1, 2),
                new SaleOrder.Customer(1, "Ayşe", null, "Yılmaz", null, null, null, "+905551112233", null, null,
                        "TR", "İstanbul", null, null, "Cad. \"1\"\n"),
                true, false, true, false,
                new SaleOrder.ReceiptOptions(true, new SaleOrder.ReceiptText("Thanks", 2), false, null),
                false, Instant.parse("2026-12-04T10:15:30.123456Z"), Instant.parse("2026-12-04T10:20:30.123456Z"));

        assertThat(json.order(order)).isEqualTo("""
                {"type":"order","orderId":"00000000-0000-4000-8000-000000000001",\
                "paymentRequestId":"00000000-0000-4000-8000-000000000002","kind":"sale","amount":"12.50",\
                "currencyId":949,"currency":"TRY","displayCode":"D-1",\
                "products":[{"name":"Tea","amount":"2.50","quantity":5,"taxGroupId":1,"unitCodeId":2},\
                {"name":"Cup","amount":"0.00","quantity":1,"taxGroupId":3,"unitCodeId":4,"paymentMethodId":7}],\
                "methods":[1,2],"customer":{"type":1,"firstName":"Ayşe","lastName":"Yılmaz","phone":"+905551112233",\
                "country":"TR","city":"İstanbul","address":"Cad. \\"1\\"\\n"},"splitPaymentSupport":true,\
                "skipPrintCustomer":false,"skipPrintMerchant":true,"skipPaymentOptionScreen":false,\
                "receiptOptions":{"topSupport":true,"top":{"text":"Thanks","fontSize":2},"bottomSupport":false},\
                "taken":false,"createdAt":"2026-12-04T10:15:30.123456Z","expiresAt":"2026-12-04T10:20:30.123456Z"}""");
    }

    @Test
    void aCancelWithNoProductsLeavesOutWhatItLacks() {
        DeviceOrder order = new DeviceOrder(UUID.fromString("00000000-0000-4000-8000-000000000003"),
                UUID.fromString("00000000-0000-4000-8000-000000000004"), "cancel", "1.00", 949, "TRY", null,
                List.of(), null, null, false, false, false, false, null, true,
                Instant.parse("2026-12-04T10:15:30Z"), Instant.parse("2026-12-04T10:20:30Z"));

        assertThat(json.order(order)).isEqualTo("""
                {"type":"order","orderId":"00000000-0000-4000-8000-000000000003",\
                "paymentRequestId":"00000000-0000-4000-8000-000000000004","kind":"cancel","amount":"1.00",\
                "currencyId":949,"currency":"TRY","products":[],"splitPaymentSupport":false,\
                "skipPrintCustomer":false,"skipPrintMerchant":false,"skipPaymentOptionScreen":false,"taken":true,\
                "createdAt":"2026-12-04T10:15:30Z","expiresAt":"2026-12-04T10:20:30Z"}""");
    }
}
