package io.kasa.server.terminal;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the device channel tells the terminal feature about live connections, on any node.
 * Implemented by the device feature, so terminals can show connectivity without knowing how
 * devices connect.
 */
public interface LiveConnections {

    /**
     * When the terminal's live connection last heard from the device; empty when it has none.
     * For a connection held by another node this may be as old as the connection itself:
     * that node writes the terminal's last-seen time only now and then.
     */
    Optional<Instant> lastSeen(UUID terminalId);

    /** {@link #lastSeen(UUID)} of several terminals at once; terminals without a live connection are left out. */
    Map<UUID, Instant> lastSeen(Collection<UUID> terminalIds);
}
