package io.kasa.client;

import java.io.Serial;

/**
 * 422: a well-formed request a business rule refuses: a cancel or rollback in the wrong status
 * ({@code Payment.Async.NotConvenientStatusForThisOperation}), a wrong pair code, a terminal
 * that could not be reached ({@code Payment.Async.CloudNotSendToDevice}, which names the
 * payment it recorded: see {@link #payment()}).
 */
public final class BusinessRuleException extends KasaException {

    @Serial
    private static final long serialVersionUID = 1L;

    BusinessRuleException(Failure failure, Throwable cause) {
        super(failure, cause);
    }
}
