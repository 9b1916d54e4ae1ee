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
 * <p>What went wrong decides the subclass, so a caller catches what it can act on:
 * <table>
 * <caption>The subclasses and the answers they stand for</caption>
 * <tr><th>subclass</th><th>answer</th></tr>
 * <tr><td>{@link InvalidRequestException}</td><td>400, 405, 413, 415: the request itself is wrong; {@link InvalidRequestException#field()} names the field</td></tr>
 * <tr><td>{@link AuthenticationException}</td><td>401, 403: keys missing, unknown, revoked or of the other family</td></tr>
 * <tr><td>{@link NotFoundException}</td><td>404: no such resource for this merchant</td></tr>
 * <tr><td>{@link ConflictException}</td><td>409: the resource's state or an earlier request stands in the way</td></tr>
 * <tr><td>{@link BusinessRuleException}</td><td>422: understood, and refused by a business rule</td></tr>
 * <tr><td>{@link RateLimitException}</td><td>429: too many requests; wait {@link #retryAfter()}</td></tr>
 * <tr><td>{@link UnavailableException}</td><td>503: busy, or a dependency is down; wait {@link #retryAfter()}</td></tr>
 * <tr><td>{@link NetworkException}</td><td>no answer: connection refused or reset, timeout</td></tr>
 * <tr><td>{@link ServerException}</td><td>500 and any other answer, including one that is not a readable envelope</td></tr>
 * </table>
 * The HTTP status decides; an answer whose status says nothing (a refusal sent with 200, as some
 * Paywall-compatible servers do) is placed by its {@code ClientMessage}. By the time one is
 * thrown, the client has already retried what it may ({@link KasaClient.Builder#maxRetries(int)}).
 *
 * <p>Compare {@link #clientMessage()} with the constants of {@link ClientMessages}; it is the
 * stable part of an error, while {@link #message()} is a sentence in the requested language.
 *
 * <p>A refusal that comes after the server recorded a payment (a sync sale or sync cancel
 * whose terminal could not be reached, {@code Payment.Async.CloudNotSendToDevice}) names that
 * payment: {@link #payment()} and {@link #paymentRequestId()} give its ids, so it can be
 * followed by inquiry like any other. Other refusals name none.
 */
public sealed class KasaException extends RuntimeException
        permits InvalidRequestException, AuthenticationException, NotFoundException, ConflictException,
        BusinessRuleException, RateLimitException, UnavailableException, NetworkException, ServerException {

    /** {@link #errorCode()} of an answer that is not a readable envelope, and of network failures. */
    public static final int UNREADABLE = -1;

    /** {@link #httpStatus()} when no HTTP answer arrived. */
    public static final int NO_RESPONSE = 0;

    @Serial
    private static final long serialVersionUID = 1L;

    /** What an answer (or its absence) said, as every subclass is built from it. */
    record Failure(int httpStatus, int errorCode, String clientMessage, String message, String requestId,
                   Duration retryAfter, SaleResult payment) {
    }

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

    KasaException(Failure failure, Throwable cause) {
        super(describe(failure), cause);
        SaleResult payment = failure.payment();
        this.httpStatus = failure.httpStatus();
        this.errorCode = failure.errorCode();
        this.clientMessage = failure.clientMessage();
        this.serverMessage = failure.message();
        this.requestId = failure.requestId();
        this.retryAfter = failure.retryAfter();
        this.paymentRequestId = payment == null ? null : payment.paymentRequestId();
        this.paymentRequestActivityId = payment == null ? null : payment.paymentRequestActivityId();
        this.paymentRequestActivityTypeId = payment == null ? 0 : payment.paymentRequestActivityTypeId();
        this.paymentStatus = payment == null ? 0 : payment.paymentStatus();
        this.paymentId = payment == null ? null : payment.paymentId();
    }

    static KasaException refused(HttpReply reply, int errorCode, String clientMessage, String message,
                                 SaleResult payment) {
        return of(new Failure(reply.status(), errorCode, clientMessage, message,
                reply.requestId(), reply.retryAfter().orElse(null), payment), null);
    }

    static KasaException unreadable(HttpReply reply, String why, Throwable cause) {
        String snippet = reply.bodySnippet();
        String message = snippet.isEmpty() ? why + " (empty body)" : why + ": " + snippet;
        return of(new Failure(reply.status(), UNREADABLE, null, message,
                reply.requestId(), reply.retryAfter().orElse(null), null), cause);
    }

    static NetworkException unreachable(String method, String uri, Exception cause) {
        return new NetworkException(new Failure(NO_RESPONSE, UNREADABLE, null,
                method + " " + uri + " failed: " + cause, null, null, null), cause);
    }

    /**
     * The one place an answer becomes a subclass: by HTTP status, or, for an answer whose
     * status is not an error, by what its {@code ClientMessage} means ({@link #statusMeant}).
     */
    static KasaException of(Failure failure, Throwable cause) {
        int status = failure.httpStatus() >= 400 ? failure.httpStatus() : statusMeant(failure);
        return switch (status) {
            case 400, 405, 413, 415 -> new InvalidRequestException(failure, cause);
            case 401, 403 -> new AuthenticationException(failure, cause);
            case 404 -> new NotFoundException(failure, cause);
            case 409 -> new ConflictException(failure, cause);
            case 422 -> new BusinessRuleException(failure, cause);
            case 429 -> new RateLimitException(failure, cause);
            case 503 -> new UnavailableException(failure, cause);
            default -> new ServerException(failure, cause);
        };
    }

    /**
     * The HTTP status Kasa's catalog gives a refusal that came without one: the {@code System.*}
     * constants by name, the others by the endings the catalog uses for each status. A refusal
     * without a {@code ClientMessage} is a business rule; an unreadable answer a server fault.
     */
    private static int statusMeant(Failure failure) {
        String message = failure.clientMessage();
        if (message == null) {
            return failure.errorCode() == UNREADABLE ? 500 : 422;
        }
        return switch (message) {
            case ClientMessages.SYSTEM_VALIDATION_ERROR, ClientMessages.SYSTEM_METHOD_NOT_ALLOWED,
                 ClientMessages.SYSTEM_PAYLOAD_TOO_LARGE, ClientMessages.SYSTEM_UNSUPPORTED_MEDIA_TYPE,
                 ClientMessages.CONNECTION_SERVICE_PARAMETERS_INVALID, ClientMessages.PAIR_ASYNC_ABSENT_BODY_PARAM -> 400;
            case ClientMessages.SYSTEM_AUTH_ERROR -> 401;
            case ClientMessages.SYSTEM_FORBIDDEN -> 403;
            case ClientMessages.SYSTEM_RATE_LIMITED, ClientMessages.SYSTEM_RATE_LIMIT_EXCEEDED -> 429;
            case ClientMessages.SYSTEM_UNAVAILABLE, ClientMessages.SYSTEM_DATABASE_UNAVAILABLE, ClientMessages.SYSTEM_BUSY,
                 ClientMessages.TERMINAL_FAILED_TO_GET_TERMINAL_LIST, ClientMessages.PAIR_ASYNC_REQUEST_FAILED,
                 ClientMessages.TRANSACTION_FAILED_TO_GET_TRANSACTION_LIST -> 503;
            case ClientMessages.SYSTEM_SERVER_ERROR -> 500;
            default -> message.endsWith("NotFound") ? 404
                    : message.contains("Already") || message.endsWith("NotPending")
                      || message.endsWith("ConfirmNotCompleted") || message.endsWith("CodeExpired")
                      || message.endsWith("HasTerminals") ? 409
                    : message.startsWith("Payment.Product.") || message.startsWith("Payment.Basket.") ? 400
                    : 422;
        };
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

    private static String describe(Failure failure) {
        int httpStatus = failure.httpStatus();
        int errorCode = failure.errorCode();
        String clientMessage = failure.clientMessage();
        String message = failure.message();
        String requestId = failure.requestId();
        SaleResult payment = failure.payment();
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
