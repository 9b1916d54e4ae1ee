package io.kasa.client;

import java.io.Serial;

/**
 * 409: the resource's state, or an earlier request, stands in the way: the
 * {@code MerchantUniqueCode} is taken by another body
 * ({@code Payment.Async.MerchantUniqueCodeAlreadyExists}), the payment already has a cancel
 * ({@code Payment.Async.AlreadyHasRefundOrCancel}), a tag code or serial number is in use, a
 * pair request is no longer pending, the device has not confirmed yet
 * ({@code Pair.Async.ConfirmNotCompleted}: try again later).
 */
public final class ConflictException extends KasaException {

    @Serial
    private static final long serialVersionUID = 1L;

    ConflictException(Failure failure, Throwable cause) {
        super(failure, cause);
    }
}
