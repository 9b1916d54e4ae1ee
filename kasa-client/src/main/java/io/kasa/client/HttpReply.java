package io.kasa.client;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One HTTP answer as received: status, raw body bytes (JSON is UTF-8 by definition) and
 * headers. Envelope parsing works on this so it can be tested without a network.
 */
record HttpReply(int status, byte[] body, HttpHeaders headers) {

    static final String REQUEST_ID = "X-Request-Id";
    static final String RETRY_AFTER = "Retry-After";

    boolean successful() {
        return status >= 200 && status < 300;
    }

    String requestId() {
        return headers.firstValue(REQUEST_ID).orElse(null);
    }

    /**
     * {@code Retry-After} as delta-seconds or as an HTTP date (measured from now, never
     * negative); empty when absent or malformed.
     */
    Optional<Duration> retryAfter() {
        return headers.firstValue(RETRY_AFTER).map(String::trim).flatMap(HttpReply::parseRetryAfter);
    }

    private static Optional<Duration> parseRetryAfter(String value) {
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException malformed) {
            return Optional.empty();
        }
    }

    /** The start of the body as text, for exception messages about answers that are not envelopes. */
    String bodySnippet() {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
