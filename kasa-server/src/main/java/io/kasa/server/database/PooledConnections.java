package io.kasa.server.database;

import com.zaxxer.hikari.HikariDataSource;
import io.kasa.server.shared.DatabaseQueue;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * The connection pool as the rest of the server sees it. Asking for a connection waits up
 * to {@code poolWait} while every connection is busy, so bursts of load queue instead of
 * failing; but it gives up after one connection timeout of the pool when a try to open or
 * check a connection failed and either the pool holds no connection at all or it handed
 * none out to anyone during that whole timeout — the database is unreachable, or frozen
 * with connections that fail one by one as they are checked — so that during an outage
 * requests are refused within that timeout. A busy pool keeps handing out connections as
 * others return them, so its waiters keep waiting. (The pool remembers its last failure to
 * open or check a connection until the next one, so the failure may be old; but a pool
 * whose every connection has been held for a whole connection timeout, by transactions
 * that do no network I/O, is not being answered by its database either.)
 *
 * <p>It also measures the queue ({@link DatabaseQueue}). The server is behind while
 * {@code maxQueue} or more wait for a connection, and for a second after work waited longer
 * than {@code maxQueueWait} for one (or is still waiting after a connection timeout) — but
 * never while the database is unreachable, or just was: an outage is answered as one, not
 * as a busy server.
 */
final class PooledConnections extends DelegatingDataSource implements DatabaseQueue, AutoCloseable {

    private static final long BEHIND_FOR_NANOS = Duration.ofSeconds(1).toNanos();

    private final HikariDataSource pool;
    private final Duration poolWait;
    private final int maxQueue;
    private final long maxQueueWaitNanos;
    private final long connectionTimeoutNanos;
    private volatile long behindUntil = System.nanoTime();
    private volatile long unreachableAt = System.nanoTime() - Duration.ofDays(1).toNanos();
    private volatile long handedOutAt = System.nanoTime();

    /** {@code maxQueue}, {@code maxQueueWait}: zero leaves that test out. */
    PooledConnections(HikariDataSource pool, Duration poolWait, int maxQueue, Duration maxQueueWait) {
        super(pool);
        this.pool = pool;
        this.poolWait = poolWait;
        this.maxQueue = maxQueue;
        this.maxQueueWaitNanos = maxQueueWait.toNanos();
        this.connectionTimeoutNanos = Duration.ofMillis(pool.getConnectionTimeout()).toNanos();
    }

    @Override
    public Connection getConnection() throws SQLException {
        long started = System.nanoTime();
        long deadline = started + poolWait.toNanos();
        while (true) {
            try {
                Connection connection = pool.getConnection();
                handedOutAt = System.nanoTime();
                waited(started);
                return connection;
            } catch (SQLTransientConnectionException timedOut) {
                long now = System.nanoTime();
                if (timedOut.getCause() != null) {
                    unreachableAt = now;
                }
                boolean noneHandedOut = now - handedOutAt >= connectionTimeoutNanos;
                boolean cannotConnect = timedOut.getCause() != null
                        && (noneHandedOut || pool.getHikariPoolMXBean().getTotalConnections() == 0);
                if (cannotConnect) {
                    throw timedOut;
                }
                waited(started);
                if (System.nanoTime() - deadline >= 0) {
                    throw timedOut;
                }
            }
        }
    }

    private void waited(long started) {
        long now = System.nanoTime();
        boolean duringOutage = unreachableAt - (started - connectionTimeoutNanos) > 0;
        if (maxQueueWaitNanos > 0 && now - started > maxQueueWaitNanos && !duringOutage) {
            behindUntil = now + BEHIND_FOR_NANOS;
        }
    }

    @Override
    public boolean isBehind() {
        long now = System.nanoTime();
        if (now - unreachableAt < 2 * connectionTimeoutNanos) {
            return false;
        }
        boolean longQueue = maxQueue > 0 && pool.getHikariPoolMXBean().getThreadsAwaitingConnection() >= maxQueue;
        return longQueue || (maxQueueWaitNanos > 0 && now - behindUntil < 0);
    }

    @Override
    public void close() {
        pool.close();
    }
}
