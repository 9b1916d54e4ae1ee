package io.kasa.client;

import java.io.Serial;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A call that did not succeed: the server refused it (the envelope's {@code ErrorCode},
 * {@code ClientMessage} and {@code Message} are kept), answered something that is not a
 * readable envelope ({@link #errorCode()} {@value #UNREADABLE}), or could not be reached
 * ({@link #httpStatus()} {@value #NO_RESPONSE}, the cause is the {@link java.io.IOException}).
 *
 * <p>Compare {@link #clientMessage()} with the constants of {@link ClientMessages}; it is the
 * stable part of an error, while {@link #message()} is a sentence in the requested language.
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

    KasaException(int httpStatus, int errorCode, String clientMessage, String serverMessage,
                  String requestId, Duration retryAfter, Throwable cause) {
        super(describe(httpStatus, errorCode, clientMessage, serverMessage, requestId), cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.clientMessage = clientMessage;
        this.serverMessage = serverMessage;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
    }

    static KasaException refused(HttpReply reply, int errorCode, String clientMessage, String message) {
        return new KasaException(reply.status(), errorCode, clientMessage, message,
                reply.requestId(), reply.retryAfter().orElse(null), null);
    }

    static KasaException unreadable(HttpReply reply, String why, Throwable cause) {
        String snippet = reply.bodySnippet();
        String message = snippet.isEmpty() ? why + " (empty body)" : why + ": " + snippet;
        return new KasaException(reply.status(), UNREADABLE, null, message,
                reply.requestId(), reply.retryAfter().orElse(null), cause);
    }

    static KasaException unreachable(String method, String uri, Exception cause) {
        return new KasaException(NO_RESPONSE, UNREADABLE, null,
                method + " " + uri + " failed: " + cause, null, null, cause);
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

    /** Whether {@link #clientMessage()} is the given catalog constant. */
    public boolean is(String clientMessage) {
        return Objects.equals(this.clientMessage, clientMessage);
    }

    private static String describe(int httpStatus, int errorCode, String clientMessage,
                                   String message, String requestId) {
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
        if (requestId != null) {
            text.append(" [request ").append(requestId).append(']');
        }
        return text.toString();
    }
}
