package io.kasa.server.payment;

import io.kasa.client.PaymentActivity;
import io.kasa.client.PaymentItem;
import io.kasa.client.PaymentQuery;
import io.kasa.client.PaymentStatus;
import io.kasa.client.SaleResult;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** Async sales: the immediate answer, the offline queue, delivery order and expiry. */
class AsyncSaleIT extends KasaServerIT {

    @Test
    void anApprovedSaleEndsSuccessfulWithEveryStepRecorded() {
        Shop shop = shop("approve", Behaviour.approve());
        SaleResult sale = shop.client().payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString()));

        assertThat(eventually(Duration.ofSeconds(10), () -> status(shop, sale) == PaymentStatus.SUCCESSFUL)).isTrue();
        List<String> steps = shop.client().payments().activities(sale.paymentRequestId(), 0, 100).items().stream()
                .map(PaymentActivity::paymentStatusName).toList();
        assertThat(steps).containsExactly("Generated", "SocketNotificationSent", "SentToDevice", "TakenByDevice", "Successful");
        assertThat(shop.agent().awaitNoPendingOrders(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aDeclinedSaleEndsFailed() {
        Shop shop = shop("decline", Behaviour.decline());
        SaleResult sale = shop.client().payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString()));
        assertThat(eventually(Duration.ofSeconds(10), () -> status(shop, sale) == PaymentStatus.FAILED)).isTrue();
    }

    @Test
    void anOfflineTerminalsOrdersWaitAndArriveInOrderWhenItConnects() {
        var merchant = newMerchant("queue");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        TerminalAgent agent = track(Devices.paired(baseUri, merchant.client(), terminalId));
        agent.behave(Behaviour.ignore());
        List<UUID> sales = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SaleResult sale = merchant.client().payments().asyncSaleJson(Seeds.asyncSale(terminalId, "queued-" + i + "-" + UUID.randomUUID()));
            assertThat(sale.paymentStatus()).as("answered at once, queued").isEqualTo(1);
            sales.add(sale.paymentRequestId());
        }

        agent.start();

        assertThat(eventually(Duration.ofSeconds(10), () -> agent.receivedOrderIds().size() == 5)).isTrue();
        List<String> deliveredPayments = agent.receivedOrderIds().stream()
                .map(orderId -> agent.order(orderId).orElseThrow().paymentRequestId()).toList();
        assertThat(deliveredPayments).containsExactlyElementsOf(sales.stream().map(UUID::toString).toList());
        assertThat(eventually(Duration.ofSeconds(5), () -> sales.stream().allMatch(id ->
                merchant.client().payments().inquiry(id).paymentStatusId() == 2))).isTrue();
    }

    @Test
    void anOrderNotDeliveredBeforeItsTimeToLiveEndsCouldNotSend() {
        var merchant = newMerchant("expiry");
        admin.setOrderTtl(merchant.created().merchantId(), Duration.ofSeconds(10));
        UUID terminalId = Devices.register(merchant.client(), "Till");
        TerminalAgent agent = track(Devices.paired(baseUri, merchant.client(), terminalId));
        SaleResult sale = merchant.client().payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));

        assertThat(eventually(Duration.ofSeconds(20), () ->
                merchant.client().payments().inquiry(sale.paymentRequestId()).paymentStatusId() == 3)).isTrue();

        agent.behave(Behaviour.approve());
        agent.start();
        assertThat(agent.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(agent.receivedOrderIds()).as("an expired order is never delivered").isEmpty();
        assertThat(merchant.client().payments().inquiry(sale.paymentRequestId()).paymentStatusId()).isEqualTo(3);
    }

    @Test
    void theListFiltersByDayStatusTerminalAndCode() {
        Shop shop = shop("list", Behaviour.ignore());
        String code = "list-" + UUID.randomUUID();
        SaleResult sale = shop.client().payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(), code));
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Istanbul"));

        List<PaymentItem> all = shop.client().payments().list(PaymentQuery.page(0, 10).withDates(today, today)).items();
        assertThat(all).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo(sale.paymentRequestId());
            assertThat(item.connectionName()).isEqualTo("Kasa");
            assertThat(item.providerName()).isEqualTo("Kasa");
            assertThat(item.currencyName()).isEqualTo("TRY");
            assertThat(item.paymentStatusName()).isEqualTo("SentToDevice");
            assertThat(item.paymentChannelName()).isEqualTo("Async");
        });
        assertThat(shop.client().payments().list(PaymentQuery.page(0, 10).withDates(today.minusDays(2), today.minusDays(1))).items()).isEmpty();
        assertThat(shop.client().payments().list(PaymentQuery.page(0, 10).withMerchantUniqueCode(code)).items()).hasSize(1);
        assertThat(shop.client().payments().list(PaymentQuery.page(0, 10).withMerchantUniqueCode("other")).items()).isEmpty();
        assertThat(shop.client().payments().list(PaymentQuery.page(0, 10).withPaymentStatusId(4)).items()).isEmpty();
        assertThat(shop.client().payments().list(PaymentQuery.page(0, 10).withTerminalId(shop.terminalId())).items()).hasSize(1);
        assertThat(newMerchant("other").client().payments().list(PaymentQuery.page(0, 10)).items()).isEmpty();
    }

    private static PaymentStatus status(Shop shop, SaleResult sale) {
        return PaymentStatus.of(shop.client().payments().inquiry(sale.paymentRequestId()).paymentStatusId());
    }
}
