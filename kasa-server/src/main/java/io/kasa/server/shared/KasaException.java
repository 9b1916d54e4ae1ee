package io.kasa.server.shared;

import java.time.Duration;

/**
 * The one exception type for refusals. It names a catalog entry and may add a detail (in
 * both languages) such as the field that failed; the web layer renders it as the envelope
 * with the entry's HTTP status. A refusal that comes after the request created something
 * (a sync sale recorded, then not deliverable) carries it as its {@link #result()}, which the
 * envelope shows as {@code Result}, so the caller still learns the ids it can follow.
 */
public class KasaException extends RuntimeException {

    private final KasaError error;
    private final LocalizedText detail;
    private final Duration retryAfter;
    private final transient Object result;

    public KasaException(KasaError error) {
        this(error, null, null);
    }

    public KasaException(KasaError error, LocalizedText detail) {
        this(error, detail, null);
    }

    public KasaException(KasaError error, LocalizedText detail, Duration retryAfter) {
        this(error, detail, retryAfter, null);
    }

    private KasaException(KasaError error, LocalizedText detail, Duration retryAfter, Object result) {
        super(error.clientMessage() + (detail == null ? "" : ": " + detail.en()), null, false, false);
        this.error = error;
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.result = result;
    }

    /** The same refusal carrying {@code result}: what the refused request created, as the caller should see it. */
    public KasaException withResult(Object result) {
        return new KasaException(error, detail, retryAfter, result);
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

    /** What the refused request created, rendered as the envelope's {@code Result}; null when it created nothing. */
    public Object result() {
        return result;
    }

    public LocalizedText message() {
        return error.text().withDetail(detail);
    }
}
