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
