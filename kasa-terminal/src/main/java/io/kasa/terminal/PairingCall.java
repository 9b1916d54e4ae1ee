package io.kasa.terminal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST {base}/api/device/pair} (device protocol 1): the request, and the reading of its
 * answer; and, for an async code, {@code POST {base}/api/device/pair/status} until the merchant
 * has confirmed.
 */
final class PairingCall {

    static final String PATH = "/api/device/pair";
    static final String STATUS_PATH = "/api/device/pair/status";
    static final String WAITING = "WaitingForConfirmation";

    /** What a pairing call or a status poll answered. */
    sealed interface Outcome {
    }

    /** The terminal is paired with this device. */
    record Paired(Pairing pairing) implements Outcome {
    }

    /**
     * The device claimed an async code; the merchant has yet to confirm. The token is the one the
     * device will use once confirmed, and the key to its status until then.
     */
    record Waiting(String terminalId, String deviceToken, String statusPath) implements Outcome {

        @Override
        public String toString() {
            return "Waiting[" + terminalId + ", deviceToken=***, " + statusPath + "]";
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PairingCall() {
    }

    static Outcome send(HttpClient http, URI server, Duration timeout, String code, String serialNo, String model,
                        String appVersion) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(Pairing.resolve(server, PATH))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(code, serialNo, model, appVersion)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return read(server, null, response.statusCode(), response.headers().firstValue("Retry-After"), response.body(),
                Instant.now());
    }

    /** Asks where an async claim stands ({@code Waiting} again, or {@code Paired}). */
    static Outcome poll(HttpClient http, URI server, Duration timeout, Waiting waiting)
            throws IOException, InterruptedException {
        String path = waiting.statusPath() != null && waiting.statusPath().startsWith("/") ? waiting.statusPath() : STATUS_PATH;
        ObjectNode body = JSON.createObjectNode();
        body.put("DeviceToken", waiting.deviceToken());
        HttpRequest request = HttpRequest.newBuilder(Pairing.resolve(server, path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return read(server, waiting, response.statusCode(), response.headers().firstValue("Retry-After"),
                response.body(), Instant.now());
    }

    /** The request body; optional fields are left out when null, and nothing is checked here: the server judges. */
    static String body(String code, String serialNo, String model, String appVersion) {
        ObjectNode body = JSON.createObjectNode();
        body.put("PairCode", code);
        body.put("SerialNo", serialNo);
        if (model != null) {
            body.put("Model", model);
        }
        if (appVersion != null) {
            body.put("AppVersion", appVersion);
        }
        return JSON.writeValueAsString(body);
    }

    /**
     * The pairing answered by a successful envelope.
     *
     * @throws PairingException for any other answer, an async claim's included
     */
    static Pairing answer(URI server, int status, Optional<String> retryAfterHeader, String body, Instant now) {
        return switch (read(server, null, status, retryAfterHeader, body, now)) {
            case Paired paired -> paired.pairing();
            case Waiting waiting -> throw new PairingException(status, 0, null,
                    "the server awaits the merchant's confirmation", null);
        };
    }

    /**
     * The outcome answered by a successful envelope: {@code Paired}, or {@code Waiting} when its
     * {@code Status} is {@value #WAITING}. A status poll's answer carries no token: the claim's
     * ({@code claim}) is kept.
     *
     * @throws PairingException for any other answer
     */
    static Outcome read(URI server, Waiting claim, int status, Optional<String> retryAfterHeader, String body,
                        Instant now) {
        JsonNode envelope = readEnvelope(body);
        Duration retryAfter = retryAfterHeader.flatMap(value -> retryAfter(value, now)).orElse(null);
        boolean succeeded = envelope.path("Succeeded").asBoolean(false);
        if (status / 100 == 2 && succeeded) {
            JsonNode result = envelope.path("Result");
            String token = claim != null ? claim.deviceToken() : text(result, "DeviceToken");
            try {
                if (WAITING.equals(text(result, "Status"))) {
                    if (token == null) {
                        throw new IllegalArgumentException("DeviceToken is required");
                    }
                    String terminalId = claim != null ? claim.terminalId() : text(result, "TerminalId");
                    String statusPath = claim != null ? claim.statusPath() : text(result, "StatusPath");
                    return new Waiting(terminalId, token, statusPath);
                }
                return new Paired(new Pairing(server, text(result, "TerminalId"), text(result, "TerminalPairId"),
                        token, text(result, "LivePath")));
            } catch (IllegalArgumentException incomplete) {
                throw new PairingException(status, 0, null,
                        "the server answered success without a complete Result: " + incomplete.getMessage(), null);
            }
        }
        String message = text(envelope, "Message");
        if (message == null && envelope.isMissingNode()) {
            message = "the answer was not a Kasa envelope";
        }
        throw new PairingException(status, envelope.path("ErrorCode").asInt(0), text(envelope, "ClientMessage"),
                message, retryAfter);
    }

    /** {@code Retry-After} as delta-seconds or as an HTTP date (RFC 9110 10.2.3). */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String trimmed = value.trim();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant until = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, until);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    private static JsonNode readEnvelope(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : JSON.missingNode();
        } catch (JacksonException notJson) {
            return JSON.missingNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }
}
