package io.kasa.client;

import java.io.Serial;

/**
 * 404: no such resource for this merchant ({@code Terminal.NotFound},
 * {@code Payment.Request.RequestNotFound}, a member's 198, …; another merchant's ids are
 * unknown too), or no such endpoint ({@code System.NotFound}).
 */
public final class NotFoundException extends KasaException {

    @Serial
    private static final long serialVersionUID = 1L;

    NotFoundException(Failure failure, Throwable cause) {
        super(failure, cause);
    }
}
