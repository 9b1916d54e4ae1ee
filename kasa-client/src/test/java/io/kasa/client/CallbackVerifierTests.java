package io.kasa.client;

import io.kasa.client.CallbackVerificationException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link CallbackVerifier} as a merchant's receiver uses it, unit scope: signatures, the
 * timestamp window, key rotation, the Physical POS {@code Hash} and reading the body. The
 * expected hex values were computed outside Java, with {@code sha256sum} and
 * {@code openssl dgst -sha256 -hmac}, so the formulas of {@code docs/callbacks.md} are pinned.
 */
class CallbackVerifierTests {

    private static final String KEY = "whk-current";
    private static final String OLD_KEY = "whk-previous";
    private static final UUID CONNECTION = UUID.fromString("0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11");
    private static final UUID TERMINAL = UUID.fromString("38e895c3-1a9a-4b73-8816-8557d1d031d6");
    private static final UUID PAYMENT = UUID.fromString("1eb856a8-1d41-49ab-8994-ecee2880d62c");
    private static final UUID ACTIVITY = UUID.fromString("2015c508-4029-4f6b-b7e2-4bf34a213c41");
    private static final String CODE = "432e795d-1a69-4461-97c8-ebaab658ff47";
    private static final long NOW = 1_764_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    private final CallbackVerifier verifier = CallbackVerifier.forKeys(List.of(KEY)).withClock(CLOCK);

    /** A callback body as Kasa writes it, its {@code Hash} made with {@code hashKey}. */
    private static String body(String hashKey, String amount, int paymentStatusId) {
        return body(amount, paymentStatusId, CallbackVerifier.hash(hashKey, PAYMENT, CODE, new BigDecimal(amount)));
    }

    private static String body(String amount, int paymentStatusId, String hash) {
        return """
                {"ConnectionId":"%s","TerminalId":"%s","PaymentRequestId":"%s","PaymentRequestActivityId":"%s",\
                "PaymentTypeId":1,"PaymentStatusId":%d,"MerchantUniqueCode":"%s","DisplayCode":"Kişisel Bakım",\
                "Amount":%s,"Message":"Ödeme alındı","Hash":"%s","HashFormat":"PhysicalPos","HashKeyType":7,"PaymentId":77}"""
                .formatted(CONNECTION, TERMINAL, PAYMENT, ACTIVITY, paymentStatusId, CODE, amount, hash);
    }

    /** {@code X-Kasa-Signature} at {@code t}, one {@code v1} per key in the order given. */
    private static String header(long t, String body, String... keys) {
        StringBuilder header = new StringBuilder("t=").append(t);
        for (String key : keys) {
            header.append(",v1=").append(CallbackVerifier.sign(key, t, body));
        }
        return header.toString();
    }

    private static Reason refusal(Runnable verification) {
        return catchThrowableOfType(CallbackVerificationException.class, verification::run).reason();
    }

    @Test
    void aGenuineCallbackIsAcceptedAndReadFieldByField() {
        String body = body(KEY, "22.00", 4);

        Callback callback = verifier.verify(body, header(NOW, body, KEY));

        assertThat(callback).isEqualTo(new Callback(CONNECTION, TERMINAL, PAYMENT, ACTIVITY, 1, 4, CODE,
                "Kişisel Bakım", new BigDecimal("22.00"), "Ödeme alındı",
                CallbackVerifier.hash(KEY, PAYMENT, CODE, new BigDecimal("22")), "PhysicalPos", 7, 77L));
        assertThat(callback.status()).isEqualTo(PaymentStatus.SUCCESSFUL);
        assertThat(callback.type()).isEqualTo(PaymentType.SALE);
    }

    @Test
    void theRawBytesAreWhatIsSignedSoTurkishTextMustNotBeDecodedWrongly() {
        String body = body(KEY, "22.00", 4);
        byte[] received = body.getBytes(StandardCharsets.UTF_8);
        String signature = header(NOW, body, KEY);

        assertThat(verifier.verify(received, signature).displayCode()).isEqualTo("Kişisel Bakım");
        String decodedAsLatin1 = new String(received, StandardCharsets.ISO_8859_1);
        assertThat(refusal(() -> verifier.verify(decodedAsLatin1, signature))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        String body = body(KEY, "22.00", 5);
        String signature = header(NOW, body, KEY);

        String otherAmount = body.replace("\"Amount\":22.00", "\"Amount\":2200.00");
        String otherStatus = body.replace("\"PaymentStatusId\":5", "\"PaymentStatusId\":4");
        String otherSpacing = body.replace("\"Amount\":22.00", "\"Amount\": 22.00");

        assertThat(otherAmount).isNotEqualTo(body);
        assertThat(otherStatus).isNotEqualTo(body);
        assertThat(refusal(() -> verifier.verify(otherAmount, signature))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(() -> verifier.verify(otherStatus, signature))).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(refusal(() -> verifier.verify(otherSpacing, signature))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void aCallbackSignedWithAnotherKeyIsRefused() {
        String body = body("someone-else", "22.00", 4);

        assertThat(refusal(() -> verifier.verify(body, header(NOW, body, "someone-else"))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void theSignatureOfAnotherTimestampIsRefused() {
        String body = body(KEY, "22.00", 4);
        String signedEarlier = header(NOW - 1, body, KEY).replace("t=" + (NOW - 1), "t=" + NOW);

        assertThat(refusal(() -> verifier.verify(body, signedEarlier))).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void duringARotationEitherKeyAloneOrBothAcceptTheDoublySignedCallback() {
        String body = body(KEY, "22.00", 4);
        String rotating = header(NOW, body, KEY, OLD_KEY);

        for (List<String> keys : List.of(List.of(KEY), List.of(OLD_KEY), List.of(OLD_KEY, KEY))) {
            CallbackVerifier receiver = CallbackVerifier.forKeys(keys).withClock(CLOCK);
            assertThat(receiver.verify(body, rotating).paymentRequestId()).as("keys %s", keys).isEqualTo(PAYMENT);
        }
    }

    @Test
    void aReceiverHoldingBothKeysAcceptsCallbacksSignedWithEitherAlone() {
        CallbackVerifier receiver = CallbackVerifier.forKeys(List.of(OLD_KEY, KEY)).withClock(CLOCK);
        String before = body(OLD_KEY, "22.00", 4);
        String after = body(KEY, "22.00", 4);

        assertThat(receiver.verify(before, header(NOW, before, OLD_KEY)).hash())
                .isEqualTo(CallbackVerifier.hash(OLD_KEY, PAYMENT, CODE, new BigDecimal("22")));
        assertThat(receiver.verify(after, header(NOW, after, KEY)).hash())
                .isEqualTo(CallbackVerifier.hash(KEY, PAYMENT, CODE, new BigDecimal("22")));
    }

    @Test
    void aHashThatDoesNotMatchTheSigningKeyIsRefused() {
        String hashedWithAnotherKey = body("someone-else", "22.00", 4);
        String hashOfAnotherAmount = body("22.00", 4, CallbackVerifier.hash(KEY, PAYMENT, CODE, new BigDecimal("2200")));
        String upperCaseHash = body("22.00", 4, CallbackVerifier.hash(KEY, PAYMENT, CODE, new BigDecimal("22")).toUpperCase());

        for (String body : List.of(hashedWithAnotherKey, hashOfAnotherAmount, upperCaseHash)) {
            assertThat(refusal(() -> verifier.verify(body, header(NOW, body, KEY)))).isEqualTo(Reason.BAD_HASH);
        }
    }

    @Test
    void aWrongHashIsRefusedWhenTheReceiverHoldsEveryKeyThatSigned() {
        String body = body("22.00", 4, "0".repeat(64));
        CallbackVerifier receiver = CallbackVerifier.forKeys(List.of(OLD_KEY, KEY)).withClock(CLOCK);

        assertThat(refusal(() -> receiver.verify(body, header(NOW, body, KEY, OLD_KEY)))).isEqualTo(Reason.BAD_HASH);
    }

    /**
     * During a rotation the Hash is made with the new key only; a receiver still holding only
     * the old key cannot recompute it and relies on the old key's signature, which covers it.
     */
    @Test
    void aReceiverHoldingOnlyTheOldKeyDuringARotationDoesNotCheckTheNewKeysHash() {
        String body = body("22.00", 4, CallbackVerifier.hash(KEY, PAYMENT, CODE, new BigDecimal("22")));
        CallbackVerifier receiver = CallbackVerifier.forKeys(List.of(OLD_KEY)).withClock(CLOCK);

        assertThat(receiver.verify(body, header(NOW, body, KEY, OLD_KEY)).paymentRequestId()).isEqualTo(PAYMENT);
    }

    @Test
    void aTimestampOutsideTheToleranceIsRefusedInThePastAndInTheFuture() {
        String body = body(KEY, "22.00", 4);
        Duration fiveMinutes = CallbackVerifier.DEFAULT_TOLERANCE;

        assertThat(verifier.verify(body, header(NOW - fiveMinutes.toSeconds(), body, KEY))).isNotNull();
        assertThat(verifier.verify(body, header(NOW + fiveMinutes.toSeconds(), body, KEY))).isNotNull();
        assertThat(refusal(() -> verifier.verify(body, header(NOW - fiveMinutes.toSeconds() - 1, body, KEY))))
                .isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(refusal(() -> verifier.verify(body, header(NOW + fiveMinutes.toSeconds() + 1, body, KEY))))
                .isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(refusal(() -> verifier.verify(body, header(NOW - 86_400, body, KEY))))
                .isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(refusal(() -> verifier.verify(body, header(0, body, KEY)))).isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void theToleranceAndTheClockCanBeChanged() {
        String body = body(KEY, "22.00", 4);
        String anHourOld = header(NOW - 3_600, body, KEY);

        assertThat(verifier.withTolerance(Duration.ofHours(1)).verify(body, anHourOld)).isNotNull();
        assertThat(verifier.withClock(Clock.offset(CLOCK, Duration.ofHours(-1))).verify(body, anHourOld)).isNotNull();
        assertThat(refusal(() -> verifier.withTolerance(Duration.ofMinutes(59)).verify(body, anHourOld)))
                .isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void aForgedOldCallbackIsRefusedForItsSignatureNotItsAge() {
        String body = body(KEY, "22.00", 4);

        assertThat(refusal(() -> verifier.verify(body, header(NOW - 86_400, body, "someone-else"))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void aMissingSignatureIsRefused(String header) {
        String body = body(KEY, "22.00", 4);

        assertThat(refusal(() -> verifier.verify(body, header))).isEqualTo(Reason.MISSING_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "garbage",
            "t=1764000000",
            "v1=%1$s",
            "t=1764000000,v1=",
            "t=,v1=%1$s",
            "=1764000000,v1=%1$s",
            "t=1764000000,,v1=%1$s",
            "t=1764000000,v1=%1$s,",
            "t=1764000000;v1=%1$s",
            "t=1764000000,t=1764000000,v1=%1$s",
            "t=-1764000000,v1=%1$s",
            "t=1764000000.5,v1=%1$s",
            "t=１７６４０００００００,v1=%1$s",
            "t=1234567890123456789,v1=%1$s",
            "t=1764000000,v1=%1$s0",
            "t=1764000000,v1=xyz",
            "t=1764000000,v1=zz%2$s",
            "t=1764000000,v1=%1$s,v1=nothex",
    })
    void aGarbledSignatureIsRefused(String template) {
        String body = body(KEY, "22.00", 4);
        String signature = CallbackVerifier.sign(KEY, NOW, body);
        String header = template.formatted(signature, signature.substring(2));

        assertThat(refusal(() -> verifier.verify(body, header))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void spacesAroundElementsUpperCaseHexAndOtherSchemesAreTolerated() {
        String body = body(KEY, "22.00", 4);
        String signature = CallbackVerifier.sign(KEY, NOW, body);

        assertThat(verifier.verify(body, " t=" + NOW + ", v1=" + signature + " ")).isNotNull();
        assertThat(verifier.verify(body, "t=" + NOW + ",v1=" + signature.toUpperCase())).isNotNull();
        assertThat(verifier.verify(body, "v2=future,t=" + NOW + ",v1=" + signature)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "",
            "[]",
            "\"a string\"",
            "{}",
            "{\"PaymentRequestId\":\"1eb856a8-1d41-49ab-8994-ecee2880d62c\"}",
    })
    void aSignedBodyThatIsNoCallbackIsRefused(String body) {
        assertThat(refusal(() -> verifier.verify(body, header(NOW, body, KEY)))).isEqualTo(Reason.MALFORMED_BODY);
    }

    @Test
    void aSignedBodyWithoutARequiredFieldOrWithAnAmountBeyondCentsIsRefused() {
        String withoutHash = body(KEY, "22.00", 4).replaceFirst(",\"Hash\":\"[0-9a-f]+\"", "");
        String nullAmount = body("null", 4, "0".repeat(64));
        String notAnId = body(KEY, "22.00", 4).replace(PAYMENT.toString(), "not-a-uuid");
        String withoutStatus = body(KEY, "22.00", 4).replace("\"PaymentStatusId\":4,", "");
        String tenthsOfCents = body("22.001", 4, "0".repeat(64));

        for (String body : List.of(withoutHash, nullAmount, notAnId, withoutStatus, tenthsOfCents)) {
            assertThat(refusal(() -> verifier.verify(body, header(NOW, body, KEY)))).as(body)
                    .isEqualTo(Reason.MALFORMED_BODY);
        }
    }

    @Test
    void theHashFormulaIsPinnedByAVectorComputedWithSha256sum() {
        // printf 'k###1eb856a8-1d41-49ab-8994-ecee2880d62c###432e795d-1a69-4461-97c8-ebaab658ff47###22.00' | sha256sum
        assertThat(CallbackVerifier.hash("k", PAYMENT, CODE, new BigDecimal("22.00")))
                .isEqualTo("1948253b85d0be6836ba250d09b30d18202f5567e0935e9c07f9774b30eac0f7");
        // printf 'k###1eb856a8-1d41-49ab-8994-ecee2880d62c###sipariş-1###22.00' | sha256sum
        assertThat(CallbackVerifier.hash("k", PAYMENT, "sipariş-1", new BigDecimal("22.00")))
                .isEqualTo("3518eb3fb4f7bfa12a78850a0152bee6f24a951e31fcdea4cb11a5dd792559da");
    }

    @Test
    void theHashWritesTheAmountWithExactlyTwoFractionDigits() {
        String twentyTwo = "1948253b85d0be6836ba250d09b30d18202f5567e0935e9c07f9774b30eac0f7";
        // printf 'k###…###1.44' | sha256sum, and the same with 1.50
        String oneFortyFour = "ab19cf4ec18b23a5043f58091003a338a6d584fef9da1bd9747400606bbdf563";
        String oneFifty = "224939157a06888128dd9a01af6c8e8d1453e1b6193fab00ef33e1b006011370";

        assertThat(CallbackVerifier.hash("k", PAYMENT, CODE, new BigDecimal("22"))).isEqualTo(twentyTwo);
        assertThat(CallbackVerifier.hash("k", PAYMENT, CODE, BigDecimal.valueOf(22))).isEqualTo(twentyTwo);
        assertThat(CallbackVerifier.hash("k", PAYMENT, CODE, new BigDecimal("22.000"))).isEqualTo(twentyTwo);
        assertThat(CallbackVerifier.hash("k", PAYMENT, CODE, new BigDecimal("2.2E+1"))).isEqualTo(twentyTwo);
        assertThat(CallbackVerifier.hash("k", PAYMENT, CODE, new BigDecimal("1.44"))).isEqualTo(oneFortyFour);
        assertThat(CallbackVerifier.hash("k", PAYMENT, CODE, new BigDecimal("1.5"))).isEqualTo(oneFifty);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CallbackVerifier.hash("k", PAYMENT, CODE, new BigDecimal("1.445")));
    }

    @Test
    void aCallbackWhoseAmountIsWrittenWithoutCentsIsHashedWithThem() {
        String body = body("22", 4, CallbackVerifier.hash(KEY, PAYMENT, CODE, new BigDecimal("22.00")));

        assertThat(verifier.verify(body, header(NOW, body, KEY)).amount()).isEqualByComparingTo("22.00");
    }

    @Test
    void theSignatureFormulaIsPinnedByAVectorComputedWithOpenssl() {
        // printf '%s.%s' 1764000000 '{"Amount":22.00,"DisplayCode":"Kişisel Bakım"}' | openssl dgst -sha256 -hmac k -r
        assertThat(CallbackVerifier.sign("k", NOW, "{\"Amount\":22.00,\"DisplayCode\":\"Kişisel Bakım\"}"))
                .isEqualTo("d7928aa25fc42a41ab08f89b4fd529f08f089942d508c70be5c1a39c857fd5ba");
    }

    @Test
    void aVerifierNeedsAtLeastOneNonBlankKeyAndANonNegativeTolerance() {
        assertThatIllegalArgumentException().isThrownBy(() -> CallbackVerifier.forKeys(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> CallbackVerifier.forKeys(List.of(KEY, " ")));
        assertThatIllegalArgumentException().isThrownBy(() -> verifier.withTolerance(Duration.ofSeconds(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> CallbackVerifier.sign("", NOW, "{}"));
        assertThatIllegalArgumentException().isThrownBy(() -> CallbackVerifier.sign(KEY, -1, "{}"));
    }

    @Test
    void aRefusalNamesItsReasonButNeverAKey() {
        String body = body(KEY, "22.00", 4);

        CallbackVerificationException refused = catchThrowableOfType(CallbackVerificationException.class,
                () -> CallbackVerifier.forKeys(List.of(OLD_KEY)).withClock(CLOCK).verify(body, header(NOW, body, KEY)));

        assertThat(refused.getMessage()).startsWith("BAD_SIGNATURE: ").doesNotContain(KEY).doesNotContain(OLD_KEY);
    }
}
