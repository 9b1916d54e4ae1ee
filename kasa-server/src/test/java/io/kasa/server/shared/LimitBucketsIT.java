package io.kasa.server.shared;

import io.kasa.server.KasaServerIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Limit buckets on the server's own connection pool and PostgreSQL. */
class LimitBucketsIT extends KasaServerIT {

    @Autowired
    DataSource pool;

    @Autowired
    BusinessTime time;

    @Autowired
    DatabaseOutage outage;

    /**
     * The pool closes a connection as soon as it breaks, and Bucket4j rolls back after a
     * failure and throws what the rollback throws: the failure must still say that the
     * database cannot be reached, so that a limited request is answered 503, not 500.
     */
    @Test
    void aBucketWhoseConnectionBreaksFailsAsTheDatabaseBeingUnreachable() {
        LimitBuckets buckets = new LimitBuckets(breakingEveryConnection(), time, outage);

        assertThatThrownBy(() -> buckets.exact("test:broken:" + UUID.randomUUID(), () -> LimitBuckets.perSecond(1, 1))
                .tryConsume(1))
                .satisfies(failure -> assertThat(DatabaseOutage.isCause(failure))
                        .as("%s is the database being unreachable", failure).isTrue());
    }

    /** The pool's connections, each one's server process ended (and gone) before it is handed out. */
    private DataSource breakingEveryConnection() {
        return new DelegatingDataSource(pool) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                int pid;
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
                    row.next();
                    pid = row.getInt(1);
                }
                assertThat(jdbc.sql("select pg_terminate_backend(:pid, 10000)").param("pid", pid).query(Boolean.class).single())
                        .as("the connection's server process ended").isTrue();
                return connection;
            }
        };
    }
}
