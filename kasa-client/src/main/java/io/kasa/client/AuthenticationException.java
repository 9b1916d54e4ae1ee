package io.kasa.client;

import java.io.Serial;

/**
 * 401 or 403: the call's keys are missing, unknown, revoked or expired, or belong to the other
 * family ({@code System.AuthError}); or the caller may not do this ({@code System.Forbidden}).
 * Never retried: the same keys get the same answer.
 */
public final class AuthenticationException extends KasaException {

    @Serial
    private static final long serialVersionUID = 1L;

    AuthenticationException(Failure failure, Throwable cause) {
        super(failure, cause);
    }
}
