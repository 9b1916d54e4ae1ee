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
 * failing; but it gives up after one connection timeout of the pool when the pool holds no
 * connection at all and its last try to open one failed — the database is unreachable — so
 * that during an outage requests are refused within that timeout.
 */
final class PooledConnections extends DelegatingDataSource implements DatabaseQueue, AutoCloseable {

    private final HikariDataSource pool;
    private final Duration poolWait;
    private final int maxQueue;

    PooledConnections(HikariDataSource pool, Duration poolWait, int maxQueue) {
        super(pool);
        this.pool = pool;
        this.poolWait = poolWait;
        this.maxQueue = maxQueue;
    }

    @Override
    public int waiting() {
        return pool.getHikariPoolMXBean() == null ? 0 : pool.getHikariPoolMXBean().getThreadsAwaitingConnection();
    }

    @Override
    public int limit() {
        return maxQueue;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + poolWait.toNanos();
        while (true) {
            try {
                return pool.getConnection();
            } catch (SQLTransientConnectionException timedOut) {
                boolean cannotConnect = timedOut.getCause() != null && pool.getHikariPoolMXBean().getTotalConnections() == 0;
                if (cannotConnect || System.nanoTime() - deadline >= 0) {
                    throw timedOut;
                }
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
