package io.kasa.server.database;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Rows written straight into a database held at an older migration, for the tests that check
 * what a later migration does with them. Only the columns every schema since V1 has are written.
 */
public final class MigrationRows {

    private MigrationRows() {
    }

    /** A merchant with one connection and one terminal on it, all made at {@code at}. */
    public static void merchantWithTerminal(JdbcClient jdbc, UUID merchant, UUID connection, UUID terminal, OffsetDateTime at) {
        jdbc.sql("insert into merchant (id, name, created_at) values (?, 'Berber', ?)").params(merchant, at).update();
        jdbc.sql("""
                        insert into connection (id, merchant_id, name, brand_id, provider_id, region_id, end_of_day_id,
                            is_prod, is_reporting, is_async_payment, is_socket_payment, created_at)
                        values (?, ?, 'Kasa', 100, 100, 1, 1, true, true, true, true, ?)""")
                .params(connection, merchant, at).update();
        jdbc.sql("""
                        insert into terminal (id, merchant_id, connection_id, provider_terminal_id, name, serial_no, created_at)
                        values (?, ?, ?, 'T-1', 'Till', 'SN-1', ?)""")
                .params(terminal, merchant, connection, at).update();
    }
}
