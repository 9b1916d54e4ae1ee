package io.kasa.server.dashboard;

import io.kasa.client.ClientMessages;
import io.kasa.client.IssuedKey;
import io.kasa.client.KasaException;
import io.kasa.client.SaleResult;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static io.kasa.server.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment page's cancel and withdraw over the dashboard's JSON API: the session's CSRF
 * token, the merchant's own payments only, and the API's rules, refusals, outcome and
 * callbacks, compared with the same move made through the API.
 */
class DashboardPaymentActionsIT extends KasaServerIT {

    private DashboardSession signedIn(MerchantFixture merchant) {
        DashboardSession session = new DashboardSession(baseUri);
        IssuedKey key = merchant.created().privateKey();
        assertThat(session.signInMerchant(key.client(), key.secret()).status()).isEqualTo(200);
        return session;
    }

    @Test
    void cancellingASuccessfulSaleNeedsTheTokenAndTheMerchantsOwnPaymentAndEndsAsTheApisCancel() throws Exception {
        Shop shop = shop("dash cancel", Behaviour.approve());
        DashboardSession session = signedIn(shop.merchant());
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            SaleResult byDashboard = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(),
                    UUID.randomUUID().toString(), receiver.uri("/hook")), Duration.ofSeconds(20));
            SaleResult byApi = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(),
                    UUID.randomUUID().toString(), receiver.uri("/hook")), Duration.ofSeconds(20));
            assertThat(byDashboard.paymentStatus()).isEqualTo(4);
            String cancel = "/dashboard/api/payments/" + byDashboard.paymentRequestId() + "/cancel";

            JsonNode detail = session.get("/dashboard/api/payments/" + byDashboard.paymentRequestId()).result();
            assertThat(detail.get("CanCancel").asBoolean()).isTrue();
            assertThat(detail.get("CanWithdraw").asBoolean()).as("the device took the sale").isFalse();

            DashboardSession.Reply noToken = session.send("POST", cancel, null, null);
            assertThat(noToken.status()).isEqualTo(403);
            assertThat(noToken.json().get("ClientMessage").asString()).isEqualTo("System.Forbidden");
            DashboardSession.Reply wrongToken = session.send("POST", cancel, null, session.csrf + "x");
            assertThat(wrongToken.status()).isEqualTo(403);
            DashboardSession stranger = signedIn(newMerchant("dash cancel stranger"));
            DashboardSession.Reply notTheirs = stranger.post(cancel, null);
            assertThat(notTheirs.status()).isEqualTo(404);
            assertThat(notTheirs.json().get("ClientMessage").asString()).isEqualTo("Payment.Request.RequestNotFound");
            assertThat(shop.client().payments().inquiry(byDashboard.paymentRequestId()).paymentTypeId())
                    .as("no refused call changed the sale").isEqualTo(1);

            DashboardSession.Reply cancelled = session.post(cancel, null);
            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.result().get("PaymentRequestId").asString()).isEqualTo(byDashboard.paymentRequestId().toString());
            assertThat(cancelled.result().get("PaymentRequestActivityTypeId").asInt()).isEqualTo(2);
            shop.client().payments().asyncCancel(byApi.paymentRequestId());

            for (SaleResult sale : List.of(byDashboard, byApi)) {
                assertThat(eventually(Duration.ofSeconds(20), () -> {
                    var inquiry = shop.client().payments().inquiry(sale.paymentRequestId());
                    return inquiry.paymentTypeId() == 2 && inquiry.paymentStatusId() == 4;
                })).as("cancelled: %s", sale.paymentRequestId()).isTrue();
            }
            assertThat(activities(shop, byDashboard)).isEqualTo(activities(shop, byApi))
                    .endsWith("2:1", "2:10", "2:2", "2:11", "2:4");
            assertThat(eventually(Duration.ofSeconds(20), () -> callbacks(receiver, byDashboard).size()
                    == callbacks(receiver, byApi).size() && callbacks(receiver, byApi).contains("2:4"))).isTrue();
            assertThat(callbacks(receiver, byDashboard)).isEqualTo(callbacks(receiver, byApi));

            DashboardSession.Reply again = session.post(cancel, null);
            KasaException apiAgain = refused(ClientMessages.PAYMENT_ASYNC_ALREADY_HAS_REFUND_OR_CANCEL,
                    () -> shop.client().payments().asyncCancel(byDashboard.paymentRequestId()));
            assertThat(again.status()).isEqualTo(apiAgain.httpStatus()).isEqualTo(409);
            assertThat(again.json().get("ClientMessage").asString()).isEqualTo("Payment.Async.AlreadyHasRefundOrCancel");
            assertThat(again.json().get("Message").asString()).isEqualTo(apiAgain.message());
            assertThat(session.get("/dashboard/api/payments/" + byDashboard.paymentRequestId()).result()
                    .get("CanCancel").asBoolean()).isFalse();
        }
    }

    @Test
    void aSaleTheDeviceHasNotTakenIsWithdrawnOnceItsFirstSecondsAreOverAndNotCancelled() throws Exception {
        Shop shop = shop("dash withdraw", Behaviour.ignore());
        DashboardSession session = signedIn(shop.merchant());
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            SaleResult sale = shop.client().payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(),
                    UUID.randomUUID().toString(), receiver.uri("/hook")));
            String path = "/dashboard/api/payments/" + sale.paymentRequestId();

            DashboardSession.Reply tooEarly = session.post(path + "/withdraw", null);
            assertThat(tooEarly.status()).isEqualTo(422);
            assertThat(tooEarly.json().get("Message").asString()).contains("5 seconds");

            DashboardSession.Reply notYetSuccessful = session.post(path + "/cancel", null);
            KasaException apiCancel = refused(ClientMessages.PAYMENT_ASYNC_NOT_CONVENIENT_STATUS_FOR_THIS_OPERATION,
                    () -> shop.client().payments().asyncCancel(sale.paymentRequestId()));
            assertThat(notYetSuccessful.status()).isEqualTo(apiCancel.httpStatus()).isEqualTo(422);
            assertThat(notYetSuccessful.json().get("Message").asString()).isEqualTo(apiCancel.message());

            assertThat(session.send("POST", path + "/withdraw", null, null).status()).isEqualTo(403);
            assertThat(signedIn(newMerchant("dash withdraw stranger")).post(path + "/withdraw", null).status()).isEqualTo(404);

            assertThat(eventually(Duration.ofSeconds(20), () -> session.get(path).result().get("CanWithdraw").asBoolean()))
                    .as("offered once the order's first seconds are over").isTrue();
            assertThat(session.get(path).result().get("WithdrawOrder").asString()).isEqualTo("Sale");
            DashboardSession.Reply withdrawn = session.post(path + "/withdraw", null);

            assertThat(withdrawn.status()).isEqualTo(200);
            assertThat(withdrawn.result().get("PaymentStatus").asInt()).isEqualTo(12);
            assertThat(eventually(Duration.ofSeconds(10), () -> shop.agent().withdrawals().size() == 1
                    && shop.agent().pendingOrders().isEmpty())).as("the device dropped the order").isTrue();
            assertThat(eventually(Duration.ofSeconds(20), () -> callbacks(receiver, sale).contains("1:12"))).isTrue();
            DashboardSession.Reply again = session.post(path + "/withdraw", null);
            KasaException apiAgain = refused(ClientMessages.PAYMENT_ASYNC_NOT_CONVENIENT_STATUS_FOR_THIS_OPERATION,
                    () -> shop.client().payments().rollbackSale(sale.paymentRequestId()));
            assertThat(again.status()).isEqualTo(apiAgain.httpStatus()).isEqualTo(422);
            assertThat(again.json().get("Message").asString()).isEqualTo(apiAgain.message());
            assertThat(session.get(path).result().get("CanWithdraw").asBoolean()).isFalse();
        }
    }

    private static List<String> activities(Shop shop, SaleResult sale) {
        return shop.client().payments().activities(sale.paymentRequestId(), 0, 50).items().stream()
                .map(activity -> activity.paymentTypeId() + ":" + activity.paymentStatusId()).toList();
    }

    /** The callbacks that arrived for the sale, as type:status, in their sequence. */
    private static List<String> callbacks(CallbackReceiver receiver, SaleResult sale) {
        return receiver.forPayment(sale.paymentRequestId()).stream()
                .sorted(java.util.Comparator.comparingInt(CallbackReceiver.Received::sequence))
                .map(callback -> DashboardSession.JSON.readTree(callback.body()))
                .map(body -> body.get("PaymentTypeId").asInt() + ":" + body.get("PaymentStatusId").asInt())
                .distinct().toList();
    }
}
