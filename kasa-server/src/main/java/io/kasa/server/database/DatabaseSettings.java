package io.kasa.server.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Where Kasa keeps its data. With no {@code url} (env {@code KASA_DATABASE_URL}) the server
 * runs an embedded PostgreSQL whose files live under {@code dataDir} (env
 * {@code KASA_DATA_DIR}, default {@code ./kasa-data}); with a url it uses that database.
 * {@code connectionTimeout} bounds how long work waits for the pool to open a connection, so
 * that while the database is unreachable requests are refused within it instead of hanging;
 * {@code poolWait} is how long work queues for a free connection while all are busy;
 * {@code retryAfter} is what refusals during an outage tell callers to wait;
 * while {@code maxQueue} wait for a connection, and for a second after work waited longer
 * than {@code maxQueueWait} for one, new API requests are refused as busy (0 leaves either
 * test out).
 *
 * <p>A database that stops answering without closing anything (a stalled host, a network
 * that drops packets) is noticed as quickly as one that stopped: opening a connection,
 * logging in included, gives up after {@code connectionTimeout}; a statement whose answer
 * has not arrived within {@code socketTimeout} fails and its connection is discarded; TCP
 * keep-alive is on. {@code socketTimeout} must therefore exceed the longest statement Kasa
 * runs. {@code embeddedLostAfter}: how long the embedded PostgreSQL may be gone before the
 * node reports itself broken ({@link EmbeddedDatabaseWatch}); 90 s by default, so that with
 * the check's second and an orchestrator's probe period it is DOWN within two minutes.
 */
@ConfigurationProperties("kasa.database")
public record DatabaseSettings(String url, String username, String password,
                               @DefaultValue("20") int maxPoolSize,
                               @DefaultValue("2s") Duration connectionTimeout,
                               @DefaultValue("30s") Duration poolWait,
                               @DefaultValue("5s") Duration retryAfter,
                               @DefaultValue("50") int maxQueue,
                               @DefaultValue("1s") Duration maxQueueWait,
                               @DefaultValue("5s") Duration socketTimeout,
                               @DefaultValue("90s") Duration embeddedLostAfter) {

    /** Hikari refuses connection timeouts below 250 ms; a validation needs half of it. */
    static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(500);

    public DatabaseSettings {
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("kasa.database.connection-timeout must be at least "
                    + MIN_CONNECTION_TIMEOUT.toMillis() + " ms: " + connectionTimeout);
        }
        if (poolWait.compareTo(connectionTimeout) < 0) {
            throw new IllegalArgumentException("kasa.database.pool-wait must not be shorter than the connection timeout: "
                    + poolWait);
        }
        if (maxQueue < 0) {
            throw new IllegalArgumentException("kasa.database.max-queue must not be negative: " + maxQueue);
        }
        if (maxQueueWait.isNegative()) {
            throw new IllegalArgumentException("kasa.database.max-queue-wait must not be negative: " + maxQueueWait);
        }
        if (socketTimeout.toSeconds() < 1 || !socketTimeout.equals(Duration.ofSeconds(socketTimeout.toSeconds()))) {
            throw new IllegalArgumentException("kasa.database.socket-timeout must be whole seconds, at least 1 s: "
                    + socketTimeout);
        }
        if (embeddedLostAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("kasa.database.embedded-lost-after must be at least 1 s: " + embeddedLostAfter);
        }
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("kasa.database.retry-after must be at least 1 s: " + retryAfter);
        }
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    /**
     * How long checking an idle connection before handing it out may take: half the
     * connection timeout, at most one second, so a dead connection is discarded and another
     * tried well within the connection timeout.
     */
    Duration validationTimeout() {
        Duration half = connectionTimeout.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : half;
    }

    /**
     * The driver's properties for every connection Kasa opens: PostgreSQL's driver counts
     * its timeouts in whole seconds, so the connection timeout is rounded up.
     */
    Properties connectionProperties() {
        String connect = Long.toString(Math.max(1, (connectionTimeout.toMillis() + 999) / 1000));
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", connect);
        properties.setProperty("loginTimeout", connect);
        properties.setProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }

    /** The data directory, read from {@code kasa.data-dir}. */
    public static Path dataDir(String configured) {
        return Path.of(configured == null || configured.isBlank() ? "kasa-data" : configured).toAbsolutePath().normalize();
    }
}
