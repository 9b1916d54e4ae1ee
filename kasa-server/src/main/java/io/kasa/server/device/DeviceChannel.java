package io.kasa.server.device;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.terminal.DeviceIdentity;
import io.kasa.server.terminal.Pairing;
import io.kasa.server.terminal.TerminalUnpaired;
import io.kasa.server.terminal.Terminals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's end of the device protocol: authenticates each connection by its first
 * message, keeps one live connection per terminal, exchanges heartbeats, and closes
 * connections that fall silent, are unpaired or are replaced.
 */
@Component
class DeviceChannel extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(DeviceChannel.class);

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Map<String, DeviceSession> sessions = new ConcurrentHashMap<>();
    private final LiveSessions live;
    private final Pairing pairing;
    private final Terminals terminals;
    private final DeviceSettings settings;
    private final BusinessTime time;

    DeviceChannel(LiveSessions live, Pairing pairing, Terminals terminals, DeviceSettings settings, BusinessTime time) {
        this.live = live;
        this.pairing = pairing;
        this.terminals = terminals;
        this.settings = settings;
        this.time = time;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        DeviceSession session = new DeviceSession(socket, time.now());
        sessions.put(socket.getId(), session);
        live.opened(session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage text) {
        DeviceSession session = sessions.get(socket.getId());
        if (session == null) {
            return;
        }
        Instant now = time.now();
        DeviceMessage message;
        try {
            message = json.readValue(text.getPayload(), DeviceMessage.class);
        } catch (JacksonException e) {
            message = null;
        }
        if (message == null || message.type() == null) {
            session.close(session.identity() == null ? CloseCodes.AUTH_FAILED : CloseCodes.MALFORMED);
            return;
        }
        session.heard(now);
        if (session.identity() == null) {
            hello(session, message, now);
            return;
        }
        switch (message.type()) {
            case "ping" -> session.send(json, DeviceMessage.pong(message.id()));
            case "pong", "hello" -> {
                // a sign of life is all a pong carries; a repeated hello changes nothing
            }
            default -> session.send(json, DeviceMessage.error("unknown-type", "unknown message type " + message.type()));
        }
    }

    private void hello(DeviceSession session, DeviceMessage message, Instant now) {
        Optional<DeviceIdentity> identity = "hello".equals(message.type())
                ? pairing.authenticateDevice(message.token())
                : Optional.empty();
        if (identity.isEmpty()) {
            session.send(json, DeviceMessage.error("auth", "the device token is missing, unknown or revoked"));
            session.close(CloseCodes.AUTH_FAILED);
            return;
        }
        DeviceIdentity device = identity.get();
        session.authenticated(device);
        live.authenticated(session).ifPresent(replaced -> replaced.close(CloseCodes.REPLACED));
        session.send(json, DeviceMessage.welcome(device.terminalId(), device.terminalPairId(), settings, now));
        terminals.markSeen(List.of(device.terminalId()), now);
        // An unpair that committed between the token check and registration must still win.
        if (!pairing.isActive(device.terminalPairId())) {
            session.close(CloseCodes.UNPAIRED);
        }
        log.info("Terminal {} connected (session {})", device.terminalId(), session.id());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        DeviceSession session = sessions.remove(socket.getId());
        if (session == null) {
            return;
        }
        live.closed(session);
        if (session.identity() != null) {
            terminals.markSeen(List.of(session.identity().terminalId()), session.lastInbound());
            log.info("Terminal {} disconnected ({})", session.identity().terminalId(), status);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession socket, Throwable failure) {
        log.debug("Device session {} transport error: {}", socket.getId(), failure.toString());
    }

    /** Closes the live connection of a pairing that has just ended. */
    @TransactionalEventListener
    void onUnpaired(TerminalUnpaired event) {
        live.ofPairing(event.terminalId(), event.terminalPairId()).ifPresent(session -> session.close(CloseCodes.UNPAIRED));
    }

    /** Heartbeats and deadlines, once a second. */
    @Scheduled(fixedDelay = 1000)
    void tick() {
        Instant now = time.now();
        for (DeviceSession session : live.unauthenticated()) {
            if (session.openedAt().plus(settings.helloTimeout()).isBefore(now)) {
                session.close(CloseCodes.AUTH_FAILED);
            }
        }
        for (DeviceSession session : live.live()) {
            if (session.lastInbound().plus(settings.idleTimeout()).isBefore(now)) {
                session.close(CloseCodes.IDLE);
                // A dead TCP peer may never confirm the close: forget the session now.
                live.closed(session);
            } else if (!session.lastPing().plus(settings.heartbeat()).isAfter(now)) {
                session.pinged(now);
                session.send(json, DeviceMessage.ping(Long.toString(now.toEpochMilli())));
            }
        }
    }

    /** Writes when connected devices were last heard from, so the time survives a disconnect. */
    @Scheduled(fixedDelayString = "${kasa.device.last-seen-flush:15s}")
    void flushLastSeen() {
        List<UUID> connected = live.live().stream()
                .filter(DeviceSession::isOpen)
                .map(session -> session.identity().terminalId())
                .toList();
        terminals.markSeen(connected, time.now());
    }
}
