package io.kasa.client;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * The body of a callback Kasa POSTs to a payment's {@code CallbackAddress}
 * ({@code docs/callbacks.md}), as {@link CallbackVerifier#verify(byte[], String)} returns it
 * once it is genuine: the status the payment moved to ({@code paymentStatusId}) for its order
 * ({@code paymentTypeId}), the merchant's {@code merchantUniqueCode} and {@code amount}, and
 * the server's or device's {@code message} (may be null).
 *
 * <p>{@code paymentRequestActivityId} identifies the status change and is also the
 * {@code X-Kasa-Event-Id}; the same event can arrive more than once, so de-duplicate on it
 * (it is covered by the signature, the header is not). {@code hash} is Paywall's Physical POS
 * hash ({@code hashFormat} {@code PhysicalPos}), see {@link CallbackVerifier#hash}.
 *
 * <p>{@code paymentId} is the payment's integer {@code PaymentId}, which the marketplace
 * calls take; Kasa adds it, so it is null in a callback from Paywall itself.
 *
 * <p>The ids, the merchant code, the amount and the hash are required; a body without them is
 * no callback.
 */
public record Callback(UUID connectionId, UUID terminalId, UUID paymentRequestId, UUID paymentRequestActivityId,
                       int paymentTypeId, int paymentStatusId, String merchantUniqueCode, String displayCode,
                       BigDecimal amount, String message, String hash, String hashFormat, int hashKeyType,
                       Long paymentId) {

    public Callback {
        Objects.requireNonNull(paymentRequestId, "PaymentRequestId");
        Objects.requireNonNull(paymentRequestActivityId, "PaymentRequestActivityId");
        Objects.requireNonNull(merchantUniqueCode, "MerchantUniqueCode");
        Objects.requireNonNull(amount, "Amount");
        Objects.requireNonNull(hash, "Hash");
        if (paymentTypeId < 1) {
            throw new IllegalArgumentException("PaymentTypeId must be positive: " + paymentTypeId);
        }
        if (paymentStatusId < 1) {
            throw new IllegalArgumentException("PaymentStatusId must be positive: " + paymentStatusId);
        }
    }

    /** {@link #paymentStatusId()} as a {@link PaymentStatus}: the status the payment moved to. */
    public PaymentStatus status() {
        return PaymentStatus.of(paymentStatusId);
    }

    /** {@link #paymentTypeId()} as a {@link PaymentType}. */
    public PaymentType type() {
        return PaymentType.of(paymentTypeId);
    }
}
