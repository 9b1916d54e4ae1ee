package io.kasa.server.device;

import io.kasa.server.terminal.LiveConnections;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authenticated live connections of this node, at most one per terminal. Connections
 * not yet authenticated are kept apart so the hello deadline can be enforced.
 */
@Component
class LiveSessions implements LiveConnections {

    private final Map<String, DeviceSession> opening = new ConcurrentHashMap<>();
    private final Map<UUID, DeviceSession> byTerminal = new ConcurrentHashMap<>();

    void opened(DeviceSession session) {
        opening.put(session.id(), session);
    }

    /** Makes the session the terminal's live connection; returns the one it replaces, if any. */
    Optional<DeviceSession> authenticated(DeviceSession session) {
        opening.remove(session.id());
        DeviceSession previous = byTerminal.put(session.identity().terminalId(), session);
        return Optional.ofNullable(previous).filter(old -> old != session);
    }

    /** Forgets a closed session; a newer session of the same terminal stays. */
    void closed(DeviceSession session) {
        opening.remove(session.id());
        if (session.identity() != null) {
            byTerminal.remove(session.identity().terminalId(), session);
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

    @Override
    public Optional<Instant> lastSeen(UUID terminalId) {
        return Optional.ofNullable(byTerminal.get(terminalId))
                .filter(DeviceSession::isOpen)
                .map(DeviceSession::lastInbound);
    }

    int count() {
        return byTerminal.size();
    }
}
