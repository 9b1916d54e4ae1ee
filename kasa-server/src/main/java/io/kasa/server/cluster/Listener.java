package io.kasa.server.cluster;

import io.kasa.server.database.DirectConnections;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The node's one listening connection: a dedicated connection (not from the pool) that
 * LISTENs on the cluster channel and polls for notifications on a daemon thread. When the
 * connection fails it reconnects with backoff and jitter; notifications sent meanwhile are
 * lost, so once it listens again it reports the gap with the last moment it knew it was
 * hearing everything.
 */
final class Listener {

    private static final Logger log = LoggerFactory.getLogger(Listener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    private static final int CHECK_TIMEOUT_SECONDS = 5;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

    private final DirectConnections connections;
    private final String applicationName;
    private final Supplier<Instant> clock;
    private final Consumer<String> onMessage;
    private final Consumer<Instant> onGap;
    private volatile boolean stopped;
    private volatile boolean listening;
    private volatile Instant heardUntil;
    private Thread thread;

    Listener(DirectConnections connections, String applicationName, Supplier<Instant> clock, Consumer<String> onMessage,
             Consumer<Instant> onGap) {
        this.connections = connections;
        this.applicationName = applicationName;
        this.clock = clock;
        this.onMessage = onMessage;
        this.onGap = onGap;
    }

    /** Connects and listens before returning, so nothing sent after start is missed; retries in the background if it cannot. */
    void start() {
        Connection first = null;
        try {
            first = listen();
        } catch (SQLException e) {
            log.warn("Cannot listen for cluster messages yet ({}); retrying in the background", e.getMessage());
        }
        Connection initial = first;
        heardUntil = clock.get();
        thread = Thread.ofPlatform().daemon().name("kasa-cluster-listener").start(() -> run(initial));
    }

    void stop() {
        stopped = true;
        if (thread != null) {
            try {
                thread.join(Duration.ofMillis(POLL_MILLIS * 4L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isListening() {
        return listening;
    }

    private Connection listen() throws SQLException {
        Connection connection = connections.open(applicationName);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + Cluster.CHANNEL);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        listening = true;
        return connection;
    }

    private void run(Connection initial) {
        Connection connection = initial;
        boolean missed = initial == null;
        Duration retry = FIRST_RETRY;
        while (!stopped) {
            try {
                if (connection == null) {
                    connection = listen();
                    retry = FIRST_RETRY;
                    log.info("Listening for cluster messages again");
                }
                if (missed) {
                    missed = false;
                    onGap.accept(heardUntil);
                }
                poll(connection);
            } catch (SQLException | RuntimeException e) {
                boolean wasListening = listening;
                listening = false;
                missed = true;
                close(connection);
                connection = null;
                if (stopped) {
                    break;
                }
                if (wasListening) {
                    log.warn("Lost the cluster listening connection ({}); reconnecting", e.getMessage());
                } else {
                    log.debug("Reconnecting the cluster listener failed: {}", e.getMessage());
                }
                pause(retry);
                retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
            }
        }
        listening = false;
        close(connection);
    }

    /**
     * Polls until stopped or the connection fails. After each poll, every message committed
     * before the poll began has been handled: that moment is kept as {@code heardUntil}.
     */
    private void poll(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
        while (!stopped) {
            Instant before = clock.get();
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    onMessage.accept(notification.getParameter());
                }
            }
            if (System.nanoTime() > nextCheck) {
                if (!connection.isValid(CHECK_TIMEOUT_SECONDS)) {
                    throw new SQLException("the listening connection stopped answering");
                }
                nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
            }
            heardUntil = before;
        }
    }

    private static void pause(Duration ceiling) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling.toMillis() / 2, ceiling.toMillis() + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the cluster listening connection failed: {}", e.getMessage());
        }
    }
}
