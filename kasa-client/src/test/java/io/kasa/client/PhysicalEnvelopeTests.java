package io.kasa.client;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import static io.kasa.client.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PhysicalEnvelopeTests {

    private static <T> T unwrap(HttpReply reply, Class<T> type) {
        return PhysicalEnvelope.unwrap(reply, KasaJson.type(type), true);
    }

    private static KasaException refusal(HttpReply reply) {
        return catchThrowableOfType(KasaException.class, () -> unwrap(reply, JsonNode.class));
    }

    @Test
    void successBindsResultWithDatesAndEnums() {
        HttpReply reply = reply(200, """
                { "Result": { "PairRequestId": "765c1ea9-bf03-4ee5-8d77-8e4893e5afe3",
                              "TerminalId": "38e895c3-1a9a-4b73-8816-8557d1d031d6",
                              "Status": "Pending",
                              "CreatedDate": "2024-09-02T13:52:34.504179",
                              "ExpiresDate": "2024-09-02T14:02:34.504179",
                              "CompletedDate": null, "TerminalPairId": null, "SomethingNew": 1 },
                  "ErrorCode": 0, "Succeeded": true, "Failed": false, "Message": null, "ClientMessage": null }
                """);

        PairRequestStatus status = unwrap(reply, PairRequestStatus.class);

        assertThat(status.pairRequestId()).isEqualTo(UUID.fromString("765c1ea9-bf03-4ee5-8d77-8e4893e5afe3"));
        assertThat(status.terminalId()).isEqualTo(UUID.fromString("38e895c3-1a9a-4b73-8816-8557d1d031d6"));
        assertThat(status.status()).isEqualTo(PairStatus.PENDING);
        assertThat(status.createdDate()).isEqualTo(LocalDateTime.of(2024, 9, 2, 13, 52, 34, 504_179_000));
        assertThat(status.completedDate()).isNull();
        assertThat(status.terminalPairId()).isNull();
    }

    @Test
    void envelopeAndResultNamesAreReadInAnyCase() {
        HttpReply reply = reply(200, """
                {"result":{"isSocketConnected":true,"lastSeenDate":"2024-09-02T13:52:34"},
                 "failed":false,"message":null,"clientMessage":null,"succeeded":true}
                """);

        TerminalConnectivity connectivity = unwrap(reply, TerminalConnectivity.class);

        assertThat(connectivity.isSocketConnected()).isTrue();
        assertThat(connectivity.lastSeenDate()).isEqualTo(LocalDateTime.of(2024, 9, 2, 13, 52, 34));
    }

    @Test
    void missingErrorCodeIsTolerated() {
        HttpReply reply = reply(200, """
                {"result":{"status":true},"failed":false,"message":null,"clientMessage":null,"succeeded":true}
                """);

        assertThat(unwrap(reply, JsonNode.class).get("status").booleanValue()).isTrue();
    }

    @Test
    void bareBooleanResult() {
        HttpReply reply = reply(200, """
                {"Result": true, "ErrorCode": 0, "Succeeded": true, "Failed": false}
                """);

        assertThat(unwrap(reply, Boolean.class)).isTrue();
    }

    @Test
    void refusalCarriesEnvelopeStatusAndRequestId() {
        HttpReply reply = reply(404, """
                {"Result":null,"ErrorCode":3001,"Succeeded":false,"Failed":true,
                 "Message":"Terminal bulunamadı.","ClientMessage":"Terminal.NotFound"}
                """, "X-Request-Id", "req-42.a_b");

        KasaException refused = refusal(reply);

        assertThat(refused.httpStatus()).isEqualTo(404);
        assertThat(refused.errorCode()).isEqualTo(3001);
        assertThat(refused.clientMessage()).isEqualTo(ClientMessages.TERMINAL_NOT_FOUND);
        assertThat(refused.is(ClientMessages.TERMINAL_NOT_FOUND)).isTrue();
        assertThat(refused.message()).isEqualTo("Terminal bulunamadı.");
        assertThat(refused.requestId()).isEqualTo("req-42.a_b");
        assertThat(refused.retryAfter()).isEmpty();
        assertThat(refused.getMessage())
                .isEqualTo("HTTP 404 Terminal.NotFound (3001): Terminal bulunamadı. [request req-42.a_b]");
    }

    @Test
    void aRefusalThatNamesAPaymentCarriesItsIdsInEitherCasing() {
        HttpReply pascal = reply(422, """
                {"Result":{"PaymentRequestId":"1eb856a8-1d41-49ab-8994-ecee2880d62c",
                           "PaymentRequestActivityId":"2015c508-4029-4f6b-b7e2-4bf34a213c41",
                           "PaymentRequestActivityTypeId":1,"PaymentStatus":3,"PaymentId":1234567890123},
                 "ErrorCode":5001,"Succeeded":false,"Failed":true,
                 "Message":"The payment could not be sent to the device","ClientMessage":"Payment.Async.CloudNotSendToDevice"}
                """);
        HttpReply camel = reply(422, """
                {"result":{"paymentRequestId":"1eb856a8-1d41-49ab-8994-ecee2880d62c",
                           "paymentRequestActivityId":"2015c508-4029-4f6b-b7e2-4bf34a213c41",
                           "paymentRequestActivityTypeId":2,"paymentStatus":3},
                 "failed":true,"succeeded":false,"message":"x","clientMessage":"Payment.Async.CloudNotSendToDevice"}
                """);

        KasaException sale = refusal(pascal);
        KasaException cancel = refusal(camel);

        UUID payment = UUID.fromString("1eb856a8-1d41-49ab-8994-ecee2880d62c");
        UUID activity = UUID.fromString("2015c508-4029-4f6b-b7e2-4bf34a213c41");
        assertThat(sale.paymentRequestId()).contains(payment);
        assertThat(sale.payment()).contains(new SaleResult(payment, activity, 1, 3, 1_234_567_890_123L));
        assertThat(sale.payment().orElseThrow().status()).isEqualTo(PaymentStatus.COULD_NOT_SEND_TO_DEVICE);
        assertThat(sale.getMessage()).contains("[payment " + payment + ", status 3]");
        assertThat(cancel.payment()).contains(new SaleResult(payment, activity, 2, 3, null));
        assertThat(cancel.errorCode()).isEqualTo(KasaException.UNREADABLE);
    }

    @Test
    void aRefusalWhoseResultNamesNoPaymentHasNone() {
        KasaException nullResult = refusal(reply(404, """
                {"Result":null,"ErrorCode":3001,"Succeeded":false,"Failed":true,"ClientMessage":"Terminal.NotFound"}
                """));
        KasaException otherResult = refusal(reply(422, """
                {"Result":{"Status":false},"ErrorCode":5002,"Succeeded":false,"Failed":true}
                """));
        KasaException malformedId = refusal(reply(422, """
                {"Result":{"PaymentRequestId":"not-a-uuid","PaymentStatus":3},"ErrorCode":5001,"Failed":true}
                """));
        KasaException bareResult = refusal(reply(422, """
                {"Result":true,"ErrorCode":5001,"Failed":true}
                """));

        assertThat(nullResult.payment()).isEmpty();
        assertThat(nullResult.paymentRequestId()).isEmpty();
        assertThat(otherResult.payment()).isEmpty();
        assertThat(malformedId.payment()).isEmpty();
        assertThat(bareResult.payment()).isEmpty();
    }

    @Test
    void turkishTextRoundTripsThroughUtf8() {
        String turkish = "Bağlantı bulunamadı: ĞÜŞİÖÇ ğüşıöç — dükkan_1";
        HttpReply reply = reply(404, """
                {"Result":null,"ErrorCode":2001,"Succeeded":false,"Failed":true,
                 "Message":"%s","ClientMessage":"Connection.NotFound"}
                """.formatted(turkish));

        assertThat(refusal(reply).message()).isEqualTo(turkish);
    }

    @Test
    void rateLimitCarriesRetryAfterInSeconds() {
        HttpReply reply = reply(429, """
                {"Result":null,"ErrorCode":1003,"Succeeded":false,"Failed":true,
                 "Message":"Too many requests","ClientMessage":"System.RateLimited"}
                """, "Retry-After", "7");

        KasaException refused = refusal(reply);

        assertThat(refused.is(ClientMessages.SYSTEM_RATE_LIMITED)).isTrue();
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsHttpDateIsMeasuredFromNow() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        HttpReply reply = reply(503, """
                {"ErrorCode":1004,"Succeeded":false,"Failed":true,"ClientMessage":"System.Unavailable"}
                """, "Retry-After", inAMinute);

        assertThat(refusal(reply).retryAfter()).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60)));
    }

    @Test
    void malformedRetryAfterIsIgnored() {
        HttpReply reply = reply(429, """
                {"ErrorCode":1003,"Succeeded":false,"Failed":true}
                """, "Retry-After", "soon");

        assertThat(refusal(reply).retryAfter()).isEmpty();
    }

    @Test
    void succeededFalseUnder200IsStillARefusal() {
        HttpReply reply = reply(200, """
                {"Result":null,"ErrorCode":4002,"Succeeded":false,"Failed":true,
                 "Message":"Request is not pending","ClientMessage":"Pair.Sync.RequestNotPending"}
                """);

        KasaException refused = refusal(reply);

        assertThat(refused.httpStatus()).isEqualTo(200);
        assertThat(refused.errorCode()).isEqualTo(4002);
    }

    @Test
    void errorStatusWithAnEnvelopeThatClaimsSuccessIsARefusal() {
        HttpReply reply = reply(500, """
                {"Result":null,"Succeeded":true}
                """);

        KasaException refused = refusal(reply);

        assertThat(refused.httpStatus()).isEqualTo(500);
        assertThat(refused.errorCode()).isEqualTo(KasaException.UNREADABLE);
    }

    @Test
    void refusalWithoutErrorCodeKeepsClientMessage() {
        HttpReply reply = reply(401, """
                {"failed":true,"succeeded":false,"message":"Yetkisiz","clientMessage":"System.AuthError"}
                """);

        KasaException refused = refusal(reply);

        assertThat(refused.errorCode()).isEqualTo(KasaException.UNREADABLE);
        assertThat(refused.clientMessage()).isEqualTo(ClientMessages.SYSTEM_AUTH_ERROR);
    }

    @Test
    void numericStringErrorCodeIsRead() {
        HttpReply reply = reply(409, """
                {"ErrorCode":"3004","Succeeded":false,"Failed":true,"ClientMessage":"Terminal.Tag.AlreadyExistsWithThisCode"}
                """);

        assertThat(refusal(reply).errorCode()).isEqualTo(3004);
    }

    @Test
    void htmlAnswerIsUnreadable() {
        HttpReply reply = reply(502, "<html><body>Bad Gateway</body></html>", "X-Request-Id", "abc");

        KasaException refused = refusal(reply);

        assertThat(refused.httpStatus()).isEqualTo(502);
        assertThat(refused.errorCode()).isEqualTo(KasaException.UNREADABLE);
        assertThat(refused.clientMessage()).isNull();
        assertThat(refused.requestId()).isEqualTo("abc");
        assertThat(refused.message()).contains("not JSON").contains("Bad Gateway");
    }

    @Test
    void emptyAnswerIsUnreadable() {
        KasaException refused = refusal(reply(405, ""));

        assertThat(refused.httpStatus()).isEqualTo(405);
        assertThat(refused.errorCode()).isEqualTo(KasaException.UNREADABLE);
    }

    @Test
    void jsonThatIsNotAnEnvelopeIsUnreadable() {
        KasaException refused = refusal(reply(404, """
                {"timestamp":"2024-09-02T10:00:00Z","status":404,"error":"Not Found","path":"/api/x"}
                """));

        assertThat(refused.errorCode()).isEqualTo(KasaException.UNREADABLE);
        assertThat(refused.message()).contains("not a Kasa envelope");
    }

    @Test
    void jsonArrayIsUnreadable() {
        assertThat(refusal(reply(200, "[1,2]")).errorCode()).isEqualTo(KasaException.UNREADABLE);
    }

    @Test
    void resultOfTheWrongShapeIsUnreadable() {
        HttpReply reply = reply(200, """
                {"Result":{"PairRequestId":"not-a-uuid"},"ErrorCode":0,"Succeeded":true,"Failed":false}
                """);

        KasaException refused = catchThrowableOfType(KasaException.class, () -> unwrap(reply, PairRequest.class));

        assertThat(refused.httpStatus()).isEqualTo(200);
        assertThat(refused.errorCode()).isEqualTo(KasaException.UNREADABLE);
        assertThat(refused.getCause()).isNotNull();
    }

    @Test
    void nullResultIsRefusedOnlyWhenRequired() {
        HttpReply reply = reply(200, """
                {"Result":null,"ErrorCode":0,"Succeeded":true,"Failed":false}
                """);

        assertThat(PhysicalEnvelope.<JsonNode>unwrap(reply, KasaJson.type(JsonNode.class), false)).isNull();
        assertThat(PhysicalEnvelope.<Void>unwrap(reply, KasaJson.type(Void.class), true)).isNull();
        assertThat(catchThrowableOfType(KasaException.class, () -> unwrap(reply, PairRequest.class)).errorCode())
                .isEqualTo(KasaException.UNREADABLE);
    }

    @Test
    void pageBindsItemsAndPagination() {
        HttpReply reply = reply(200, """
                {"Result":{"Items":[{"Id":"0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11","TerminalId":"38e895c3-1a9a-4b73-8816-8557d1d031d6",
                                     "Name":"Levent Şube 2. Cihaz","Code":"levent_şube_2","IsActive":true,
                                     "CreatedDate":"2024-09-02T13:52:34.504179","UpdateDate":null}],
                           "Pagination":{"CurrentPage":0,"PageCount":3,"PageSize":1,"TotalCount":3}},
                 "ErrorCode":0,"Succeeded":true,"Failed":false}
                """);

        Page<TerminalTag> page = PhysicalEnvelope.unwrap(reply, KasaJson.pageOf(TerminalTag.class), true);

        assertThat(page.items()).singleElement().satisfies(tag -> {
            assertThat(tag.name()).isEqualTo("Levent Şube 2. Cihaz");
            assertThat(tag.code()).isEqualTo("levent_şube_2");
            assertThat(tag.isActive()).isTrue();
            assertThat(tag.updateDate()).isNull();
        });
        assertThat(page.pagination()).isEqualTo(new Pagination(0, 3, 1, 3));
    }

    @Test
    void decimalsKeepTheirScale() {
        record Amount(BigDecimal amount) {
        }
        HttpReply reply = reply(200, """
                {"Result":{"Amount":12.10},"ErrorCode":0,"Succeeded":true,"Failed":false}
                """);

        assertThat(unwrap(reply, Amount.class).amount()).isEqualTo(new BigDecimal("12.10"));
        assertThat(unwrap(reply, JsonNode.class).get("Amount").decimalValue()).isEqualTo(new BigDecimal("12.10"));
    }
}
