package io.kasa.server.device;

import io.kasa.server.terminal.LiveConnections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authenticated live connections of this node, at most one per terminal, also recorded
 * in the database ({@link Presence}) so other nodes can route to them. Connections not yet
 * authenticated are kept apart so the hello deadline can be enforced. When the node stops,
 * once the web server takes no new connections and has drained its requests, every
 * connection is closed with a 1001 close frame, while the web server still runs and
 * the database is still there, so devices move to another node at once and nothing is left
 * routed to this one.
 */
@Component
class LiveSessions implements LiveConnections, SmartLifecycle {

    private final Map<String, DeviceSession> opening = new ConcurrentHashMap<>();
    private final Map<UUID, DeviceSession> byTerminal = new ConcurrentHashMap<>();
    private final Presence presence;
    private volatile boolean running;

    LiveSessions(Presence presence, MeterRegistry registry) {
        this.presence = presence;
        Gauge.builder("kasa.terminals.connected", this, LiveSessions::count)
                .description("Terminals whose authenticated live connection this node holds")
                .register(registry);
    }

    void opened(DeviceSession session) {
        opening.put(session.id(), session);
    }

    /** Makes the session the terminal's live connection; returns the one it replaces on this node, if any. */
    Optional<DeviceSession> authenticated(DeviceSession session) {
        opening.remove(session.id());
        UUID terminalId = session.identity().terminalId();
        DeviceSession previous = byTerminal.put(terminalId, session);
        presence.claim(terminalId, session.id(), session.lastInbound());
        return Optional.ofNullable(previous).filter(old -> old != session);
    }

    /** Forgets a closed session; a newer session of the same terminal stays. */
    void closed(DeviceSession session) {
        opening.remove(session.id());
        if (session.identity() != null && byTerminal.remove(session.identity().terminalId(), session)) {
            presence.release(session.identity().terminalId(), session.id());
        }
    }

    Optional<DeviceSession> ofPairing(UUID terminalId, UUID terminalPairId) {
        return Optional.ofNullable(byTerminal.get(terminalId))
                .filter(session -> session.identity().terminalPairId().equals(terminalPairId));
    }

    /** The terminal's open, authenticated connection on this node. */
    Optional<DeviceSession> session(UUID terminalId) {
        return Optional.ofNullable(byTerminal.get(terminalId)).filter(DeviceSession::isOpen);
    }

    Collection<DeviceSession> live() {
        return byTerminal.values();
    }

    Collection<DeviceSession> unauthenticated() {
        return opening.values();
    }

    /** On this node, when the device was last heard from; on another node, when it connected there. */
    @Override
    public Optional<Instant> lastSeen(UUID terminalId) {
        return Optional.ofNullable(lastSeen(List.of(terminalId)).get(terminalId));
    }

    @Override
    public Map<UUID, Instant> lastSeen(Collection<UUID> terminalIds) {
        Map<UUID, Instant> seen = new HashMap<>();
        List<UUID> elsewhere = new ArrayList<>();
        for (UUID terminalId : terminalIds) {
            session(terminalId).ifPresentOrElse(session -> seen.put(terminalId, session.lastInbound()),
                    () -> elsewhere.add(terminalId));
        }
        presence.of(elsewhere).values().stream()
                .filter(holder -> !holder.nodeId().equals(presence.nodeId()))
                .forEach(holder -> seen.put(holder.terminalId(), holder.connectedAt()));
        return seen;
    }

    int count() {
        return byTerminal.size();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        opening.values().forEach(session -> session.close(CloseStatus.GOING_AWAY));
        byTerminal.values().forEach(session -> session.close(CloseStatus.GOING_AWAY));
        presence.releaseAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * After the web server has drained its requests (graceful shutdown, {@code DEFAULT_PHASE -
     * 1024}: held sales still hear their devices' answers) and before it stops ({@code
     * DEFAULT_PHASE - 2048}), so the 1001 close frames still reach the devices; before the
     * cluster leaves.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1536;
    }
}
