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
 */
final class BenchDatabase implements AutoCloseable {

    static final String DATABASE = "kasa";
    static final String USER = "postgres";

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
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + DATABASE + " encoding 'UTF8'");
        } catch (SQLException e) {
            postgres.close();
            deleteTree(directory);
            throw new IOException("could not create the benchmark database", e);
        }
        return new BenchDatabase(postgres, directory);
    }

    /** The postmaster's pid, from its pid file; 0 when it cannot be read. */
    long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(directory.resolve("data").resolve("postmaster.pid")).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    JdbcTarget jdbc() {
        return new JdbcTarget("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE, USER, "");
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
