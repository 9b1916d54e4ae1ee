package io.kasa.server.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What Kasa does while PostgreSQL cannot be reached. Requests are refused with
 * {@link KasaError#DATABASE_UNAVAILABLE} (503 with {@code Retry-After}); background work ends
 * its round quietly and tries again on its next one. The outage is logged once when it is
 * first noticed and once when the database answers again, never once per request or tick.
 * Nothing is held back to be replayed: work that failed was not recorded, and whoever asked
 * for it (a merchant, a device, the next timer round) asks again.
 */
public final class DatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);
    private static final int MAX_CAUSES = 20;

    /** Down or up, and since when ({@link System#nanoTime()}). */
    private record State(boolean down, long since) {
    }

    private final Duration retryAfter;
    private final long lingerNanos;
    private final AtomicReference<State> state;

    /**
     * {@code linger}: how long after the database came back work begun before may still fail
     * (the pool's connection timeout); such failures belong to the outage that ended and do
     * not open a new one.
     */
    public DatabaseOutage(Duration retryAfter, Duration linger) {
        if (retryAfter == null || retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("retryAfter must be at least one second: " + retryAfter);
        }
        this.retryAfter = retryAfter;
        this.lingerNanos = linger.toNanos();
        this.state = new AtomicReference<>(new State(false, System.nanoTime() - lingerNanos));
    }

    /**
     * Whether the failure, or anything it was caused by, says the database cannot be reached:
     * no connection within the pool's timeout, a connection that broke, a server shutting down.
     * Refusals of a reachable database (constraint violations, bad SQL, lock timeouts) are not.
     * A rollback that failed after the work failed is judged by the work's failure: on a
     * connection that broke, the rollback can only fail too.
     */
    public static boolean isCause(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && isCause(rollback.getApplicationException())) {
                return true;
            }
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server is shutting down or starting). */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /** Whether an outage has been noticed and has not yet ended: the database is not answering. */
    public boolean isDown() {
        return state.get().down();
    }

    /** The refusal a request gets while the database is unreachable, telling the caller when to retry. */
    public KasaException refusal() {
        return new KasaException(KasaError.DATABASE_UNAVAILABLE, null, retryAfter);
    }

    /**
     * Runs a write that may touch nothing (so its success proves nothing about the
     * database): when the database is unreachable the write is skipped and the outage noted,
     * never ended. Any other failure is thrown to the caller.
     */
    public void tolerate(String work, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            if (!absorbs(work, e)) {
                throw e;
            }
        }
    }

    /**
     * Runs one round of background work that asks the database something every time. When
     * the database is unreachable the round ends quietly and the next one tries again; a
     * round that completes ends a noticed outage. Any other failure is thrown to the caller
     * as before.
     */
    public void run(String work, Runnable round) {
        long started = System.nanoTime();
        try {
            round.run();
        } catch (RuntimeException e) {
            if (absorbs(work, e)) {
                return;
            }
            throw e;
        }
        answered(started);
    }

    /**
     * Takes note of a failure of {@code work}. True when it is the database being
     * unreachable: the first such failure of an outage is logged (without a stack trace),
     * later ones only at debug level. False for any other failure, which the caller handles.
     */
    public boolean absorbs(String work, Throwable failure) {
        if (!isCause(failure)) {
            return false;
        }
        State now = state.get();
        long at = System.nanoTime();
        boolean lingering = !now.down() && at - now.since() < lingerNanos;
        if (now.down() || lingering || !state.compareAndSet(now, new State(true, at))) {
            log.debug("{} failed while the database could not be reached: {}", work, rootMessage(failure));
            return true;
        }
        log.warn("The database cannot be reached ({} failed: {}); requests are answered 503 and background work "
                + "waits until it is back", work, rootMessage(failure));
        return true;
    }

    /**
     * Work begun at {@code startedAt} ({@link System#nanoTime()}) got its answers from the
     * database: that ends an outage noticed before it began, logging how long it lasted.
     * Work begun earlier proves nothing about the database now.
     */
    private void answered(long startedAt) {
        State now = state.get();
        if (!now.down() || startedAt - now.since() < 0) {
            return;
        }
        long at = System.nanoTime();
        if (state.compareAndSet(now, new State(false, at))) {
            log.info("The database answers again after {} s; background work resumes",
                    Duration.ofNanos(at - now.since()).toSeconds());
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < MAX_CAUSES; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
