package io.kasa.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What {@link Callbacks} puts on the wire and how it reads the delivery log, against a scripted local HTTP server. */
class CallbacksWireTests {

    private static final UUID PAYMENT = UUID.fromString("1eb856a8-1d41-49ab-8994-ecee2880d62c");
    private static final UUID FIRST = UUID.fromString("2015c508-4029-4f6b-b7e2-4bf34a213c41");
    private static final UUID SECOND = UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");
    private static final String DELIVERED = """
            {"CallbackId":"2015c508-4029-4f6b-b7e2-4bf34a213c41","PaymentRequestId":"1eb856a8-1d41-49ab-8994-ecee2880d62c",
             "PaymentRequestActivityId":"2015c508-4029-4f6b-b7e2-4bf34a213c41","Sequence":2,"PaymentTypeId":1,
             "PaymentStatusId":2,"Target":"https://dükkan.example/kasa/callback","State":"Delivered","AttemptCount":2,
             "NextAttemptDate":null,"LastStatusCode":204,"LastError":null,"DeliveredDate":"2025-11-24T18:40:07.25",
             "CreatedDate":"2025-11-24T18:40:00","Attempts":[
               {"Date":"2025-11-24T18:40:00.5","StatusCode":null,"Error":"connect timed out","DurationMs":10000},
               {"Date":"2025-11-24T18:40:07","StatusCode":204,"Error":null,"DurationMs":250}]}
            """;
    private static final String DEAD = """
            {"CallbackId":"6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f","PaymentRequestId":"1eb856a8-1d41-49ab-8994-ecee2880d62c",
             "PaymentRequestActivityId":"6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f","Sequence":3,"PaymentTypeId":1,
             "PaymentStatusId":4,"Target":"https://dükkan.example/kasa/callback","State":"Dead","AttemptCount":1,
             "NextAttemptDate":null,"LastStatusCode":500,"LastError":"HTTP 500","DeliveredDate":null,
             "CreatedDate":"2025-11-24T18:41:00","Attempts":[
               {"Date":"2025-11-24T18:41:00","StatusCode":500,"Error":"HTTP 500","DurationMs":12}]}
            """;

    private ScriptedServer server;
    private KasaClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        client = KasaClient.builder()
                .baseUri(server.uri())
                .privateKeys("priv-client", "priv-secret")
                .locale("tr")
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listGetsThePaymentsDeliveriesInSequenceOrderWithEveryAttempt() {
        server.result("[" + DELIVERED + "," + DEAD + "]");

        List<CallbackDelivery> deliveries = client.callbacks().list(PAYMENT);

        ScriptedServer.Received sent = server.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("GET /api/payment/" + PAYMENT + "/callbacks");
        assertThat(sent.body()).isEmpty();
        assertThat(sent.header("apiclientprivate")).isEqualTo("priv-client");
        assertThat(sent.header("apikeyprivate")).isEqualTo("priv-secret");
        assertThat(sent.header("locale")).isEqualTo("tr");

        assertThat(deliveries).extracting(CallbackDelivery::callbackId).containsExactly(FIRST, SECOND);
        assertThat(deliveries.getFirst()).isEqualTo(new CallbackDelivery(FIRST, PAYMENT, FIRST, 2, 1, 2,
                "https://dükkan.example/kasa/callback", CallbackState.DELIVERED, 2, null, 204, null,
                LocalDateTime.parse("2025-11-24T18:40:07.25"), LocalDateTime.parse("2025-11-24T18:40:00"),
                List.of(new CallbackAttempt(LocalDateTime.parse("2025-11-24T18:40:00.5"), null, "connect timed out", 10_000),
                        new CallbackAttempt(LocalDateTime.parse("2025-11-24T18:40:07"), 204, null, 250))));
        assertThat(deliveries.getFirst().status()).isEqualTo(PaymentStatus.SENT_TO_DEVICE);
        CallbackDelivery dead = deliveries.get(1);
        assertThat(dead.state()).isEqualTo(CallbackState.DEAD);
        assertThat(dead.status()).isEqualTo(PaymentStatus.SUCCESSFUL);
        assertThat(dead.lastStatusCode()).isEqualTo(500);
        assertThat(dead.deliveredDate()).isNull();
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> deliveries.add(dead));
    }

    @Test
    void listOfAPaymentWithoutCallbacksIsEmpty() {
        server.result("[]");

        assertThat(client.callbacks().list(PAYMENT)).isEmpty();
    }

    @Test
    void aDeliveryWithoutAttemptsHasAnEmptyList() {
        server.result("""
                [{"CallbackId":"%s","State":"Pending","AttemptCount":0,"NextAttemptDate":"2025-11-24T18:40:05"}]
                """.formatted(FIRST));

        CallbackDelivery pending = client.callbacks().list(PAYMENT).getFirst();

        assertThat(pending.state()).isEqualTo(CallbackState.PENDING);
        assertThat(pending.attempts()).isEmpty();
        assertThat(pending.lastStatusCode()).isNull();
    }

    @Test
    void resendPostsTheCallbackIdAndReadsTheQueuedDelivery() {
        server.result(DEAD.replace("\"State\":\"Dead\"", "\"State\":\"Pending\"")
                .replace("\"NextAttemptDate\":null", "\"NextAttemptDate\":\"2025-11-27T09:00:00\""));

        CallbackDelivery queued = client.callbacks().resend(SECOND);

        ScriptedServer.Received sent = server.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /api/payment/callbacks/resend");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(sent.header("apiclientprivate")).isEqualTo("priv-client");
        assertThat(sent.text()).isEqualTo("{\"CallbackId\":\"" + SECOND + "\"}");
        assertThat(queued.callbackId()).isEqualTo(SECOND);
        assertThat(queued.state()).isEqualTo(CallbackState.PENDING);
        assertThat(queued.nextAttemptDate()).isEqualTo(LocalDateTime.parse("2025-11-27T09:00:00"));
    }

    @Test
    void aRefusedResendIsAKasaException() {
        server.answer(404, """
                {"Result":null,"ErrorCode":404,"Succeeded":false,"Failed":true,
                 "Message":"Ödeme isteği bulunamadı","ClientMessage":"Payment.Request.RequestNotFound"}
                """, "X-Request-Id", "req-7");

        KasaException refused = catchThrowableOfType(KasaException.class, () -> client.callbacks().resend(SECOND));

        assertThat(refused.httpStatus()).isEqualTo(404);
        assertThat(refused.is(ClientMessages.PAYMENT_REQUEST_REQUEST_NOT_FOUND)).isTrue();
        assertThat(refused.requestId()).isEqualTo("req-7");
    }

    @Test
    void aListAnswerThatIsNotAnArrayIsUnreadable() {
        server.result("{\"Items\":[]}");

        KasaException unreadable = catchThrowableOfType(KasaException.class, () -> client.callbacks().list(PAYMENT));

        assertThat(unreadable.errorCode()).isEqualTo(KasaException.UNREADABLE);
    }
}
