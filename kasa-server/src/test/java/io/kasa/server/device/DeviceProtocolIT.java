package io.kasa.server.device;

import io.kasa.client.CallbackDelivery;
import io.kasa.client.KasaClient;
import io.kasa.client.PairRequest;
import io.kasa.client.PaymentActivity;
import io.kasa.client.PaymentStatus;
import io.kasa.client.SaleResult;
import io.kasa.client.TerminalRef;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawDevice;
import io.kasa.server.Seeds;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device protocol spoken by hand, frame by frame, as a terminal maker following
 * {@code docs/device-protocol.md} would: no agent in between.
 */
class DeviceProtocolIT extends KasaServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void helloWithAValidTokenIsWelcomedAndPingsArePonged() throws Exception {
        String token = pairByHand();
        RawDevice device = RawDevice.connect(liveUri());

        device.send("{\"type\":\"hello\",\"token\":\"" + token + "\",\"appVersion\":\"1.0\"}");
        JsonNode welcome = device.next();
        assertThat(welcome.get("type").asString()).isEqualTo("welcome");
        assertThat(welcome.get("heartbeatSeconds").asInt()).isEqualTo(10);
        assertThat(welcome.get("idleTimeoutSeconds").asInt()).isEqualTo(25);
        assertThat(welcome.get("terminalId").asString()).isNotBlank();
        assertThat(welcome.get("terminalName").asString()).as("the name it was registered under").isEqualTo("Till");
        assertThat(welcome.get("serverTime").asString()).endsWith("Z");

        device.send("{\"type\":\"ping\",\"id\":\"p-1\",\"someFutureField\":true}");
        JsonNode pong = device.next();
        assertThat(pong.get("type").asString()).isEqualTo("pong");
        assertThat(pong.get("id").asString()).isEqualTo("p-1");

        device.send("{\"type\":\"no-such-type\"}");
        assertThat(device.next().get("type").asString()).isEqualTo("error");
        assertThat(device.isOpen()).isTrue();

        device.send("not json at all");
        assertThat(device.closeCode()).isEqualTo(4400);
    }

    @Test
    void anUnknownTokenIsRefusedWith4401() throws Exception {
        RawDevice device = RawDevice.connect(liveUri());
        device.send("{\"type\":\"hello\",\"token\":\"kdt_not-a-real-token\"}");

        JsonNode error = device.next();
        assertThat(error.get("type").asString()).isEqualTo("error");
        assertThat(error.get("code").asString()).isEqualTo("auth");
        assertThat(device.closeCode()).isEqualTo(4401);
    }

    @Test
    void anyFirstMessageOtherThanHelloIsRefusedWith4401() throws Exception {
        RawDevice device = RawDevice.connect(liveUri());
        device.send("{\"type\":\"ping\"}");
        assertThat(device.closeCode()).isEqualTo(4401);

        RawDevice garbage = RawDevice.connect(liveUri());
        garbage.send("\u0000\u0001garbage");
        assertThat(garbage.closeCode()).isEqualTo(4401);
    }

    @Test
    void aMessageLargerThan64KiBClosesTheConnection() throws Exception {
        String token = pairByHand();
        RawDevice device = RawDevice.connect(liveUri());
        device.send("{\"type\":\"hello\",\"token\":\"" + token + "\"}");
        assertThat(device.next().get("type").asString()).isEqualTo("welcome");

        device.send("{\"type\":\"ping\",\"id\":\"" + "x".repeat(70 * 1024) + "\"}");

        assertThat(device.closeCode()).isEqualTo(1009);
    }

    @Test
    void messagesLongerThanTheTextBufferOrSentInFramesArriveWhole() throws Exception {
        String token = pairByHand();
        RawDevice device = RawDevice.connect(liveUri());
        device.sendInParts("{\"type\":\"hel", "lo\",\"token\":\"" + token, "\"}");
        assertThat(device.next().get("type").asString()).isEqualTo("welcome");

        String longId = "p".repeat(60 * 1024);
        device.send("{\"type\":\"ping\",\"id\":\"" + longId + "\"}");
        assertThat(device.next("pong").get("id").asString()).isEqualTo(longId);

        device.sendInParts("{\"type\":\"ping\",", "\"id\":\"" + "q".repeat(40 * 1024), "q".repeat(30 * 1024) + "\"}");
        assertThat(device.closeCode()).isEqualTo(1009);
    }

    /** Repeats are harmless (protocol §3.3): each is acknowledged again, and recorded once. */
    @Test
    void aRepeatedTakeAndARepeatedOutcomeAreAcknowledgedAgainAndRecordedOnce() throws Exception {
        var merchant = newMerchant("repeats");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        RawDevice device = RawDevice.authenticated(liveUri(), pairByHand(merchant.client(), terminalId));
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            SaleResult sale = merchant.client().payments().asyncSaleJson(
                    Seeds.asyncSale(terminalId, UUID.randomUUID().toString(), receiver.uri("/repeats")));
            String orderId = device.next("order").get("orderId").asString();
            device.send("{\"type\":\"received\",\"orderId\":\"" + orderId + "\"}");

            for (int i = 0; i < 2; i++) {
                device.send("{\"type\":\"taken\",\"orderId\":\"" + orderId + "\"}");
                assertThat(device.next("ack").get("of").asString()).isEqualTo("taken");
            }
            String approved = "{\"type\":\"outcome\",\"orderId\":\"" + orderId + "\",\"result\":\"approved\","
                    + "\"card\":{\"maskedPan\":\"4543 60** **** 1234\",\"brand\":\"VISA\",\"authCode\":\"A1B2C3\"}}";
            for (int i = 0; i < 2; i++) {
                device.send(approved);
                assertThat(device.next("ack").get("of").asString()).isEqualTo("outcome");
            }

            assertThat(merchant.client().payments().activities(sale.paymentRequestId(), 0, 20).items().stream()
                    .map(PaymentActivity::paymentStatusId)).containsExactly(1, 10, 2, 11, 4);
            assertThat(merchant.client().callbacks().list(sale.paymentRequestId()).stream()
                    .map(CallbackDelivery::paymentStatusId)).as("one callback per change").containsExactly(10, 2, 11, 4);
        }
    }

    /**
     * A new sale's order is written to the device from the sale as received, not read back;
     * the device must not be able to tell: the order sent again when it reconnects, rebuilt
     * from what was stored, is the same message field for field (products in their order,
     * amounts as decimal strings, customer, receipt texts, instants).
     */
    @Test
    void theOrderWrittenAtTheSaleIsTheOrderSentAgainOnReconnect() throws Exception {
        var merchant = newMerchant("first write");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        String token = pairByHand(merchant.client(), terminalId);
        RawDevice device = RawDevice.authenticated(liveUri(), token);
        var sale = (tools.jackson.databind.node.ObjectNode) JSON.readTree(
                Seeds.asyncSale(terminalId, UUID.randomUUID().toString()).lines()
                        .filter(line -> !line.startsWith("//")).reduce("", (a, b) -> a + b + "\n"));
        sale.put("Amount", 31.5).put("DisplayCode", "Masa 4 · öğle");
        var products = sale.putArray("Products");
        products.addObject().put("Name", "Saç Tıraşı").put("TaxGroupId", 10).put("UnitCodeId", 1).put("Amount", 22)
                .put("Quantity", 1).put("PaymentMethodId", 2);
        products.addObject().put("Name", "Şampuan").put("TaxGroupId", 20).put("UnitCodeId", 2).put("Amount", 7.25)
                .put("Quantity", 1);
        products.addObject().put("Name", "Tarak").put("TaxGroupId", 10).put("UnitCodeId", 1).put("Amount", 2.25)
                .put("Quantity", 3).put("PaymentMethodId", 1);
        var receipt = sale.putObject("ReceiptOptions").put("TopSupport", true).put("BottomSupport", true);
        receipt.putObject("Top").put("Text", "Hoş geldiniz").put("FontSize", 12);
        receipt.putObject("Bottom").put("Text", "Yine bekleriz").put("FontSize", 10);
        merchant.client().payments().asyncSaleJson(sale.toString());
        JsonNode written = device.next("order");
        device.close();

        RawDevice again = RawDevice.authenticated(liveUri(), token);
        JsonNode resent = again.next("order");

        assertThat(resent).isEqualTo(written);
        assertThat(written.get("products")).hasSize(3);
        assertThat(written.get("products").get(1).get("amount").asString()).isEqualTo("7.25");
        assertThat(written.get("customer").get("identity").asString()).isEqualTo("11111111110");
        assertThat(written.get("receiptOptions").get("bottom").get("text").asString()).isEqualTo("Yine bekleriz");
        again.close();
    }

    /**
     * An async answer held for the device's receipt is learnt from the receipt's own change,
     * not read back: it must name the activity that recorded the status it answers, and the
     * sale's integer id.
     */
    @Test
    void anAsyncAnswerHeldForTheReceiptNamesTheActivityOfItsStatus() throws Exception {
        var merchant = newMerchant("receipt answer");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        RawDevice device = RawDevice.authenticated(liveUri(), pairByHand(merchant.client(), terminalId));
        try (var requests = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var answered = requests.submit(() -> merchant.client().payments()
                    .asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString())));
            String orderId = device.next("order").get("orderId").asString();
            device.send("{\"type\":\"received\",\"orderId\":\"" + orderId + "\"}");
            SaleResult sale = answered.get(60, java.util.concurrent.TimeUnit.SECONDS);

            // Sent to the device when the receipt came within the receipt wait, as it does
            // unless the machine is very slow; socket-sent otherwise. Either way the answer
            // names the activity that recorded its status.
            assertThat(sale.status()).isIn(PaymentStatus.SENT_TO_DEVICE, PaymentStatus.SOCKET_NOTIFICATION_SENT);
            var activities = merchant.client().payments().activities(sale.paymentRequestId(), 0, 20).items();
            assertThat(activities.stream().map(PaymentActivity::paymentStatusId)).startsWith(1, 10);
            assertThat(activities.stream().filter(activity -> activity.paymentStatusId() == sale.paymentStatus())
                    .map(PaymentActivity::id)).containsExactly(sale.paymentRequestActivityId());
            assertThat(sale.paymentRequestActivityTypeId()).isEqualTo(1);
            assertThat(sale.paymentId()).isEqualTo(merchant.client().payments().inquiry(sale.paymentRequestId()).paymentId());
        }
        device.close();
    }

    @Test
    void anOrderIdWithAnythingAfterItIsMalformedAndTakesNothing() throws Exception {
        // found by HostileInputIT: ids were read trimmed of control characters, so a "taken"
        // naming the order followed by a NUL took the order
        var merchant = newMerchant("protocol ids");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        RawDevice device = RawDevice.authenticated(liveUri(), pairByHand(merchant.client(), terminalId));
        UUID sale = merchant.client().payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()))
                .paymentRequestId();
        String order = device.next("order").get("orderId").asString();

        device.send("{\"type\":\"taken\",\"orderId\":\"" + order + "\\u0000\"}");

        assertThat(device.closeCode()).isEqualTo(4400);
        assertThat(merchant.client().payments().inquiry(sale).status()).isNotEqualTo(PaymentStatus.TAKEN_BY_DEVICE);
    }

    /**
     * A frame holding a lone UTF-16 surrogate is not Unicode text: it is malformed, the
     * connection is closed with 4400 and nothing it said is recorded.
     */
    @Test
    void aFrameHoldingALoneSurrogateIsMalformedAndRecordsNothing() throws Exception {
        var merchant = newMerchant("protocol unicode");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        RawDevice device = RawDevice.authenticated(liveUri(), pairByHand(merchant.client(), terminalId));
        UUID sale = merchant.client().payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()))
                .paymentRequestId();
        String order = device.next("order").get("orderId").asString();
        device.send("{\"type\":\"taken\",\"orderId\":\"" + order + "\"}");
        assertThat(device.next("ack").get("of").asString()).isEqualTo("taken");

        device.send("{\"type\":\"outcome\",\"orderId\":\"" + order + "\",\"result\":\"approved\","
                + "\"message\":\"onay \\ud800\"}");

        assertThat(device.closeCode()).isEqualTo(4400);
        assertThat(merchant.client().payments().inquiry(sale).status()).isEqualTo(PaymentStatus.TAKEN_BY_DEVICE);
    }

    private URI liveUri() {
        return URI.create("ws://127.0.0.1:" + port + "/api/device/live");
    }

    private String pairByHand() throws Exception {
        var merchant = newMerchant("protocol");
        return pairByHand(merchant.client(), Devices.register(merchant.client(), "Till"));
    }

    private String pairByHand(KasaClient client, UUID terminalId) throws Exception {
        PairRequest request = client.pairing().request(TerminalRef.id(terminalId));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(baseUri.resolve("/api/device/pair"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"PairCode\":\"" + request.pairCode() + "\",\"SerialNo\":\"RAW-1\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode result = JSON.readTree(response.body()).get("Result");
        assertThat(result.get("LivePath").asString()).isEqualTo("/api/device/live");
        assertThat(result.get("TerminalId").asString()).isEqualTo(terminalId.toString());
        return result.get("DeviceToken").asString();
    }
}
