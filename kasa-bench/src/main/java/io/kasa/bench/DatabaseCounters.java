package io.kasa.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's cumulative counters for one database, read at one moment; a counter that could
 * not be read is -1. Two readings a window apart give what the window cost ({@link #minus}).
 *
 * <p>PostgreSQL's backends publish their transaction and WAL counts at most once a second
 * (and within about a second of going idle), so a reading must come a little after the work
 * it should include: see {@link CostMeter#STATS_DELAY}. {@code pg_stat_statements} counts at
 * once.
 *
 * @param statements       executions of top-level statements in that database (the
 *                         {@code calls} of {@code pg_stat_statements} entries with
 *                         {@code toplevel}): what its clients sent
 * @param nestedStatements executions of statements run inside those (entries not
 *                         {@code toplevel}: the queries of foreign-key checks, functions); 0
 *                         unless {@code pg_stat_statements.track} is {@code all}
 * @param transactions     {@code xact_commit + xact_rollback} of that database in
 *                         {@code pg_stat_database}
 * @param walFlushes       how often the cluster's WAL was flushed to disk
 *                         ({@code pg_stat_wal.wal_sync}, or {@code pg_stat_io}'s WAL
 *                         {@code fsyncs} where a newer PostgreSQL moved it): the durable
 *                         commits, see docs/benchmarks.md
 * @param evictions        how often {@code pg_stat_statements} dropped entries to make room
 *                         ({@code pg_stat_statements_info.dealloc}); the calls of dropped
 *                         entries are lost, so statements are then a lower bound
 * @param walBytes         the WAL the whole cluster generated ({@code pg_stat_wal.wal_bytes})
 * @param byStatement      each statement's counters in that database; null when unknown
 */
record DatabaseCounters(long statements, long nestedStatements, long transactions, long walFlushes, long evictions,
                        long walBytes, Map<StatementCounters.Key, StatementCounters> byStatement) {

    static final DatabaseCounters UNKNOWN = new DatabaseCounters(-1, -1, -1, -1, -1, -1, null);

    /**
     * This reading less an earlier one, counter by counter; unknown where either is. Each
     * statement's counters are kept as read: {@link StatementCounters#costliest} subtracts them.
     */
    DatabaseCounters minus(DatabaseCounters earlier) {
        return new DatabaseCounters(difference(statements, earlier.statements),
                difference(nestedStatements, earlier.nestedStatements), difference(transactions, earlier.transactions),
                difference(walFlushes, earlier.walFlushes), difference(evictions, earlier.evictions),
                difference(walBytes, earlier.walBytes), null);
    }

    private static long difference(long later, long earlier) {
        return later < 0 || earlier < 0 ? -1 : later - earlier;
    }

    /**
     * Reads the counters of {@code database} through {@code monitor} (any database of the same
     * PostgreSQL: the statistics views show them all); each counter it cannot read is -1.
     */
    static DatabaseCounters read(JdbcTarget monitor, String database) {
        if (monitor == null || database == null) {
            return UNKNOWN;
        }
        try (Connection connection = monitor.connect()) {
            connection.setAutoCommit(true);
            long[] statements = statements(connection, database);
            return new DatabaseCounters(statements[0], statements[1], transactions(connection, database),
                    walFlushes(connection), number(connection, "select dealloc from pg_stat_statements_info"),
                    number(connection, "select wal_bytes::bigint from pg_stat_wal"), byStatement(connection, database));
        } catch (SQLException e) {
            return UNKNOWN;
        }
    }

    /** The name of the database {@code target} connects to; null when it cannot be reached. */
    static String databaseOf(JdbcTarget target) {
        try (Connection connection = target.connect(); Statement sql = connection.createStatement();
             ResultSet result = sql.executeQuery("select current_database()")) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static long[] statements(Connection connection, String database) {
        // pg_stat_statements(false) leaves out the query texts, which this does not need
        String sql = """
                select coalesce(sum(calls) filter (where toplevel), 0), coalesce(sum(calls) filter (where not toplevel), 0)
                from pg_stat_statements(false)
                where dbid = (select oid from pg_database where datname = ?)""";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return new long[] {result.getLong(1), result.getLong(2)};
            }
        } catch (SQLException e) {
            return new long[] {-1, -1};
        }
    }

    private static Map<StatementCounters.Key, StatementCounters> byStatement(Connection connection, String database) {
        String sql = """
                select queryid, toplevel, query, calls, total_plan_time, total_exec_time, rows, shared_blks_hit, shared_blks_read,
                       shared_blks_dirtied, shared_blks_written, wal_bytes::bigint
                from pg_stat_statements(true)
                where dbid = (select oid from pg_database where datname = ?)""";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, database);
            List<StatementCounters> entries = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    entries.add(new StatementCounters(result.getLong(1), result.getBoolean(2), result.getString(3),
                            result.getLong(4), result.getDouble(5), result.getDouble(6), result.getLong(7),
                            result.getLong(8), result.getLong(9), result.getLong(10), result.getLong(11),
                            result.getLong(12)));
                }
            }
            return StatementCounters.byKey(entries);
        } catch (SQLException e) {
            return null;
        }
    }

    private static long transactions(Connection connection, String database) {
        try (PreparedStatement query = connection.prepareStatement(
                "select xact_commit + xact_rollback from pg_stat_database where datname = ?")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private static long walFlushes(Connection connection) {
        long syncs = number(connection, "select wal_sync from pg_stat_wal");
        return syncs >= 0 ? syncs : number(connection, "select sum(fsyncs)::bigint from pg_stat_io where object = 'wal'");
    }

    private static long number(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() && result.getObject(1) != null ? result.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }
}
