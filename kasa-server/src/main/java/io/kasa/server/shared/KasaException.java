package io.kasa.server.shared;

import java.time.Duration;

/**
 * The one exception type for refusals. It names a catalog entry and may add a detail (in
 * both languages) such as the field that failed; the web layer renders it as the envelope
 * with the entry's HTTP status.
 */
public class KasaException extends RuntimeException {

    private final KasaError error;
    private final LocalizedText detail;
    private final Duration retryAfter;

    public KasaException(KasaError error) {
        this(error, null, null);
    }

    public KasaException(KasaError error, LocalizedText detail) {
        this(error, detail, null);
    }

    public KasaException(KasaError error, LocalizedText detail, Duration retryAfter) {
        super(error.clientMessage() + (detail == null ? "" : ": " + detail.en()), null, false, false);
        this.error = error;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    public KasaError error() {
        return error;
    }

    public LocalizedText detail() {
        return detail;
    }

    /** How long a rate-limited caller should wait; null when not rate limited. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public LocalizedText message() {
        return error.text().withDetail(detail);
    }
}
