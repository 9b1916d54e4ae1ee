package io.kasa.server.database;

import io.kasa.server.shared.CannotStart;
import org.postgresql.Driver;
import org.postgresql.util.PSQLState;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** Where to connect, and the embedded server to stop on shutdown when there is one. */
record DatabaseLocation(String url, String username, String password, EmbeddedDatabase embedded) implements AutoCloseable {

    private static final String URL_SETTING = "KASA_DATABASE_URL (kasa.database.url)";
    private static final String URL_FORM = "jdbc:postgresql://host:5432/database";
    /** PostgreSQL's SQLSTATE for a database that does not exist. */
    private static final String INVALID_CATALOG_NAME = "3D000";

    /**
     * The configured database, or the embedded one started in {@code dataDir}. A configured
     * url that PostgreSQL's driver does not take is refused here, before anything connects.
     */
    static DatabaseLocation of(DatabaseSettings settings, String dataDir) throws IOException {
        if (!settings.embedded()) {
            if (Driver.parseURL(settings.url(), null) == null) {
                throw new CannotStart(URL_SETTING + " is not a PostgreSQL JDBC URL: it begins '" + scheme(settings.url())
                        + "', where Kasa needs the form " + URL_FORM + " (any parameters after a '?').",
                        "Write KASA_DATABASE_URL as " + URL_FORM + ", with the user and password in "
                                + "KASA_DATABASE_USERNAME and KASA_DATABASE_PASSWORD; or unset it to run the embedded "
                                + "database.");
            }
            return new DatabaseLocation(settings.url(), settings.username(), settings.password(), null);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(DatabaseSettings.dataDir(dataDir));
        return new DatabaseLocation(embedded.jdbcUrl(), embedded.username(), embedded.password(), embedded);
    }

    /**
     * Why the first connection to the configured database failed, in the operator's terms: the
     * server cannot be reached (within {@code connectionTimeout}), it refused the user or the
     * password, or it has no such database. Never the password, nor the url's parameters.
     */
    CannotStart cannotConnect(SQLException failure, Duration connectionTimeout) {
        Properties parts = Driver.parseURL(url, null);
        String server = parts.getProperty("PGHOST") + ":" + parts.getProperty("PGPORT");
        String database = parts.getProperty("PGDBNAME");
        String said = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage().lines().findFirst().orElse("").strip();
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        if (state.startsWith("28") || state.equals(PSQLState.CONNECTION_REJECTED.getState())) {
            return new CannotStart("The database server at " + server + ", which " + URL_SETTING + " names, refused user '"
                    + username + "' (KASA_DATABASE_USERNAME) with the password in KASA_DATABASE_PASSWORD: " + said + ".",
                    "Set KASA_DATABASE_USERNAME and KASA_DATABASE_PASSWORD to a PostgreSQL role and its password "
                            + "(create role kasa login password '...'), and check that pg_hba.conf lets that role in "
                            + "from this host.", failure);
        }
        if (state.equals(INVALID_CATALOG_NAME)) {
            return new CannotStart("The database server at " + server + " has no database '" + database
                    + "', which " + URL_SETTING + " names: " + said + ".",
                    "Create it (create database " + database + " owner " + username + ") or correct the database "
                            + "name at the end of KASA_DATABASE_URL (" + URL_FORM + ").", failure);
        }
        if (state.startsWith("08")) {
            return new CannotStart("The database server at " + server + ", which " + URL_SETTING + " names, cannot be reached: "
                    + said + " Kasa gives up on a connection after kasa.database.connection-timeout ("
                    + connectionTimeout.toMillis() + " ms).",
                    "Start PostgreSQL there, or correct the host and port in KASA_DATABASE_URL (" + URL_FORM
                            + "); check that PostgreSQL listens on that address (listen_addresses) and that no "
                            + "firewall is in the way.", failure);
        }
        return new CannotStart("Kasa could not open a connection to database '" + database + "' at " + server + ", which "
                + URL_SETTING + " names: " + said + ".",
                "Check KASA_DATABASE_URL, KASA_DATABASE_USERNAME and KASA_DATABASE_PASSWORD, and that the database "
                        + "accepts connections from this host.", failure);
    }

    /** What a url starts with, up to its address: enough to see the mistake, never a password in it. */
    private static String scheme(String url) {
        int address = url.indexOf("//");
        String start = address < 0 ? url : url.substring(0, address + 2);
        return start.length() > 40 ? start.substring(0, 40) + "…" : start;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
