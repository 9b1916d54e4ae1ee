package io.kasa.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which {@link KasaException} subclass each answer becomes, and what each carries; envelopes as Kasa sends them. */
class KasaExceptionTests {

    private static KasaException physical(int status, int errorCode, String clientMessage, String message,
                                          String... headers) {
        HttpReply reply = Replies.reply(status, """
                {"Result":null,"ErrorCode":%d,"Succeeded":false,"Failed":true,"Message":"%s","ClientMessage":"%s"}
                """.formatted(errorCode, message, clientMessage), headers);
        return catchThrowableOfType(KasaException.class,
                () -> PhysicalEnvelope.unwrap(reply, KasaJson.type(Object.class), true));
    }

    @ParameterizedTest
    @CsvSource({
            "400, 1001, System.ValidationError, InvalidRequestException",
            "405, 1006, System.MethodNotAllowed, InvalidRequestException",
            "413, 1007, System.PayloadTooLarge, InvalidRequestException",
            "415, 1008, System.UnsupportedMediaType, InvalidRequestException",
            "401, 1002, System.AuthError, AuthenticationException",
            "403, 1009, System.Forbidden, AuthenticationException",
            "404, 5005, Payment.Request.RequestNotFound, NotFoundException",
            "409, 5004, Payment.Async.MerchantUniqueCodeAlreadyExists, ConflictException",
            "422, 5002, Payment.Async.NotConvenientStatusForThisOperation, BusinessRuleException",
            "429, 1011, System.RateLimitExceeded, RateLimitException",
            "429, 1003, System.RateLimited, RateLimitException",
            "503, 1012, System.Busy, UnavailableException",
            "503, 1010, System.DatabaseUnavailable, UnavailableException",
            "500, 1000, System.ServerError, ServerException",
            "502, 1000, System.ServerError, ServerException"
    })
    void theHttpStatusChoosesTheSubclass(int status, int errorCode, String clientMessage, String type) {
        KasaException refused = physical(status, errorCode, clientMessage, "m", "X-Request-Id", "req-1");

        assertThat(refused.getClass().getSimpleName()).isEqualTo(type);
        assertThat(refused.httpStatus()).isEqualTo(status);
        assertThat(refused.errorCode()).isEqualTo(errorCode);
        assertThat(refused.clientMessage()).isEqualTo(clientMessage);
        assertThat(refused.requestId()).isEqualTo("req-1");
    }

    /** A Paywall-style server may refuse with 200; the ClientMessage then says what the status would have. */
    @ParameterizedTest
    @CsvSource({
            "System.ValidationError, InvalidRequestException",
            "System.AuthError, AuthenticationException",
            "Terminal.NotFound, NotFoundException",
            "Connection.UpdatedRecordNotFound, NotFoundException",
            "Payment.Async.MerchantUniqueCodeAlreadyExists, ConflictException",
            "Pair.Sync.RequestNotPending, ConflictException",
            "Payment.Async.CloudNotSendToDevice, BusinessRuleException",
            "System.RateLimitExceeded, RateLimitException",
            "System.Busy, UnavailableException",
            "Terminal.FailedToGetTerminalList, UnavailableException",
            "System.ServerError, ServerException",
            "Payment.Product.InvalidCargoType, InvalidRequestException"
    })
    void aRefusalWithoutAnErrorStatusIsPlacedByItsClientMessage(String clientMessage, String type) {
        assertThat(physical(200, 1, clientMessage, "m").getClass().getSimpleName()).isEqualTo(type);
    }

    @Test
    void unreadableAnswersAreServerErrorsUnlessTheirStatusSaysMore() {
        HttpReply garbage = Replies.reply(200, "<html>");
        HttpReply bodyless = Replies.reply(405, "");

        assertThat(catchThrowableOfType(KasaException.class,
                () -> PhysicalEnvelope.unwrap(garbage, KasaJson.type(Object.class), true)))
                .isInstanceOf(ServerException.class);
        assertThat(catchThrowableOfType(KasaException.class,
                () -> PhysicalEnvelope.unwrap(bodyless, KasaJson.type(Object.class), true)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void marketplaceRefusalsAreTypedTheSameWay() {
        HttpReply reply = Replies.reply(404, """
                {"ErrorCode":198,"Result":false,"Message":"Member not found","Body":null}
                """);

        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> MarketplaceEnvelope.unwrap(reply, KasaJson.type(Object.class), true));

        assertThat(refused).isInstanceOf(NotFoundException.class);
        assertThat(refused.errorCode()).isEqualTo(198);
    }

    /** Messages exactly as kasa-server writes them: the catalog's text, then Validation's detail, in both languages. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Validation error: Products[0].Name is required | Products[0].Name",
            "Doğrulama hatası: Products[0].Name alanı zorunludur | Products[0].Name",
            "Validation error: Amount must be greater than zero | Amount",
            "Validation error: Customer.Email must be at most 100 characters long | Customer.Email",
            "Validation error: One of TerminalId or TerminalTagCode is required | TerminalId",
            "Validation error: TerminalId and TerminalTagCode cannot be sent together; send exactly one of them | TerminalId",
            "Validation error: X-Kasa-Wait must be a whole number of seconds | X-Kasa-Wait",
            "Validation error: pageIndex must be 0 or greater | pageIndex",
            "Doğrulama hatası: Products[2].MemberEarning sıfırdan küçük olamaz | Products[2].MemberEarning",
    })
    void aValidationErrorNamesItsField(String message, String field) {
        KasaException refused = physical(400, 1001, "System.ValidationError", message);

        assertThat(refused).isInstanceOfSatisfying(InvalidRequestException.class,
                invalid -> assertThat(invalid.field()).contains(field));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Validation error: The request body is not valid JSON | System.ValidationError",
            "Doğrulama hatası: İstek gövdesi zorunludur | System.ValidationError",
            "Validation error: A request body is required | System.ValidationError",
            "Validation error | System.ValidationError",
            "The member's email address is invalid | Member.Validation.Email",
            "Kargo tipi geçersiz | Payment.Product.InvalidCargoType"
    })
    void otherRefusalsNameNoField(String message, String clientMessage) {
        KasaException refused = physical(400, 1001, clientMessage, message);

        assertThat(((InvalidRequestException) refused).field()).isEmpty();
    }

    /** The marketplace envelope carries no ClientMessage: its ErrorCode 1001 says it is a validation error. */
    @Test
    void aMarketplaceValidationErrorNamesItsFieldToo() {
        HttpReply reply = Replies.reply(400, """
                {"ErrorCode":1001,"Result":false,"Message":"Validation error: memberid header is required","Body":null}
                """);

        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> MarketplaceEnvelope.unwrap(reply, KasaJson.type(Object.class), true));

        assertThat(((InvalidRequestException) refused).field()).contains("memberid");
    }

    @Test
    void aRefusalThatNamesAPaymentKeepsItsIds() {
        UUID payment = UUID.randomUUID();
        HttpReply reply = Replies.reply(422, """
                {"Result":{"PaymentRequestId":"%s","PaymentRequestActivityId":"%s","PaymentRequestActivityTypeId":1,
                 "PaymentStatus":3,"PaymentId":41},
                 "ErrorCode":5001,"Succeeded":false,"Failed":true,"Message":"m","ClientMessage":"Payment.Async.CloudNotSendToDevice"}
                """.formatted(payment, UUID.randomUUID()), "X-Request-Id", "req-2");

        KasaException refused = catchThrowableOfType(KasaException.class,
                () -> PhysicalEnvelope.unwrap(reply, KasaJson.type(SaleResult.class), true));

        assertThat(refused).isInstanceOf(BusinessRuleException.class);
        assertThat(refused.paymentRequestId()).contains(payment);
        assertThat(refused.payment()).hasValueSatisfying(sale -> {
            assertThat(sale.status()).isEqualTo(PaymentStatus.COULD_NOT_SEND_TO_DEVICE);
            assertThat(sale.paymentId()).isEqualTo(41L);
        });
        assertThat(refused.requestId()).isEqualTo("req-2");
    }

    @Test
    void aRateLimitCarriesItsRetryAfter() {
        KasaException refused = physical(429, 1011, "System.RateLimitExceeded", "m", "Retry-After", "7");

        assertThat(refused).isInstanceOf(RateLimitException.class);
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void networkFailuresSayWhetherTheRequestWentOut() {
        NetworkException refused = KasaException.unreachable("POST", "http://127.0.0.1:1/api", new ConnectException("refused"));
        NetworkException reset = KasaException.unreachable("POST", "http://127.0.0.1:1/api", new IOException("reset"));
        NetworkException late = KasaException.unreachable("GET", "http://127.0.0.1:1/api", new HttpTimeoutException("late"));

        assertThat(refused.requestSent()).isFalse();
        assertThat(reset.requestSent()).isTrue();
        assertThat(reset.isTimeout()).isFalse();
        assertThat(late.isTimeout()).isTrue();
        assertThat(late.httpStatus()).isEqualTo(KasaException.NO_RESPONSE);
    }
}
