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

/** {@code POST {base}/api/device/pair} (device protocol 1): the request, and the reading of its answer. */
final class PairingCall {

    static final String PATH = "/api/device/pair";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PairingCall() {
    }

    static Pairing send(HttpClient http, URI server, Duration timeout, String code, String serialNo, String model,
                        String appVersion) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(Pairing.resolve(server, PATH))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(code, serialNo, model, appVersion)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return answer(server, response.statusCode(), response.headers().firstValue("Retry-After"), response.body(),
                Instant.now());
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
     * @throws PairingException for any other answer
     */
    static Pairing answer(URI server, int status, Optional<String> retryAfterHeader, String body, Instant now) {
        JsonNode envelope = readEnvelope(body);
        Duration retryAfter = retryAfterHeader.flatMap(value -> retryAfter(value, now)).orElse(null);
        boolean succeeded = envelope.path("Succeeded").asBoolean(false);
        if (status / 100 == 2 && succeeded) {
            JsonNode result = envelope.path("Result");
            try {
                return new Pairing(server, text(result, "TerminalId"), text(result, "TerminalPairId"),
                        text(result, "DeviceToken"), text(result, "LivePath"));
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
