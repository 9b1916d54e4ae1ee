package io.kasa.server.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The transactions of the features' entry points. One that PostgreSQL aborted to break a
 * deadlock (SQLSTATE 40P01) or a serialization conflict (40001) is run again from the start,
 * up to {@value #ATTEMPTS} times in all, after a short random pause so that the two losers
 * of a conflict do not meet again. Kasa takes its row locks in one order (a payment before
 * its orders, before its callbacks), so this is a safety net, not the way conflicts are
 * resolved. Work already inside a transaction joins it and is never repeated on its own:
 * only the outermost transaction can be run again. The work must do no network I/O, as no
 * transaction's work does, so running it again repeats nothing outside the database.
 */
@Component
public class Transactions {

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);
    static final int ATTEMPTS = 3;
    private static final int MAX_CAUSES = 20;

    private final TransactionTemplate template;

    public Transactions(PlatformTransactionManager transactions) {
        this.template = new TransactionTemplate(transactions);
    }

    /** Runs {@code work} in a transaction, again when the database aborted it for a lock conflict; returns its result. */
    public <T> T execute(TransactionCallback<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return template.execute(work);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return template.execute(work);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
                log.debug("Transaction aborted by a lock conflict ({}); attempt {} of {}", e.getMessage(), attempt + 1,
                        ATTEMPTS);
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000L, 20_000_000L * attempt));
            }
        }
    }

    /** As {@link #execute}, for work without a result. */
    public void run(Runnable work) {
        execute(status -> {
            work.run();
            return null;
        });
    }

    /** Whether the failure, or anything it was caused by, is PostgreSQL's deadlock or serialization failure. */
    public static boolean isConflict(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ("40P01".equals(sql.getSQLState())
                    || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
