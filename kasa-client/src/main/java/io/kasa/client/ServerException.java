package io.kasa.client;

import java.io.Serial;

/**
 * 500 ({@code System.ServerError}, logged by the server under {@link #requestId()}), any other
 * status this client has no better type for, and an answer that is not a readable envelope
 * ({@link #errorCode()} {@value KasaException#UNREADABLE}).
 */
public final class ServerException extends KasaException {

    @Serial
    private static final long serialVersionUID = 1L;

    ServerException(Failure failure, Throwable cause) {
        super(failure, cause);
    }
}
