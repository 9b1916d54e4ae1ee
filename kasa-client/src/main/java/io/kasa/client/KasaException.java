package io.kasa.client;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A call that did not succeed: the server refused it (the envelope's {@code ErrorCode},
 * {@code ClientMessage} and {@code Message} are kept), answered something that is not a
 * readable envelope ({@link #errorCode()} {@value #UNREADABLE}), or could not be reached
 * ({@link #httpStatus()} {@value #NO_RESPONSE}, the cause is the {@link java.io.IOException}).
 *
 * <p>Compare {@link #clientMessage()} with the constants of {@link ClientMessages}; it is the
 * stable part of an error, while {@link #message()} is a sentence in the requested language.
 *
 * <p>A refusal that comes after the server recorded a payment (a sync sale or sync cancel
 * whose terminal could not be reached, {@code Payment.Async.CloudNotSendToDevice}) names that
 * payment: {@link #payment()} and {@link #paymentRequestId()} give its ids, so it can be
 * followed by inquiry like any other. Other refusals name none.
 */
public final class KasaException extends RuntimeException {

    /** {@link #errorCode()} of an answer that is not a readable envelope, and of network failures. */
    public static final int UNREADABLE = -1;

    /** {@link #httpStatus()} when no HTTP answer arrived. */
    public static final int NO_RESPONSE = 0;

    @Serial
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;
    private final String clientMessage;
    private final String serverMessage;
    private final String requestId;
    private final Duration retryAfter;
    private final UUID paymentRequestId;
    private final UUID paymentRequestActivityId;
    private final int paymentRequestActivityTypeId;
    private final int paymentStatus;
    private final Long paymentId;

    KasaException(int httpStatus, int errorCode, String clientMessage, String serverMessage,
                  String requestId, Duration retryAfter, SaleResult payment, Throwable cause) {
        super(describe(httpStatus, errorCode, clientMessage, serverMessage, requestId, payment), cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.clientMessage = clientMessage;
        this.serverMessage = serverMessage;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
        this.paymentRequestId = payment == null ? null : payment.paymentRequestId();
        this.paymentRequestActivityId = payment == null ? null : payment.paymentRequestActivityId();
        this.paymentRequestActivityTypeId = payment == null ? 0 : payment.paymentRequestActivityTypeId();
        this.paymentStatus = payment == null ? 0 : payment.paymentStatus();
        this.paymentId = payment == null ? null : payment.paymentId();
    }

    static KasaException refused(HttpReply reply, int errorCode, String clientMessage, String message,
                                 SaleResult payment) {
        return new KasaException(reply.status(), errorCode, clientMessage, message,
                reply.requestId(), reply.retryAfter().orElse(null), payment, null);
    }

    static KasaException unreadable(HttpReply reply, String why, Throwable cause) {
        String snippet = reply.bodySnippet();
        String message = snippet.isEmpty() ? why + " (empty body)" : why + ": " + snippet;
        return new KasaException(reply.status(), UNREADABLE, null, message,
                reply.requestId(), reply.retryAfter().orElse(null), null, cause);
    }

    static KasaException unreachable(String method, String uri, Exception cause) {
        return new KasaException(NO_RESPONSE, UNREADABLE, null,
                method + " " + uri + " failed: " + cause, null, null, null, cause);
    }

    /** The HTTP status of the answer; {@value #NO_RESPONSE} when none arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The envelope's {@code ErrorCode}; {@value #UNREADABLE} when there was no readable envelope. */
    public int errorCode() {
        return errorCode;
    }

    /** The envelope's {@code ClientMessage}, e.g. {@code "Terminal.NotFound"}; null when absent. */
    public String clientMessage() {
        return clientMessage;
    }

    /**
     * The envelope's {@code Message} in the requested language; for unreadable answers and
     * network failures a description of what went wrong. May be null.
     */
    public String message() {
        return serverMessage;
    }

    /** The answer's {@code X-Request-Id} header, the key to the server's log lines; null when absent. */
    public String requestId() {
        return requestId;
    }

    /** How long the server asked to wait before retrying ({@code Retry-After}), typically with 429. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * The payment the refused request recorded, as its {@code Result} named it: the same ids a
     * successful sale answers. Empty when the refusal names no payment.
     */
    public Optional<SaleResult> payment() {
        return paymentRequestId == null
                ? Optional.empty()
                : Optional.of(new SaleResult(paymentRequestId, paymentRequestActivityId,
                        paymentRequestActivityTypeId, paymentStatus, paymentId));
    }

    /** The {@code PaymentRequestId} of {@link #payment()}: keep it to follow the payment by inquiry. */
    public Optional<UUID> paymentRequestId() {
        return Optional.ofNullable(paymentRequestId);
    }

    /** Whether {@link #clientMessage()} is the given catalog constant. */
    public boolean is(String clientMessage) {
        return Objects.equals(this.clientMessage, clientMessage);
    }

    private static String describe(int httpStatus, int errorCode, String clientMessage,
                                   String message, String requestId, SaleResult payment) {
        StringBuilder text = new StringBuilder();
        text.append(httpStatus == NO_RESPONSE ? "no response" : "HTTP " + httpStatus);
        if (clientMessage != null) {
            text.append(' ').append(clientMessage);
        }
        if (errorCode != UNREADABLE) {
            text.append(" (").append(errorCode).append(')');
        }
        if (message != null) {
            text.append(": ").append(message);
        }
        if (payment != null) {
            text.append(" [payment ").append(payment.paymentRequestId())
                    .append(", status ").append(payment.paymentStatus()).append(']');
        }
        if (requestId != null) {
            text.append(" [request ").append(requestId).append(']');
        }
        return text.toString();
    }
}
