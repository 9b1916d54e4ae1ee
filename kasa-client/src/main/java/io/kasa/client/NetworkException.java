package io.kasa.client;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.io.Serial;

/**
 * No answer arrived ({@link #httpStatus()} {@value KasaException#NO_RESPONSE}): the connection
 * could not be opened, was reset, or the call's timeout passed. The cause is the
 * {@link java.io.IOException} (or the {@link InterruptedException} of an interrupted caller).
 * Whether the server acted on the request is unknown unless {@link #requestSent()} is false.
 */
public final class NetworkException extends KasaException {

    @Serial
    private static final long serialVersionUID = 1L;

    NetworkException(Failure failure, Throwable cause) {
        super(failure, cause);
    }

    /** Whether the call's timeout passed before the answer (or the connection) came. */
    public boolean isTimeout() {
        return getCause() instanceof HttpTimeoutException;
    }

    /**
     * False when the connection could not even be opened (refused, or its connect timeout
     * passed): the server never saw the request. True when it may have.
     */
    public boolean requestSent() {
        return !(getCause() instanceof ConnectException || getCause() instanceof HttpConnectTimeoutException);
    }
}
