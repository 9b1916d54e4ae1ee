package io.kasa.client;

import java.io.Serial;

/**
 * 503: the server is busy ({@code System.Busy}: it did nothing with the request, see
 * {@link #isBusy()}), its database cannot be reached ({@code System.DatabaseUnavailable}), or a
 * provider failed. Apart from {@code System.Busy} the request may have been carried out: repeat
 * a sale with the same {@code MerchantUniqueCode} to learn its payment. Wait
 * {@link #retryAfter()} when there is one.
 */
public final class UnavailableException extends KasaException {

    @Serial
    private static final long serialVersionUID = 1L;

    UnavailableException(Failure failure, Throwable cause) {
        super(failure, cause);
    }

    /** Whether this is {@code System.Busy}: the server did nothing with the request, so any call may be sent again. */
    public boolean isBusy() {
        return is(ClientMessages.SYSTEM_BUSY);
    }
}
