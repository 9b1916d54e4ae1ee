package io.kasa.server.device;

import org.springframework.web.socket.CloseStatus;

/** The close codes of the device protocol. */
final class CloseCodes {

    static final CloseStatus MALFORMED = new CloseStatus(4400, "malformed message");
    static final CloseStatus AUTH_FAILED = new CloseStatus(4401, "authentication failed");
    static final CloseStatus UNPAIRED = new CloseStatus(4403, "unpaired");
    static final CloseStatus IDLE = new CloseStatus(4408, "idle timeout");
    static final CloseStatus REPLACED = new CloseStatus(4409, "replaced by a newer connection");
    /** RFC 6455's "Try Again Later": the server could not store a message (its database is unreachable). */
    static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "try again later");

    private CloseCodes() {
    }
}
