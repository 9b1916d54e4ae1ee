package io.kasa.server.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Spring's JDBC transactions, except that a transaction whose connection broke is not rolled
 * back: the pool closes a connection as soon as it fails with a connection error, and
 * PostgreSQL discards the unfinished transaction of a connection that ended, so there is
 * nothing left to roll back. The caller then hears the failure that broke the connection
 * (the database going away), not a failed rollback of it.
 */
final class DatabaseTransactions extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTransactions.class);

    DatabaseTransactions(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        if (connectionIsClosed()) {
            log.debug("Not rolling back: the connection already broke and its transaction ended with it");
            return;
        }
        super.doRollback(status);
    }

    private boolean connectionIsClosed() {
        if (!(TransactionSynchronizationManager.getResource(obtainDataSource()) instanceof ConnectionHolder holder)) {
            return false;
        }
        try {
            return holder.getConnection().isClosed();
        } catch (SQLException | IllegalStateException e) {
            return false;
        }
    }
}
