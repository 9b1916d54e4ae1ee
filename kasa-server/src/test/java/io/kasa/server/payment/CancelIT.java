package io.kasa.server.payment;

import io.kasa.client.ClientMessages;
import io.kasa.client.PaymentActivity;
import io.kasa.client.SaleResult;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.DeviceOrder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static io.kasa.server.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** Cancel (void) of a successful sale, as a new activity chain on the same payment request. */
class CancelIT extends KasaServerIT {

    @Test
    void aSuccessfulSaleIsCancelledThroughTheSameTerminal() {
        Shop shop = shop("cancel", Behaviour.approve());
        SaleResult sale = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()));
        assertThat(sale.paymentStatus()).isEqualTo(4);

        SaleResult cancel = shop.client().payments().syncCancel(sale.paymentRequestId(), false, Duration.ofSeconds(30));

        assertThat(cancel.paymentRequestId()).isEqualTo(sale.paymentRequestId());
        assertThat(cancel.paymentRequestActivityTypeId()).isEqualTo(2);
        assertThat(cancel.paymentStatus()).isEqualTo(4);
        var inquiry = shop.client().payments().inquiry(sale.paymentRequestId());
        assertThat(inquiry.paymentTypeId()).isEqualTo(2);
        assertThat(inquiry.paymentType()).isEqualTo("Cancel");
        assertThat(shop.client().payments().activities(sale.paymentRequestId(), 0, 20).items().stream()
                .map(activity -> activity.paymentTypeId() + ":" + activity.paymentStatusId()))
                .containsExactly("1:1", "1:10", "1:2", "1:11", "1:4", "2:1", "2:10", "2:2", "2:11", "2:4");
        assertThat(shop.agent().receivedOrderIds()).hasSize(2);

        var again = refused(ClientMessages.PAYMENT_ASYNC_ALREADY_HAS_REFUND_OR_CANCEL,
                () -> shop.client().payments().asyncCancel(sale.paymentRequestId()));
        assertThat(again.httpStatus()).isEqualTo(409);
    }

    @Test
    void theCancelOrderCarriesTheSaleForTheDevice() {
        Shop shop = shop("cancel order", Behaviour.approve());
        SaleResult sale = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()));
        shop.agent().behave(Behaviour.ignore());

        SaleResult cancel = shop.client().payments().asyncCancel(sale.paymentRequestId());

        assertThat(cancel.paymentStatus()).isEqualTo(2);
        DeviceOrder order = shop.agent().pendingOrders().getFirst();
        assertThat(order.kind()).isEqualTo(DeviceOrder.Kind.CANCEL);
        assertThat(order.paymentRequestId()).isEqualTo(sale.paymentRequestId().toString());
        assertThat(order.amount()).isEqualByComparingTo("22");
        refused(ClientMessages.PAYMENT_ASYNC_ALREADY_HAS_REFUND_OR_CANCEL,
                () -> shop.client().payments().asyncCancel(sale.paymentRequestId()));
    }

    @Test
    void onlyASuccessfulSaleCanBeCancelled() {
        Shop shop = shop("no cancel", Behaviour.decline());
        SaleResult declined = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()));
        assertThat(declined.paymentStatus()).isEqualTo(5);
        refused(ClientMessages.PAYMENT_ASYNC_NOT_CONVENIENT_STATUS_FOR_THIS_OPERATION,
                () -> shop.client().payments().asyncCancel(declined.paymentRequestId()));

        shop.agent().behave(Behaviour.ignore());
        SaleResult pending = shop.client().payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString()));
        refused(ClientMessages.PAYMENT_ASYNC_NOT_CONVENIENT_STATUS_FOR_THIS_OPERATION,
                () -> shop.client().payments().asyncCancel(pending.paymentRequestId()));
        refused(ClientMessages.PAYMENT_REQUEST_REQUEST_NOT_FOUND,
                () -> shop.client().payments().asyncCancel(UUID.randomUUID()));
        refused(ClientMessages.PAYMENT_REQUEST_REQUEST_NOT_FOUND,
                () -> newMerchant("stranger").client().payments().asyncCancel(pending.paymentRequestId()));
    }

    @Test
    void aDeclinedCancelLeavesTheSaleSuccessfulAndMayBeTriedAgain() {
        Shop shop = shop("declined cancel", Behaviour.approve());
        SaleResult sale = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()));
        shop.agent().behave(Behaviour.decline());
        assertThat(shop.client().payments().syncCancel(sale.paymentRequestId(), false, Duration.ofSeconds(30)).paymentStatus())
                .isEqualTo(5);

        shop.agent().behave(Behaviour.approve());
        SaleResult retried = shop.client().payments().syncCancel(sale.paymentRequestId(), false, Duration.ofSeconds(30));

        assertThat(retried.paymentStatus()).isEqualTo(4);
        assertThat(eventually(Duration.ofSeconds(5), () -> shop.agent().pendingOrders().isEmpty())).isTrue();
        assertThat(shop.client().payments().activities(sale.paymentRequestId(), 0, 30).items().stream()
                .filter(activity -> activity.paymentTypeId() == 2).map(PaymentActivity::paymentStatusId))
                .containsExactly(1, 10, 2, 11, 5, 1, 10, 2, 11, 4);
    }
}
