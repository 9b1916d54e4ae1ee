package io.kasa.server.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

    private static final RuntimeException NO_CONNECTION = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
            new SQLTransientConnectionException("kasa - Connection is not available, request timed out after 2000ms"));

    @Test
    void connectionFailuresAreOutagesWhereverTheyAreInTheCauses() {
        assertThat(DatabaseOutage.isCause(NO_CONNECTION)).isTrue();
        assertThat(DatabaseOutage.isCause(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(DatabaseOutage.isCause(new IllegalStateException(new SQLTransientConnectionException("timed out")))).isTrue();
        assertThat(DatabaseOutage.isCause(new UncategorizedSQLException("update", "sql",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseOutage.isCause(new UncategorizedSQLException("update", "sql",
                new SQLException("An I/O error occurred while sending to the backend", "08006")))).isTrue();
    }

    @Test
    void aFailedRollbackIsJudgedByTheFailureBeforeIt() {
        TransactionSystemException afterOutage = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        afterOutage.initApplicationException(NO_CONNECTION);
        TransactionSystemException afterRefusal = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        afterRefusal.initApplicationException(new DataIntegrityViolationException("duplicate key"));

        assertThat(DatabaseOutage.isCause(afterOutage)).isTrue();
        assertThat(DatabaseOutage.isCause(afterRefusal)).isFalse();
    }

    @Test
    void refusalsOfAReachableDatabaseAreNot() {
        assertThat(DatabaseOutage.isCause(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(DatabaseOutage.isCause(new QueryTimeoutException("canceling statement due to statement timeout"))).isFalse();
        assertThat(DatabaseOutage.isCause(new UncategorizedSQLException("select", "sql",
                new SQLException("syntax error", "42601")))).isFalse();
        assertThat(DatabaseOutage.isCause(new IllegalArgumentException("not a database failure"))).isFalse();
    }

    @Test
    void theRefusalIs503WithRetryAfter() {
        KasaException refusal = new DatabaseOutage(Duration.ofSeconds(7), Duration.ofSeconds(2)).refusal();

        assertThat(refusal.error()).isEqualTo(KasaError.DATABASE_UNAVAILABLE);
        assertThat(refusal.error().httpStatus()).isEqualTo(503);
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void anOutageIsLoggedOnceHoweverManyRoundsFailAndItsEndOnce(CapturedOutput output) {
        DatabaseOutage outage = new DatabaseOutage(Duration.ofSeconds(5), Duration.ZERO);
        AtomicInteger rounds = new AtomicInteger();

        for (int i = 0; i < 10; i++) {
            outage.run("payment timers", () -> {
                rounds.incrementAndGet();
                throw NO_CONNECTION;
            });
            assertThat(outage.absorbs("a request", NO_CONNECTION)).isTrue();
        }
        outage.run("payment timers", rounds::incrementAndGet);
        outage.run("payment timers", rounds::incrementAndGet);

        assertThat(rounds).hasValue(12);
        assertThat(output.getOut().split("The database cannot be reached", -1)).hasSize(2);
        assertThat(output.getOut().split("The database answers again", -1)).hasSize(2);
        assertThat(output.getOut()).doesNotContain("\tat ");
    }

    @Test
    void failuresJustAfterTheEndBelongToTheOutageThatEnded(CapturedOutput output) {
        DatabaseOutage outage = new DatabaseOutage(Duration.ofSeconds(5), Duration.ofMinutes(1));
        outage.absorbs("a request", NO_CONNECTION);
        outage.run("payment timers", () -> { });

        assertThat(outage.absorbs("a request begun during the outage", NO_CONNECTION)).isTrue();

        assertThat(output.getOut().split("The database cannot be reached", -1)).hasSize(2);
    }

    @Test
    void otherFailuresOfBackgroundWorkAreThrownAsBefore() {
        DatabaseOutage outage = new DatabaseOutage(Duration.ofSeconds(5), Duration.ZERO);

        assertThatThrownBy(() -> outage.run("payment timers", () -> {
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
        assertThat(outage.absorbs("a request", new IllegalStateException("a bug"))).isFalse();
    }
}
