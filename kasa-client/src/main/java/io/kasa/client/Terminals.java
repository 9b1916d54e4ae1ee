package io.kasa.client;

import java.util.Objects;
import java.util.UUID;

/** Terminal endpoints of the Physical family ({@code /api/terminal/**}). Thread-safe; obtain from {@link KasaClient#terminals()}. */
public final class Terminals {

    private record Registered(UUID terminalId) {
    }

    private record ConnectionBody(UUID connectionId) {
    }

    private final KasaClient client;

    Terminals(KasaClient client) {
        this.client = client;
    }

    /** POST {@code /api/terminal}: registers a terminal and returns its id. */
    public UUID register(TerminalRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        return client.post("/api/terminal", registration, Registered.class).terminalId();
    }

    /** Registers a terminal on the default connection with no model and no tag. */
    public UUID register(String name, String serialNo) {
        return register(TerminalRegistration.of(name, serialNo));
    }

    /** POST {@code /api/terminal/list}: the merchant's terminals over all connections. */
    public Page<Terminal> list(int pageIndex, int pageSize) {
        return client.postForPage("/api/terminal/list", new PageQuery(pageIndex, pageSize), Terminal.class);
    }

    /** POST {@code /api/terminal/{connectionId}/list}: the terminals of one connection. */
    public Page<Terminal> listByConnection(UUID connectionId, int pageIndex, int pageSize) {
        Objects.requireNonNull(connectionId, "connectionId");
        return client.postForPage("/api/terminal/" + connectionId + "/list",
                new PageQuery(pageIndex, pageSize), Terminal.class);
    }

    /** POST {@code /api/terminal/connectivity/check}: whether the terminal holds a live connection. */
    public TerminalConnectivity connectivity(TerminalRef terminal) {
        Objects.requireNonNull(terminal, "terminal");
        return client.postRepeatable("/api/terminal/connectivity/check", terminal, TerminalConnectivity.class);
    }

    /**
     * POST {@code /api/terminal/sync}: asks the connection's provider for its terminal list;
     * returns the server's {@code Result} (true; the built-in provider has nothing to fetch).
     */
    public boolean sync(UUID connectionId) {
        Objects.requireNonNull(connectionId, "connectionId");
        return Boolean.TRUE.equals(client.post("/api/terminal/sync", new ConnectionBody(connectionId), Boolean.class));
    }
}
