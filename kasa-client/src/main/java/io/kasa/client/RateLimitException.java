package io.kasa.client;

import java.io.Serial;

/**
 * 429: too many requests. {@code System.RateLimitExceeded} is the caller's request rate (the
 * server did nothing; the client retries it by itself when its {@link #retryAfter()} is within
 * the retry delay); {@code System.RateLimited} is too many wrong pair codes from one source, a
 * penalty that is never retried. Wait {@link #retryAfter()} before the next try.
 */
public final class RateLimitException extends KasaException {

    @Serial
    private static final long serialVersionUID = 1L;

    RateLimitException(Failure failure, Throwable cause) {
        super(failure, cause);
    }
}
