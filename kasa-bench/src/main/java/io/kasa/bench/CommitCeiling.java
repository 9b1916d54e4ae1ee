package io.kasa.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The database's ceiling: one connection inserting one row at a time with autocommit, as fast
 * as it can, into a scratch table the benchmark creates and drops. Each commit waits for its
 * WAL flush when {@code synchronous_commit} is on, so this is what one durable write costs on
 * this machine's disk; every sale needs several.
 */
final class CommitCeiling {

    private CommitCeiling() {
    }

    static Ceiling measure(JdbcTarget database, Duration duration, String runId) throws SQLException {
        String table = "kasa_bench_commit_" + runId.replaceAll("[^A-Za-z0-9]", "_");
        Latencies latencies = new Latencies("insert + commit (1 row, 1 connection)");
        long commits = 0;
        double seconds;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(true);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create table " + table + " (id bigserial primary key, created_at timestamptz not null default now(), note text not null)");
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " (note) values (?)")) {
                long start = System.nanoTime();
                long end = start + duration.toNanos();
                long now = start;
                while (now < end) {
                    insert.setString(1, "commit " + commits);
                    insert.executeUpdate();
                    long after = System.nanoTime();
                    latencies.recordNanos(after - now);
                    commits++;
                    now = after;
                }
                seconds = (now - start) / 1e9;
            } finally {
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("drop table if exists " + table);
                }
            }
        }
        return new Ceiling(latencies.name(), latencies.figure(), commits / seconds, 0);
    }

    /** The database's durability settings, for the report; "?" where it would not say. */
    static String settings(JdbcTarget database) {
        try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
            StringBuilder text = new StringBuilder();
            for (String name : new String[] {"server_version", "synchronous_commit", "fsync", "wal_sync_method"}) {
                try (var result = sql.executeQuery("show " + name)) {
                    result.next();
                    text.append(text.isEmpty() ? "" : ", ").append(name).append('=').append(result.getString(1));
                }
            }
            return text.toString();
        } catch (SQLException e) {
            return "? (" + e.getMessage() + ")";
        }
    }
}
