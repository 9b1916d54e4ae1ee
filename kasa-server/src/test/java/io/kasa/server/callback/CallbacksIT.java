package io.kasa.server.callback;

import io.kasa.client.Callback;
import io.kasa.client.CallbackDelivery;
import io.kasa.client.CallbackState;
import io.kasa.client.CallbackVerifier;
import io.kasa.client.IssuedKey;
import io.kasa.client.KeyKind;
import io.kasa.client.SaleResult;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.CallbackReceiver.Reply;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** Callbacks against a real HTTP receiver on loopback: order, signatures, retries, outages, the log. */
class CallbacksIT extends KasaServerIT {

    private CallbackReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = CallbackReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void everyChangeAfterCreationArrivesInOrderSignedAndVerifiable() {
        Shop shop = shop("callbacks", Behaviour.approve());
        String code = UUID.randomUUID().toString();
        SaleResult sale = shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), code, receiver.uri("/hook")));
        assertThat(sale.paymentStatus()).isEqualTo(4);

        assertThat(eventually(Duration.ofSeconds(30), () -> receiver.forPayment(sale.paymentRequestId()).size() == 4)).isTrue();
        List<CallbackReceiver.Received> arrived = receiver.forPayment(sale.paymentRequestId());
        assertThat(arrived).extracting(CallbackReceiver.Received::sequence).containsExactly(2, 3, 4, 5);

        CallbackVerifier verifier = CallbackVerifier.forKeys(List.of(shop.merchant().created().webhookKey().secret()));
        List<Integer> statuses = new ArrayList<>();
        for (CallbackReceiver.Received callback : arrived) {
            Callback parsed = verifier.verify(callback.body(), callback.signature());
            statuses.add(parsed.paymentStatusId());
            assertThat(parsed.paymentRequestActivityId().toString()).isEqualTo(callback.eventId());
            assertThat(parsed.merchantUniqueCode()).isEqualTo(code);
            assertThat(parsed.displayCode()).isEqualTo("Kişisel Bakım");
            assertThat(parsed.hashFormat()).isEqualTo("PhysicalPos");
            assertThat(parsed.hashKeyType()).isEqualTo(7);
            assertThat(callback.body()).contains("\"Amount\":22.00");
        }
        assertThat(statuses).containsExactly(10, 2, 11, 4);
        String expectedHash = sha256(shop.merchant().created().webhookKey().secret() + "###" + sale.paymentRequestId()
                + "###" + code + "###22.00");
        assertThat(arrived.getLast().body()).contains("\"Hash\":\"" + expectedHash + "\"");

        assertThat(eventually(Duration.ofSeconds(30), () -> shop.client().callbacks().list(sale.paymentRequestId()).stream()
                .allMatch(delivery -> delivery.state() == CallbackState.DELIVERED))).as("recorded after the answer").isTrue();
        List<CallbackDelivery> log = shop.client().callbacks().list(sale.paymentRequestId());
        assertThat(log).hasSize(4).allSatisfy(delivery -> {
            assertThat(delivery.state()).isEqualTo(CallbackState.DELIVERED);
            assertThat(delivery.attempts()).singleElement().satisfies(attempt -> assertThat(attempt.statusCode()).isEqualTo(200));
        });
    }

    @Test
    void failuresAreRetriedAndEveryAttemptIsLogged() {
        receiver.then(Reply.status(500), Reply.status(302), Reply.slow(Duration.ofSeconds(3)));
        Shop shop = shop("retries", Behaviour.ignore());
        SaleResult sale = shop.client().payments().asyncSaleJson(
                Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString(), receiver.uri("/flaky")));

        assertThat(eventually(Duration.ofSeconds(30), () -> shop.client().callbacks().list(sale.paymentRequestId()).stream()
                .allMatch(delivery -> delivery.state() == CallbackState.DELIVERED)
                && shop.client().callbacks().list(sale.paymentRequestId()).size() == 2)).isTrue();

        CallbackDelivery first = shop.client().callbacks().list(sale.paymentRequestId()).getFirst();
        assertThat(first.attempts()).hasSize(4);
        assertThat(first.attempts().get(0).statusCode()).isEqualTo(500);
        assertThat(first.attempts().get(1).statusCode()).as("redirects are not followed").isEqualTo(302);
        assertThat(first.attempts().get(2).statusCode()).isNull();
        assertThat(first.attempts().get(2).error()).contains("no answer");
        assertThat(first.attempts().get(3).statusCode()).isEqualTo(200);
        assertThat(receiver.forPayment(sale.paymentRequestId())).extracting(CallbackReceiver.Received::sequence)
                .as("the later callback waited for the earlier one").endsWith(2, 3);
    }

    @Test
    void aTryEndsAtItsTimeoutEvenWhileItsAnswerKeepsTrickling() {
        receiver.then(Reply.trickling(Duration.ofSeconds(8)));
        Shop shop = shop("trickle", Behaviour.ignore());
        SaleResult sale = shop.client().payments().asyncSaleJson(
                Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString(), receiver.uri("/trickle")));

        assertThat(eventually(Duration.ofSeconds(30), () -> shop.client().callbacks().list(sale.paymentRequestId()).stream()
                .anyMatch(delivery -> delivery.state() == CallbackState.DELIVERED))).isTrue();

        CallbackDelivery first = shop.client().callbacks().list(sale.paymentRequestId()).getFirst();
        assertThat(first.attempts()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(first.attempts().getFirst().statusCode())
                .as("the answer's status came at once, but its body did not end within the try's 2 s").isNull();
        assertThat(first.attempts().getFirst().error()).isEqualTo("no answer within 2 s");
        assertThat(first.attempts().getLast().statusCode()).isEqualTo(200);
    }

    @Test
    void aReceiverThatIsDownForAWhileGetsEverythingInOrderOnceItIsBack() throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0)) {
            port = reserved.getLocalPort();
        }
        URI target = URI.create("http://127.0.0.1:" + port + "/late");
        int payments = 5;
        List<Shop> shops = new ArrayList<>();
        List<UUID> sales = new ArrayList<>();
        for (int i = 0; i < payments; i++) {
            Shop shop = shop("outage " + i, Behaviour.approve());
            shops.add(shop);
            sales.add(shop.client().payments().syncSaleJson(Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString(), target))
                    .paymentRequestId());
        }
        assertThat(eventually(Duration.ofSeconds(30), () -> shops.getFirst().client().callbacks().list(sales.getFirst())
                .getFirst().attempts().size() >= 2)).isTrue();
        assertThat(shops.getFirst().client().callbacks().list(sales.getFirst()).getFirst().lastError()).isNotBlank();

        try (CallbackReceiver back = CallbackReceiver.start(port)) {
            assertThat(eventually(Duration.ofSeconds(30), () -> sales.stream()
                    .allMatch(id -> back.forPayment(id).size() == 4))).isTrue();
            for (UUID sale : sales) {
                assertThat(back.forPayment(sale)).extracting(CallbackReceiver.Received::sequence).containsExactly(2, 3, 4, 5);
            }
        }
    }

    @Test
    void callbacksOfConcurrentPaymentsKeepEachPaymentsOrder() throws Exception {
        Shop shop = shop("concurrent", Behaviour.approve());
        receiver.then(Reply.status(503), Reply.status(503), Reply.status(503));
        List<Future<SaleResult>> sales = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 30; i++) {
                sales.add(callers.submit(() -> shop.client().payments().syncSaleJson(
                        Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString(), receiver.uri("/many")))));
            }
            for (Future<SaleResult> sale : sales) {
                UUID id = sale.get().paymentRequestId();
                assertThat(eventually(Duration.ofSeconds(30), () -> receiver.forPayment(id).stream()
                        .map(CallbackReceiver.Received::sequence).distinct().count() == 4)).isTrue();
                List<Integer> sequences = receiver.forPayment(id).stream().map(CallbackReceiver.Received::sequence).toList();
                assertThat(sequences).as("never a later change before an earlier one").isSorted();
            }
        }
    }

    /**
     * Tries that end together are recorded together; each is still its own attempt with its
     * own answer, counted on its own callback, and each delivered callback releases the next
     * one of its payment only.
     */
    @Test
    void manyTriesEndingTogetherAreEachRecordedWithTheirOwnAnswer() throws Exception {
        Shop shop = shop("batches", Behaviour.approve());
        receiver.then(Reply.status(503), Reply.status(500), Reply.status(503), Reply.status(404), Reply.status(503));
        List<UUID> sales = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SaleResult>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(callers.submit(() -> shop.client().payments().syncSaleJson(
                        Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString(), receiver.uri("/batch")))));
            }
            for (Future<SaleResult> answer : answers) {
                sales.add(answer.get().paymentRequestId());
            }
        }
        assertThat(eventually(Duration.ofSeconds(60), () -> sales.stream().allMatch(id -> shop.client().callbacks().list(id)
                .stream().allMatch(delivery -> delivery.state() == CallbackState.DELIVERED)))).isTrue();

        List<Integer> recorded = new ArrayList<>();
        for (UUID sale : sales) {
            List<CallbackDelivery> log = shop.client().callbacks().list(sale);
            assertThat(log).extracting(CallbackDelivery::sequence).containsExactly(2, 3, 4, 5);
            for (CallbackDelivery delivery : log) {
                assertThat(delivery.attemptCount()).isEqualTo(delivery.attempts().size());
                assertThat(delivery.attempts().getLast().statusCode()).isEqualTo(200);
                assertThat(delivery.lastStatusCode()).isEqualTo(200);
                assertThat(delivery.deliveredDate()).isNotNull();
                delivery.attempts().forEach(attempt -> recorded.add(attempt.statusCode()));
            }
            List<CallbackReceiver.Received> arrived = receiver.forPayment(sale);
            assertThat(arrived).extracting(CallbackReceiver.Received::sequence).as("in order, every failed one again").isSorted();
            assertThat(log.stream().mapToInt(CallbackDelivery::attemptCount).sum()).as("one attempt per request received")
                    .isEqualTo(arrived.size());
        }
        assertThat(recorded).filteredOn(status -> status != 200).containsExactlyInAnyOrder(503, 500, 503, 404, 503);
        assertThat(recorded).filteredOn(status -> status == 200).hasSize(sales.size() * 4);
    }

    @Test
    void callbacksBehindAnUndeliveredOneWaitTheirTurn() {
        receiver.then(Reply.status(500), Reply.status(500));
        Shop shop = shop("queue", Behaviour.approve());
        SaleResult sale = shop.client().payments().syncSaleJson(
                Seeds.syncSale(shop.terminalId(), UUID.randomUUID().toString(), receiver.uri("/queue")));
        UUID id = sale.paymentRequestId();

        assertThat(eventually(Duration.ofSeconds(30), () -> !receiver.forPayment(id).isEmpty())).isTrue();
        List<String> stored = jdbc.sql("select state from callback_delivery where payment_id = :id order by sequence")
                .param("id", id).query(String.class).list();
        assertThat(stored).as("only the head of the queue is due").containsExactly("PENDING", "WAITING", "WAITING", "WAITING");
        assertThat(shop.client().callbacks().list(id)).extracting(CallbackDelivery::state)
                .as("to the merchant, waiting is pending").containsOnly(CallbackState.PENDING);

        assertThat(eventually(Duration.ofSeconds(30), () -> receiver.forPayment(id).stream()
                .map(CallbackReceiver.Received::sequence).distinct().count() == 4)).isTrue();
        assertThat(receiver.forPayment(id)).extracting(CallbackReceiver.Received::sequence).containsExactly(2, 2, 2, 3, 4, 5);
    }

    @Test
    void aCallbackCanBeSentAgainWithTheSameEventId() {
        Shop shop = shop("resend", Behaviour.ignore());
        SaleResult sale = shop.client().payments().asyncSaleJson(
                Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString(), receiver.uri("/again")));
        assertThat(eventually(Duration.ofSeconds(30), () -> receiver.forPayment(sale.paymentRequestId()).size() == 2)).isTrue();
        CallbackDelivery first = shop.client().callbacks().list(sale.paymentRequestId()).getFirst();

        CallbackDelivery queued = shop.client().callbacks().resend(first.callbackId());

        assertThat(queued.state()).isIn(CallbackState.PENDING, CallbackState.DELIVERED);
        assertThat(eventually(Duration.ofSeconds(30), () -> receiver.forPayment(sale.paymentRequestId()).size() == 3)).isTrue();
        assertThat(receiver.forPayment(sale.paymentRequestId()).getLast().eventId()).isEqualTo(first.callbackId().toString());
        // The receiver answers before the server records the attempt, so the record may trail it.
        assertThat(eventually(Duration.ofSeconds(30), () -> shop.client().callbacks().list(sale.paymentRequestId())
                .getFirst().attempts().size() == 2)).isTrue();
    }

    @Test
    void duringAWebhookKeyRotationTheSignatureCarriesBothKeys() {
        Shop shop = shop("rotation", Behaviour.ignore());
        IssuedKey old = shop.merchant().created().webhookKey();
        IssuedKey fresh = admin.rotateKey(shop.merchant().created().merchantId(), old.keyId(), Duration.ofHours(1));
        SaleResult sale = shop.client().payments().asyncSaleJson(
                Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString(), receiver.uri("/rotating")));

        assertThat(eventually(Duration.ofSeconds(30), () -> receiver.forPayment(sale.paymentRequestId()).size() == 2)).isTrue();
        CallbackReceiver.Received callback = receiver.forPayment(sale.paymentRequestId()).getFirst();
        assertThat(callback.signature().split(",v1=")).hasSize(3);
        assertThat(CallbackVerifier.forKeys(List.of(old.secret())).verify(callback.body(), callback.signature())).isNotNull();
        assertThat(CallbackVerifier.forKeys(List.of(fresh.secret())).verify(callback.body(), callback.signature())).isNotNull();
        assertThat(fresh.kind()).isEqualTo(KeyKind.WEBHOOK);
    }

    @Test
    void anotherMerchantsCallbacksAreUnknown() {
        Shop shop = shop("owner", Behaviour.ignore());
        SaleResult sale = shop.client().payments().asyncSaleJson(
                Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString(), receiver.uri("/own")));
        assertThat(eventually(Duration.ofSeconds(30), () -> !shop.client().callbacks().list(sale.paymentRequestId()).isEmpty())).isTrue();
        UUID callbackId = shop.client().callbacks().list(sale.paymentRequestId()).getFirst().callbackId();
        var stranger = newMerchant("stranger").client();

        io.kasa.server.Refused.refused("Payment.Request.RequestNotFound", () -> stranger.callbacks().list(sale.paymentRequestId()));
        io.kasa.server.Refused.refused("Callback.NotFound", () -> stranger.callbacks().resend(callbackId));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
