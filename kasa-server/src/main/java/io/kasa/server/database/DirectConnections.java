package io.kasa.server.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections to the same database with the same credentials as the pool, but outside it:
 * for the rare user that holds one connection for the life of the process (the cluster's
 * LISTEN connection), which would otherwise take a pooled connection from every request.
 */
public final class DirectConnections {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final int SOCKET_TIMEOUT_SECONDS = 30;

    private final DatabaseLocation location;

    DirectConnections(DatabaseLocation location) {
        this.location = location;
    }

    /**
     * Opens a connection named {@code applicationName} in {@code pg_stat_activity}. TCP
     * keep-alive is on and a read waits at most 30 s, so a connection to a database that
     * vanished fails instead of hanging.
     */
    public Connection open(String applicationName) throws SQLException {
        Properties properties = new Properties();
        if (location.username() != null) {
            properties.setProperty("user", location.username());
        }
        if (location.password() != null) {
            properties.setProperty("password", location.password());
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        return DriverManager.getConnection(location.url(), properties);
    }
}
