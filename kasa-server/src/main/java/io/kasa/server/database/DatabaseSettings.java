package io.kasa.server.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where Kasa keeps its data. With no {@code url} (env {@code KASA_DATABASE_URL}) the server
 * runs an embedded PostgreSQL whose files live under {@code dataDir} (env
 * {@code KASA_DATA_DIR}, default {@code ./kasa-data}); with a url it uses that database.
 */
@ConfigurationProperties("kasa.database")
public record DatabaseSettings(String url, String username, String password,
                               @DefaultValue("20") int maxPoolSize) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    /** The data directory, read from {@code kasa.data-dir}. */
    public static Path dataDir(String configured) {
        return Path.of(configured == null || configured.isBlank() ? "kasa-data" : configured).toAbsolutePath().normalize();
    }
}
