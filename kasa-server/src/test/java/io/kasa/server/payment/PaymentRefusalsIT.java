package io.kasa.server.payment;

import io.kasa.client.ClientMessages;
import io.kasa.client.Inquiry;
import io.kasa.client.KasaException;
import io.kasa.client.PaymentActivity;
import io.kasa.client.SaleResult;
import io.kasa.client.TerminalRef;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.server.Seeds;
import io.kasa.server.device.RecordingPushGateway;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static io.kasa.server.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals that come after the payment was recorded: a sync sale or sync cancel whose terminal
 * cannot be reached answers 422 {@code Payment.Async.CloudNotSendToDevice} with the payment's
 * ids in {@code Result}, as a success would name them, and the SDK's exception carries them.
 */
class PaymentRefusalsIT extends KasaServerIT {

    @Autowired
    PushGateway push;

    @Test
    void anOfflineSyncSaleIsRefusedWithThePaymentsIdsAndARetryIsRefusedWithTheSameIds() {
        var merchant = newMerchant("refused names payment");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        track(Devices.paired(baseUri, merchant.client(), terminalId));
        String body = Seeds.syncSale(terminalId, UUID.randomUUID().toString());
        RawHttp http = new RawHttp(baseUri);

        RawHttp.Answer first = http.post("/api/payment/sync/sale").privateKeys(merchant.created().privateKey()).json(body).send();

        assertThat(first.status()).as(first.text()).isEqualTo(422);
        JsonNode envelope = first.physicalEnvelope();
        assertThat(envelope.get("ClientMessage").stringValue()).isEqualTo(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE);
        assertThat(envelope.get("Succeeded").booleanValue()).isFalse();
        assertThat(envelope.get("Failed").booleanValue()).isTrue();
        JsonNode result = envelope.get("Result");
        assertThat(result.propertyNames()).as(first.text()).containsExactly(
                "PaymentRequestId", "PaymentRequestActivityId", "PaymentRequestActivityTypeId", "PaymentStatus", "PaymentId");
        UUID paymentId = UUID.fromString(result.get("PaymentRequestId").stringValue());
        assertThat(result.get("PaymentRequestActivityTypeId").intValue()).isEqualTo(1);
        assertThat(result.get("PaymentStatus").intValue()).isEqualTo(3);

        Inquiry inquiry = merchant.client().payments().inquiry(paymentId);
        assertThat(inquiry.paymentStatusId()).isEqualTo(3);
        assertThat(inquiry.paymentTypeId()).isEqualTo(1);
        assertThat(inquiry.paymentRequestActivityId().toString()).isEqualTo(result.get("PaymentRequestActivityId").stringValue());

        RawHttp.Answer retry = http.post("/api/payment/sync/sale").privateKeys(merchant.created().privateKey()).json(body).send();
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.physicalEnvelope().get("Result")).as("the retry names the same payment").isEqualTo(result);

        KasaException bySdk = refused(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE,
                () -> merchant.client().payments().syncSaleJson(body, Duration.ofSeconds(30)));
        assertThat(bySdk.payment()).contains(new SaleResult(paymentId, inquiry.paymentRequestActivityId(), 1, 3, inquiry.paymentId()));
        assertThat(merchant.client().payments().list(io.kasa.client.PaymentQuery.page(0, 10)).items())
                .as("neither retry recorded another payment").hasSize(1);
    }

    @Test
    void aSyncSaleHeldWhileItsPushWaitsIsRefusedWithItsIdsWhenTheOrderExpires() {
        RecordingPushGateway recording = (RecordingPushGateway) push;
        var merchant = newMerchant("refused at expiry");
        admin.setOrderTtl(merchant.created().merchantId(), Duration.ofSeconds(10));
        UUID terminalId = Devices.register(merchant.client(), "Till");
        track(Devices.paired(baseUri, merchant.client(), terminalId));
        String body = Seeds.syncSale(terminalId, UUID.randomUUID().toString())
                .replace("\"SendNotificationDeviceDisconnected\": false", "\"SendNotificationDeviceDisconnected\": true");

        KasaException refusal = refused(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE,
                () -> merchant.client().payments().syncSaleJson(body, Duration.ofSeconds(60)));

        UUID paymentId = refusal.paymentRequestId().orElseThrow(() -> new AssertionError(refusal.getMessage()));
        assertThat(recording.sent()).as("the device was woken for this payment")
                .anyMatch(notification -> notification.paymentRequestId().equals(paymentId));
        assertThat(refusal.payment().orElseThrow().paymentStatus()).isEqualTo(3);
        assertThat(merchant.client().payments().activities(paymentId, 0, 20).items().stream()
                .map(PaymentActivity::paymentStatusId)).containsExactly(1, 9, 3);
    }

    @Test
    void aSyncCancelToAnOfflineTerminalIsRefusedWithThePaymentAndTheCancelsActivity() {
        Shop shop = shop("refused cancel", Behaviour.approve());
        SaleResult sale = shop.client().payments().syncSaleJson(
                Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString()), Duration.ofSeconds(30));
        assertThat(sale.paymentStatus()).isEqualTo(4);
        shop.agent().stop();
        assertThat(eventually(Duration.ofSeconds(20), () ->
                !shop.client().terminals().connectivity(TerminalRef.id(shop.terminalId())).isSocketConnected())).isTrue();

        KasaException refusal = refused(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE,
                () -> shop.client().payments().syncCancel(sale.paymentRequestId(), false, Duration.ofSeconds(30)));

        Inquiry inquiry = shop.client().payments().inquiry(sale.paymentRequestId());
        assertThat(inquiry.paymentTypeId()).isEqualTo(2);
        assertThat(inquiry.paymentStatusId()).isEqualTo(3);
        assertThat(refusal.payment()).contains(new SaleResult(sale.paymentRequestId(),
                inquiry.paymentRequestActivityId(), 2, 3, sale.paymentId()));
        assertThat(inquiry.paymentRequestActivityId()).as("the cancel's own activity, not the sale's")
                .isNotEqualTo(sale.paymentRequestActivityId());
    }

    @Test
    void refusalsBeforeAnythingWasRecordedNameNoPayment() {
        var merchant = newMerchant("refused early");
        UUID unpaired = Devices.register(merchant.client(), "Unpaired till");

        KasaException notPaired = refused(ClientMessages.TERMINAL_PAIR_NOT_FOUND,
                () -> merchant.client().payments().syncSaleJson(Seeds.syncSale(unpaired, UUID.randomUUID().toString())));
        KasaException notSucceeded = refused(ClientMessages.PAYMENT_ASYNC_NOT_CONVENIENT_STATUS_FOR_THIS_OPERATION,
                () -> {
                    TerminalAgent agent = track(Devices.connected(baseUri, merchant.client(), unpaired));
                    agent.behave(Behaviour.decline());
                    SaleResult declined = merchant.client().payments().syncSaleJson(
                            Seeds.syncSale(unpaired, UUID.randomUUID().toString()), Duration.ofSeconds(30));
                    merchant.client().payments().syncCancel(declined.paymentRequestId(), false, Duration.ofSeconds(30));
                });

        assertThat(notPaired.payment()).isEmpty();
        assertThat(notSucceeded.payment()).as("a cancel refused before its order was recorded names nothing").isEmpty();
    }
}
