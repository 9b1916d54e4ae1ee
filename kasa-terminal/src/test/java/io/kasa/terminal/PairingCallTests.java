package io.kasa.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Reading answers to the pairing call, as written in device-protocol.md and api.md. */
class PairingCallTests {

    static final URI SERVER = URI.create("http://localhost:8080");
    static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

    @Test
    void theRequestUsesThePascalCaseNamesAndLeavesOutAbsentFields() {
        assertThat(PairingCall.body("949161", "PAV960000015", "A910", "1.4.2"))
                .isEqualTo("{\"PairCode\":\"949161\",\"SerialNo\":\"PAV960000015\",\"Model\":\"A910\",\"AppVersion\":\"1.4.2\"}");
        assertThat(PairingCall.body("949161", "PAV960000015", null, null))
                .isEqualTo("{\"PairCode\":\"949161\",\"SerialNo\":\"PAV960000015\"}");
    }

    @Test
    void aSuccessfulEnvelopeGivesThePairing() {
        Pairing pairing = PairingCall.answer(SERVER, 200, Optional.empty(), """
                { "Result": { "TerminalId": "38e895c3-1a9a-4b73-8816-8557d1d031d6",
                              "TerminalPairId": "0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11",
                              "DeviceToken": "kdt_3q2+", "LivePath": "/api/device/live", "Later": 1 },
                  "ErrorCode": 0, "Succeeded": true, "Failed": false, "Message": null, "ClientMessage": null }
                """, NOW);

        assertThat(pairing).isEqualTo(new Pairing(SERVER, "38e895c3-1a9a-4b73-8816-8557d1d031d6",
                "0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11", "kdt_3q2+", "/api/device/live"));
    }

    /** Device protocol §1.1: an async code answers WaitingForConfirmation with the token, and a poll keeps that token. */
    @Test
    void anAsyncCodeWaitsForConfirmationAndItsStatusGivesThePairingOnceConfirmed() {
        PairingCall.Outcome claimed = PairingCall.read(SERVER, null, 200, Optional.empty(), """
                { "Result": { "Status": "WaitingForConfirmation", "TerminalId": "38e895c3-1a9a-4b73-8816-8557d1d031d6",
                              "TerminalPairId": null, "DeviceToken": "kdt_3q2+", "LivePath": "/api/device/live",
                              "StatusPath": "/api/device/pair/status" },
                  "ErrorCode": 0, "Succeeded": true, "Failed": false, "Message": null, "ClientMessage": null }
                """, NOW);
        PairingCall.Waiting waiting = new PairingCall.Waiting("38e895c3-1a9a-4b73-8816-8557d1d031d6", "kdt_3q2+",
                "/api/device/pair/status");
        assertThat(claimed).isEqualTo(waiting);
        assertThat(claimed.toString()).doesNotContain("kdt_3q2+");

        PairingCall.Outcome stillWaiting = PairingCall.read(SERVER, waiting, 200, Optional.empty(), """
                { "Result": { "Status": "WaitingForConfirmation", "TerminalId": null, "TerminalPairId": null,
                              "LivePath": "/api/device/live" },
                  "ErrorCode": 0, "Succeeded": true, "Failed": false, "Message": null, "ClientMessage": null }
                """, NOW);
        assertThat(stillWaiting).isEqualTo(waiting);

        PairingCall.Outcome confirmed = PairingCall.read(SERVER, waiting, 200, Optional.empty(), """
                { "Result": { "Status": "Paired", "TerminalId": "38e895c3-1a9a-4b73-8816-8557d1d031d6",
                              "TerminalPairId": "0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11", "LivePath": "/api/device/live" },
                  "ErrorCode": 0, "Succeeded": true, "Failed": false, "Message": null, "ClientMessage": null }
                """, NOW);
        assertThat(confirmed).isEqualTo(new PairingCall.Paired(new Pairing(SERVER, "38e895c3-1a9a-4b73-8816-8557d1d031d6",
                "0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11", "kdt_3q2+", "/api/device/live")));

        PairingException deleted = catchThrowableOfType(PairingException.class, () -> PairingCall.read(SERVER, waiting,
                409, Optional.empty(), """
                { "Result": null, "ErrorCode": 4105, "Succeeded": false, "Failed": true,
                  "Message": "The pair request was deleted", "ClientMessage": "Pair.Async.RequestNotPending" }
                """, NOW));
        assertThat(deleted.clientMessage()).isEqualTo("Pair.Async.RequestNotPending");
    }

    @Test
    void anInvalidCodeCarriesTheEnvelope() {
        PairingException refused = catchThrowableOfType(PairingException.class, () -> PairingCall.answer(SERVER, 422,
                Optional.empty(), """
                { "Result": null, "ErrorCode": 4003, "Succeeded": false, "Failed": true,
                  "Message": "The pair code is invalid", "ClientMessage": "Pair.Sync.CodeInvalid" }
                """, NOW));

        assertThat(refused.httpStatus()).isEqualTo(422);
        assertThat(refused.errorCode()).isEqualTo(4003);
        assertThat(refused.clientMessage()).isEqualTo("Pair.Sync.CodeInvalid");
        assertThat(refused.serverMessage()).isEqualTo("The pair code is invalid");
        assertThat(refused.retryAfter()).isEmpty();
        assertThat(refused).hasMessageContaining("422").hasMessageContaining("Pair.Sync.CodeInvalid");
    }

    @Test
    void rateLimitingCarriesRetryAfter() {
        PairingException refused = catchThrowableOfType(PairingException.class, () -> PairingCall.answer(SERVER, 429,
                Optional.of("57"), """
                { "Result": null, "ErrorCode": 1003, "Succeeded": false, "Failed": true,
                  "Message": "Too many requests", "ClientMessage": "System.RateLimited" }
                """, NOW));

        assertThat(refused.isRateLimited()).isTrue();
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(57));
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        assertThat(PairingCall.retryAfter("Tue, 24 Nov 2026 10:16:00 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(PairingCall.retryAfter("Tue, 24 Nov 2026 10:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(PairingCall.retryAfter("soon", NOW)).isEmpty();
    }

    @Test
    void anAnswerThatIsNotAnEnvelopeStillFails() {
        PairingException refused = catchThrowableOfType(PairingException.class,
                () -> PairingCall.answer(SERVER, 502, Optional.empty(), "<html>Bad gateway</html>", NOW));

        assertThat(refused.httpStatus()).isEqualTo(502);
        assertThat(refused.errorCode()).isZero();
        assertThat(refused.clientMessage()).isNull();
    }

    @Test
    void successWithoutATokenIsNoPairing() {
        assertThatThrownBy(() -> PairingCall.answer(SERVER, 200, Optional.empty(), """
                { "Result": { "TerminalId": "t", "TerminalPairId": "p" }, "ErrorCode": 0, "Succeeded": true }
                """, NOW))
                .isInstanceOf(PairingException.class)
                .hasMessageContaining("deviceToken");
    }
}
