package io.kasa.client;

import java.time.LocalDateTime;

/**
 * One try at delivering a callback: when, the target's HTTP status ({@code statusCode}, null
 * when no answer came: timeout, refused connection, refused target), why it failed
 * ({@code error}, null on success) and how long it took. {@code date} is a local date-time in
 * the server's business time zone.
 */
public record CallbackAttempt(LocalDateTime date, Integer statusCode, String error, long durationMs) {
}
