package io.kasa.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kasa.terminal.DeviceOrder;
import io.kasa.terminal.DeviceOrder.Progress;
import io.kasa.terminal.Outcome;

class OrderLinesTests {

    static final Instant AT = Instant.parse("2026-11-24T10:15:30.123456Z");
    /** The PaymentRequestId every order here belongs to: the id the merchant's sale call answered. */
    static final String PAYMENT = "1eb856a8-1d41-49ab-8994-ecee2880d62c";

    @Test
    void oneLinePerStepNamedByThePaymentRequestIdTheApiAnswered() {
        DeviceOrder order = order("5d0e2a52-3f0c-4d8a-9a57-2d4c5b1e7a10", "Kişisel Bakım", DeviceOrder.Kind.SALE,
                product("Saç Tıraşı", 1));
        String payment = order.paymentRequestId();

        assertThat(OrderLines.step(AT, order))
                .isEqualTo("2026-11-24T10:15:30.123Z ORDER " + payment + " 22.00 TRY Kişisel Bakım: Saç Tıraşı x1");
        assertThat(OrderLines.step(AT, order.at(Progress.TAKEN))).isEqualTo("2026-11-24T10:15:30.123Z TAKEN " + payment);
        assertThat(OrderLines.step(AT, order.at(Progress.CHARGING))).endsWith(" CHARGING " + payment);
        assertThat(OrderLines.step(AT, order.reporting(Outcome.approved(
                new Outcome.Card("4111 11** **** 0427", "VISA", "7K2Q9D"), "ref"))))
                .endsWith(" APPROVED " + payment + " 4111 11** **** 0427 auth 7K2Q9D");
        assertThat(OrderLines.step(AT, order.reporting(Outcome.declined("Declined by the card issuer"))))
                .endsWith(" DECLINED " + payment + " Declined by the card issuer");
        assertThat(OrderLines.step(AT, order.reporting(Outcome.declined(null)).at(Progress.SETTLED)))
                .endsWith(" SETTLED " + payment);
        assertThat(OrderLines.step(AT, order.at(Progress.WITHDRAWN))).endsWith(" WITHDRAWN " + payment);
        assertThat(OrderLines.step(AT, order)).doesNotContain(order.orderId().substring(0, 8));
    }

    @Test
    void aCancelWithoutDisplayCodeAndManyProductsStaysShortAndSaysCancelAtEveryStep() {
        DeviceOrder order = order("o-1", null, DeviceOrder.Kind.CANCEL,
                product("Kahve", 2), product("Su", 1), product("Simit", 3), product("Çay", 1));

        assertThat(OrderLines.step(AT, order))
                .endsWith(" ORDER " + PAYMENT + " cancel 22.00 TRY: Kahve x2, Su x1 +2 more");
        assertThat(OrderLines.step(AT, order.at(Progress.TAKEN))).endsWith(" TAKEN " + PAYMENT + " cancel");
    }

    @Test
    void listsPendingOrdersNumberedWithTheirState() {
        List<DeviceOrder> pending = List.of(
                order("o-1", "Aksesuar", DeviceOrder.Kind.SALE, product("Toka", 2)),
                order("o-2", "Kişisel Bakım", DeviceOrder.Kind.CANCEL, product("Saç Tıraşı", 1)).at(Progress.CHARGING),
                order("o-3", null, DeviceOrder.Kind.SALE).reporting(Outcome.declined(null)));

        assertThat(OrderLines.listing(pending)).isEqualTo("""
                Pending orders:
                  1  Aksesuar       22.00 TRY  Toka x2
                  2  Kişisel Bakım  22.00 TRY  cancel  Saç Tıraşı x1  (charging)
                  3  -              22.00 TRY  (declined, telling the server)
                """);
        assertThat(OrderLines.listing(List.of())).isEqualTo("No pending orders.\n");
        assertThat(OrderLines.label(pending.get(2))).isEqualTo("- 22.00 TRY");
    }

    static DeviceOrder order(String orderId, String displayCode, DeviceOrder.Kind kind, DeviceOrder.Product... products) {
        return new DeviceOrder(orderId, PAYMENT, kind, new BigDecimal("22.00"), 1, "TRY", displayCode,
                List.of(products), List.of(), null, null, null, null, null, 1, Progress.RECEIVED, null);
    }

    static DeviceOrder.Product product(String name, int quantity) {
        return new DeviceOrder.Product(name, new BigDecimal("1.00"), quantity, 10, 1, null);
    }
}
