package io.kasa.server.device;

import io.kasa.server.terminal.DeviceIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import java.io.IOException;
import java.time.Instant;

/**
 * One WebSocket connection of a device: who it is once authenticated, when it opened and
 * when it was last heard from. Sends are serialised and bounded so a slow device cannot
 * hold up the server.
 */
final class DeviceSession {

    private static final Logger log = LoggerFactory.getLogger(DeviceSession.class);
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT_BYTES = 512 * 1024;

    private final WebSocketSession socket;
    private final Instant openedAt;
    private volatile DeviceIdentity identity;
    private volatile Instant lastInbound;
    private volatile Instant lastPing;
    /** The parts so far of a message that arrives in parts; null between messages. */
    private StringBuilder parts;

    DeviceSession(WebSocketSession socket, Instant openedAt) {
        this.socket = new ConcurrentWebSocketSessionDecorator(socket, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
        this.openedAt = openedAt;
        this.lastInbound = openedAt;
        this.lastPing = openedAt;
    }

    String id() {
        return socket.getId();
    }

    DeviceIdentity identity() {
        return identity;
    }

    void authenticated(DeviceIdentity identity) {
        this.identity = identity;
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant lastInbound() {
        return lastInbound;
    }

    void heard(Instant at) {
        lastInbound = at;
    }

    Instant lastPing() {
        return lastPing;
    }

    void pinged(Instant at) {
        lastPing = at;
    }

    /**
     * Joins a device message that arrives in parts (WebSocket fragments, or a message longer
     * than the server's text buffer). Returns the whole message once its last part is in, and
     * null before that; a message longer than {@code maxChars} is dropped, the connection closed
     * with 1009, and null returned. Called for one session by one thread at a time, in order.
     */
    String join(String part, boolean last, int maxChars) {
        if (parts == null && last) {
            return part.length() <= maxChars ? part : tooBig();
        }
        if (parts == null) {
            parts = new StringBuilder(part.length() * 2);
        }
        if (parts.length() + part.length() > maxChars) {
            parts = null;
            return tooBig();
        }
        parts.append(part);
        if (!last) {
            return null;
        }
        String whole = parts.toString();
        parts = null;
        return whole;
    }

    private String tooBig() {
        close(CloseStatus.TOO_BIG_TO_PROCESS);
        return null;
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    /** Sends one text frame; false (and the connection closed) when it could not be sent. */
    boolean send(String text) {
        try {
            socket.sendMessage(new TextMessage(text));
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("Send to device session {} failed: {}", id(), e.toString());
            close(CloseStatus.SERVER_ERROR);
            return false;
        }
    }

    void close(CloseStatus status) {
        try {
            socket.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing device session {} failed: {}", id(), e.toString());
        }
    }
}
