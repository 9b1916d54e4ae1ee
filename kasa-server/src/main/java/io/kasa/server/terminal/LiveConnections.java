package io.kasa.server.terminal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the device channel tells the terminal feature about live connections. Implemented
 * by the device feature, so terminals can show connectivity without knowing how devices
 * connect.
 */
public interface LiveConnections {

    /** When the terminal's live connection last heard from the device; empty when it has none. */
    Optional<Instant> lastSeen(UUID terminalId);
}
