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

    private final DatabaseLocation location;
    private final Properties timeouts;

    DirectConnections(DatabaseLocation location, Properties timeouts) {
        this.location = location;
        this.timeouts = timeouts;
    }

    /**
     * Opens a connection named {@code applicationName} in {@code pg_stat_activity}, with the
     * pool's timeouts ({@link DatabaseSettings#connectionProperties()}): opening gives up
     * after the connection timeout and a read waits at most the socket timeout, so a
     * connection to a database that vanished or froze fails instead of hanging. A user that
     * waits longer on purpose (polling for notifications) passes its own, shorter wait.
     */
    public Connection open(String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(timeouts);
        if (location.username() != null) {
            properties.setProperty("user", location.username());
        }
        if (location.password() != null) {
            properties.setProperty("password", location.password());
        }
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(location.url(), properties);
    }
}
