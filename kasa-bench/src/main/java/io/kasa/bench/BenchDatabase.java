package io.kasa.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The PostgreSQL 17 the benchmark starts for the server it owns: the same binaries and
 * settings as the server's own embedded database ({@code synchronous_commit} on, listening on
 * 127.0.0.1 only), with its files in a temporary directory that is deleted when it stops.
 * {@code fsync} is PostgreSQL's default, on, unless asked otherwise: the embedded library turns
 * it off for tests, and a production database keeps it on, so commits wait for the disk.
 *
 * <p>It loads {@code pg_stat_statements} (shipped with these binaries) to count the statements
 * each sale costs: top-level statements and, apart, the ones run inside them such as
 * foreign-key checks ({@code pg_stat_statements.track = all}); transaction control and other
 * utility commands are not counted ({@code track_utility = off}), since {@link DatabaseCounters}
 * counts transactions from {@code pg_stat_database}; it times each statement's planning
 * apart from its execution ({@code track_planning = on}), since a statement planned afresh on
 * every execution costs the database its planning each time. The extension is created in the
 * maintenance database, from which the benchmark reads every counter so that its own reads
 * are in neither measured database, and in the {@value #DATABASE} database for anyone who
 * looks. The lean-lifecycle ceiling runs in a database of its own, {@value #LEAN_DATABASE},
 * so that its statements and transactions are not mixed with the idle server's.
 */
final class BenchDatabase implements AutoCloseable {

    static final String DATABASE = "kasa";
    static final String LEAN_DATABASE = "kasa_lean";
    static final String USER = "postgres";
    private static final String MAINTENANCE_DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path directory;

    private BenchDatabase(EmbeddedPostgres postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory;
    }

    static BenchDatabase start(boolean fsync) throws IOException {
        Path directory = Files.createTempDirectory("kasa-bench-pg-");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("data"))
                .setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", fsync ? "on" : "off")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .setServerConfig("pg_stat_statements.track_utility", "off")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .setServerConfig("track_io_timing", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + DATABASE + " encoding 'UTF8'");
            statement.execute("create database " + LEAN_DATABASE + " encoding 'UTF8'");
            statement.execute("create extension if not exists pg_stat_statements");
        } catch (SQLException e) {
            postgres.close();
            deleteTree(directory);
            throw new IOException("could not create the benchmark database", e);
        }
        BenchDatabase database = new BenchDatabase(postgres, directory);
        try (Connection connection = database.jdbc().connect(); Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements");
        } catch (SQLException e) {
            database.close();
            throw new IOException("could not create pg_stat_statements in the benchmark database", e);
        }
        return database;
    }

    /** The postmaster's pid, from its pid file; 0 when it cannot be read. */
    long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(directory.resolve("data").resolve("postmaster.pid")).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The server's database. */
    JdbcTarget jdbc() {
        return jdbc(DATABASE);
    }

    /** The lean-lifecycle ceiling's database. */
    JdbcTarget leanJdbc() {
        return jdbc(LEAN_DATABASE);
    }

    /** The maintenance database, where the benchmark reads PostgreSQL's counters. */
    JdbcTarget monitorJdbc() {
        return jdbc(MAINTENANCE_DATABASE);
    }

    private JdbcTarget jdbc(String database) {
        return new JdbcTarget("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database, USER, "");
    }

    @Override
    public synchronized void close() {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("Stopping the benchmark's PostgreSQL failed: " + e);
        } finally {
            deleteTree(directory);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not delete " + root + ": " + e);
        }
    }
}
