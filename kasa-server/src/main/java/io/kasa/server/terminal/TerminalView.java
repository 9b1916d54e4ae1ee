package io.kasa.server.terminal;

import java.time.Instant;
import java.util.UUID;

/** A terminal as listed: with its connection's provider, its pairing and its connectivity. */
public record TerminalView(Terminal terminal, Connection connection, boolean paired, boolean socketConnected,
                           Instant lastSeenAt) {

    public UUID id() {
        return terminal.id();
    }
}
