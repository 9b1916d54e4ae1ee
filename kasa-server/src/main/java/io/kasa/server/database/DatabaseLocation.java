package io.kasa.server.database;

import java.io.IOException;

/** Where to connect, and the embedded server to stop on shutdown when there is one. */
record DatabaseLocation(String url, String username, String password, EmbeddedDatabase embedded) implements AutoCloseable {

    static DatabaseLocation of(DatabaseSettings settings, String dataDir) throws IOException {
        if (!settings.embedded()) {
            return new DatabaseLocation(settings.url(), settings.username(), settings.password(), null);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(DatabaseSettings.dataDir(dataDir));
        return new DatabaseLocation(embedded.jdbcUrl(), embedded.username(), embedded.password(), embedded);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
