package io.kasa.server.device;

import io.kasa.server.payment.DeviceReports;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.DatabaseOutage;
import io.kasa.server.terminal.DeviceIdentity;
import io.kasa.server.terminal.Pairing;
import io.kasa.server.terminal.TerminalUnpaired;
import io.kasa.server.terminal.Terminals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's end of the device protocol: authenticates each connection by its first
 * message, keeps one live connection per terminal, exchanges heartbeats, and closes
 * connections that fall silent, are unpaired or are replaced. A message that cannot be
 * stored because the database is unreachable is not acknowledged: the connection is closed
 * with 1013, and the device repeats the message after reconnecting (protocol §3.3).
 * Heartbeats need no database, so idle devices stay connected through an outage.
 */
@Component
class DeviceChannel extends TextWebSocketHandler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeviceChannel.class);

    private final Map<String, DeviceSession> sessions = new ConcurrentHashMap<>();
    private final DeviceJson json;
    private final LiveSessions live;
    private final Pairing pairing;
    private final Terminals terminals;
    private final DeviceReports reports;
    private final DeviceSettings settings;
    private final BusinessTime time;
    private final DatabaseOutage outage;
    private volatile boolean stopping;

    DeviceChannel(DeviceJson json, LiveSessions live, Pairing pairing, Terminals terminals, DeviceReports reports,
                  DeviceSettings settings, BusinessTime time, DatabaseOutage outage) {
        this.json = json;
        this.live = live;
        this.pairing = pairing;
        this.terminals = terminals;
        this.reports = reports;
        this.settings = settings;
        this.time = time;
        this.outage = outage;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        DeviceSession session = new DeviceSession(socket, time.now());
        sessions.put(socket.getId(), session);
        live.opened(session);
    }

    /**
     * Parts are taken and joined up to {@link LiveConnectionEndpoint#MAX_MESSAGE_CHARS}; Jetty
     * delivers each device message whole, gathered only while it arrives, so in practice every
     * message is one last part.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage text) {
        DeviceSession session = sessions.get(socket.getId());
        if (session == null) {
            return;
        }
        String whole = session.join(text.getPayload(), text.isLast(), LiveConnectionEndpoint.MAX_MESSAGE_CHARS);
        if (whole != null) {
            handle(session, whole);
        }
    }

    private void handle(DeviceSession session, String text) {
        Instant now = time.now();
        DeviceMessage message;
        try {
            message = json.read(text);
        } catch (JacksonException e) {
            message = null;
        }
        if (message == null || message.type() == null) {
            session.close(session.identity() == null ? CloseCodes.AUTH_FAILED : CloseCodes.MALFORMED);
            return;
        }
        session.heard(now);
        try {
            handle(session, message, now);
        } catch (RuntimeException e) {
            if (!outage.absorbs("a device message", e)) {
                throw e;
            }
            session.send(json.write(DeviceMessage.error("unavailable",
                    "the server cannot store messages now; reconnect and repeat them")));
            session.close(CloseCodes.TRY_AGAIN_LATER);
        }
    }

    private void handle(DeviceSession session, DeviceMessage message, Instant now) {
        if (session.identity() == null) {
            hello(session, message, now);
            return;
        }
        UUID terminalId = session.identity().terminalId();
        switch (message.type()) {
            case "ping" -> session.send(json.write(DeviceMessage.pong(message.id())));
            case "pong", "hello" -> {
                // a sign of life is all a pong carries; a repeated hello changes nothing
            }
            case "received" -> {
                if (hasOrder(session, message)) {
                    reports.received(terminalId, message.orderId());
                }
            }
            case "taken" -> {
                if (hasOrder(session, message)) {
                    switch (reports.taken(terminalId, message.orderId())) {
                        case ACCEPTED -> session.send(json.write(DeviceMessage.ack(message.orderId(), "taken")));
                        case WITHDRAWN -> session.send(json.write(DeviceMessage.withdraw(message.orderId(), "withdrawn")));
                        case UNKNOWN -> session.send(json.write(DeviceMessage.error("unknown-order", "no such order " + message.orderId())));
                    }
                }
            }
            case "outcome" -> outcome(session, message);
            default -> session.send(json.write(DeviceMessage.error("unknown-type", "unknown message type " + message.type())));
        }
    }

    private void outcome(DeviceSession session, DeviceMessage message) {
        if (!hasOrder(session, message)) {
            return;
        }
        if (!"approved".equals(message.result()) && !"declined".equals(message.result())) {
            session.send(json.write(DeviceMessage.error("bad-outcome", "result must be approved or declined")));
            return;
        }
        DeviceReports.Outcome outcome = new DeviceReports.Outcome("approved".equals(message.result()),
                clip(message.message(), 255), json.write(cleanCard(message.card())), clip(message.providerReference(), 100));
        if (reports.outcome(session.identity().terminalId(), message.orderId(), outcome)) {
            session.send(json.write(DeviceMessage.ack(message.orderId(), "outcome")));
        } else {
            session.send(json.write(DeviceMessage.error("unknown-order", "no such order " + message.orderId())));
        }
    }

    private boolean hasOrder(DeviceSession session, DeviceMessage message) {
        if (message.orderId() == null) {
            session.send(json.write(DeviceMessage.error("bad-message", message.type() + " needs an orderId")));
            return false;
        }
        return true;
    }

    /** Keeps only masked card data of sane length: a full card number is never stored. */
    private static DeviceMessage.Card cleanCard(DeviceMessage.Card card) {
        if (card == null) {
            return null;
        }
        String masked = card.maskedPan() == null ? null : clip(card.maskedPan(), 25);
        if (masked != null && masked.chars().filter(Character::isDigit).count() > 10) {
            masked = null;
        }
        return new DeviceMessage.Card(masked, clip(card.brand(), 20), clip(card.authCode(), 12));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private void hello(DeviceSession session, DeviceMessage message, Instant now) {
        Optional<DeviceIdentity> identity = "hello".equals(message.type())
                ? pairing.authenticateDevice(message.token())
                : Optional.empty();
        if (identity.isEmpty()) {
            session.send(json.write(DeviceMessage.error("auth", "the device token is missing, unknown or revoked")));
            session.close(CloseCodes.AUTH_FAILED);
            return;
        }
        DeviceIdentity device = identity.get();
        session.authenticated(device);
        live.authenticated(session).ifPresent(replaced -> replaced.close(CloseCodes.REPLACED));
        session.send(json.write(DeviceMessage.welcome(device.terminalId(), device.terminalPairId(), device.terminalName(),
                settings, now)));
        terminals.markSeen(List.of(device.terminalId()), now);
        // An unpair that committed between the token check and registration must still win.
        if (!pairing.isActive(device.terminalPairId())) {
            session.close(CloseCodes.UNPAIRED);
            return;
        }
        log.info("Terminal {} connected (session {})", device.terminalId(), session.id());
        reports.connected(device.terminalId());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        DeviceSession session = sessions.remove(socket.getId());
        if (session == null) {
            return;
        }
        live.closed(session);
        if (session.identity() != null) {
            log.info("Terminal {} disconnected ({})", session.identity().terminalId(), status);
            if (stopping) {
                return;
            }
            outage.tolerate("recording a device's last-seen time",
                    () -> terminals.markSeen(List.of(session.identity().terminalId()), session.lastInbound()));
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
        String ping = json.write(DeviceMessage.ping(Long.toString(now.toEpochMilli())));
        for (DeviceSession session : live.live()) {
            if (session.lastInbound().plus(settings.idleTimeout()).isBefore(now)) {
                session.close(CloseCodes.IDLE);
                // A dead TCP peer may never confirm the close: forget the session now.
                live.closed(session);
            } else if (!session.lastPing().plus(settings.heartbeat()).isAfter(now)
                    && !session.lastInbound().plus(settings.heartbeat()).isAfter(now)) {
                // A device that pings on time hears the server's pongs: the server pings only
                // one that has been silent for a heartbeat, which halves an idle terminal's traffic.
                session.pinged(now);
                session.send(ping);
            }
        }
    }

    /** Writes when connected devices were last heard from, so the time survives a disconnect. */
    @Scheduled(fixedDelayString = "${kasa.device.last-seen-flush:15s}")
    void flushLastSeen() {
        // With no device connected nothing is written, which proves nothing about the database.
        outage.tolerate("last-seen flush", this::writeLastSeen);
    }

    /**
     * The server is stopping: connected devices' last-seen times are written now, while the
     * database is still there; the closes that follow write nothing.
     */
    @Override
    public void destroy() {
        stopping = true;
        flushLastSeen();
    }

    private void writeLastSeen() {
        List<UUID> connected = live.live().stream()
                .filter(DeviceSession::isOpen)
                .map(session -> session.identity().terminalId())
                .toList();
        terminals.markSeen(connected, time.now());
    }
}
