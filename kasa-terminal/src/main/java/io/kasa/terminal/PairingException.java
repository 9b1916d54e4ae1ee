package io.kasa.terminal;

import java.time.Duration;
import java.util.Optional;

/**
 * The server refused a pairing call. The fields mirror the Physical envelope of the answer
 * ({@code ErrorCode}, {@code ClientMessage}, {@code Message}); when the answer was not such an
 * envelope (a proxy's error page, say) {@code errorCode} is 0 and {@code clientMessage} is null.
 */
public final class PairingException extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;
    private final String clientMessage;
    private final String serverMessage;
    private final Duration retryAfter;

    public PairingException(int httpStatus, int errorCode, String clientMessage, String serverMessage,
                            Duration retryAfter) {
        super(describe(httpStatus, errorCode, clientMessage, serverMessage, retryAfter));
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.clientMessage = clientMessage;
        this.serverMessage = serverMessage;
        this.retryAfter = retryAfter;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The envelope's {@code ErrorCode}, e.g. 4003; 0 when the answer carried none. */
    public int errorCode() {
        return errorCode;
    }

    /** The envelope's {@code ClientMessage}, e.g. {@code Pair.Sync.CodeInvalid}; null when absent. */
    public String clientMessage() {
        return clientMessage;
    }

    /** The envelope's human-readable {@code Message}, in the server's language; null when absent. */
    public String serverMessage() {
        return serverMessage;
    }

    /** How long the device must wait before trying again (the {@code Retry-After} header of a 429). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isRateLimited() {
        return httpStatus == 429;
    }

    private static String describe(int httpStatus, int errorCode, String clientMessage, String serverMessage,
                                   Duration retryAfter) {
        StringBuilder text = new StringBuilder("pairing refused with HTTP ").append(httpStatus);
        if (clientMessage != null) {
            text.append(' ').append(clientMessage);
        }
        if (errorCode != 0) {
            text.append(" (").append(errorCode).append(')');
        }
        if (serverMessage != null && !serverMessage.isBlank()) {
            text.append(": ").append(serverMessage);
        }
        if (retryAfter != null) {
            text.append("; retry after ").append(retryAfter.toSeconds()).append(" s");
        }
        return text.toString();
    }
}
