package io.kasa.server.database;

import io.kasa.server.shared.Tokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL 17 that runs inside the server's data directory when no external database
 * is configured. Its files survive restarts.
 *
 * <p>It lets in Kasa alone: it listens on 127.0.0.1 only, has no Unix socket, and every line
 * of its {@code pg_hba.conf} asks for the superuser's password by {@code scram-sha-256}. The
 * password is generated on the first start and kept in {@code database-password} beside the
 * other generated secrets, readable by the owner only. A data directory of an older Kasa,
 * whose PostgreSQL trusted every local user, gets its password and the locked-down
 * {@code pg_hba.conf} on its first start here.
 *
 * <p>One process owns the data directory ({@link DataDirectoryLock}). Only once this process
 * holds it is a PostgreSQL still running there (left by a server killed with SIGKILL, whose
 * lock the OS has released) stopped and started afresh, so a crash never blocks the next run
 * and a second server never stops the first one's database.
 *
 * <p>No JVM shutdown hook stops it: it stops when the application context closes it, after
 * the web server has drained and the device connections are closed, so that work finishing
 * during a graceful shutdown can still be recorded.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "kasa";
    static final String SUPERUSER = "postgres";
    static final String PASSWORD_FILE = "database-password";
    /** The first line of the {@code pg_hba.conf} Kasa writes; a file without it is an older Kasa's. */
    private static final String LOCKED_DOWN = "# Kasa: the superuser's password, over loopback TCP only";
    private static final List<String> HBA = List.of(
            LOCKED_DOWN,
            "host    all             all             127.0.0.1/32            scram-sha-256",
            "host    replication     all             127.0.0.1/32            scram-sha-256");

    private final EmbeddedPostgres postgres;
    private final String password;
    private final DataDirectoryLock lock;
    private final Path pgData;
    private volatile boolean stopping;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password, DataDirectoryLock lock, Path pgData) {
        this.postgres = postgres;
        this.password = password;
        this.lock = lock;
        this.pgData = pgData;
    }

    /**
     * Starts the database of {@code dataDir}; fails with
     * {@link DataDirectoryLock.DataDirectoryInUse} without touching anything when another
     * live Kasa process holds the directory.
     */
    public static EmbeddedDatabase start(Path dataDir) throws IOException {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        try {
            Path pgData = dataDir.resolve("postgres");
            Files.createDirectories(pgData);
            stopLeftover(pgData);
            boolean existing = Files.exists(pgData.resolve("PG_VERSION"));
            boolean older = existing && !isLockedDown(pgData);
            if (existing && !older && !Files.exists(dataDir.resolve(PASSWORD_FILE))) {
                throw new IOException("The embedded database in " + pgData + " asks for the password kept in "
                        + dataDir.resolve(PASSWORD_FILE) + ", which is missing: restore it with the data directory");
            }
            String password = password(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    // initdb: the superuser gets the password at once (--pwfile, --auth)
                    .setLocaleConfig("pwfile", dataDir.resolve(PASSWORD_FILE).toString())
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setDataDirectoryCustomizer(directory -> {
                        if (!older) {
                            writeHba(directory.toPath());
                        }
                    })
                    .setConnectConfig("password", password)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, password, lock, pgData);
            try {
                if (older) {
                    database.lockDown();
                }
                database.createDatabaseIfMissing();
            } catch (IOException | RuntimeException e) {
                // no shutdown hook stops it: a server that fails to start stops it here
                postgres.close();
                throw e;
            }
            return database;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    public String username() {
        return SUPERUSER;
    }

    String password() {
        return password;
    }

    /** The running postmaster, read from its pid file; empty once it is gone. */
    Optional<ProcessHandle> postmaster() {
        return runningPostmaster(pgData);
    }

    /**
     * A data directory of an older Kasa: its superuser has no password and its
     * {@code pg_hba.conf} trusts every local user. Until the password is set a moment later,
     * that is still so (as it was on every run of the older Kasa); then only the password
     * lets anyone in, from this connection's successors on.
     */
    private void lockDown() throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("alter role " + SUPERUSER + " password '" + password.replace("'", "''") + "'");
            writeHba(pgData);
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set the embedded database's password", e);
        }
        log.info("The embedded database now asks for the password kept in {}", PASSWORD_FILE);
    }

    private void createDatabaseIfMissing() throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("create database " + DATABASE + " encoding 'UTF8'");
        } catch (SQLException e) {
            throw new IOException("could not create the embedded database", e);
        }
    }

    private static boolean isLockedDown(Path pgData) throws IOException {
        Path hba = pgData.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readAllLines(hba, StandardCharsets.UTF_8).stream().findFirst()
                .filter(LOCKED_DOWN::equals).isPresent();
    }

    private static void writeHba(Path pgData) {
        try {
            writePrivately(pgData.resolve("pg_hba.conf"), String.join("\n", HBA) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedded database's pg_hba.conf", e);
        }
    }

    /** The superuser's password: generated once, then read from {@code database-password}. */
    private static String password(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PASSWORD_FILE);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String password = Tokens.random(new SecureRandom(), 32);
        writePrivately(file, password + "\n");
        log.info("Generated the embedded database's password in {}", file);
        return password;
    }

    /** Writes a file readable by its owner only, replacing it whole or not at all. */
    private static void writePrivately(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: rely on the directory's permissions
        }
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Stops a PostgreSQL left running on this data directory by a process that died without
     * shutting it down, and removes its pid file. Called only while holding the
     * {@link DataDirectoryLock}: the process that started it is gone.
     */
    static void stopLeftover(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> leftover = runningPostmaster(pgData);
        if (leftover.isPresent()) {
            ProcessHandle process = leftover.get();
            log.warn("Stopping PostgreSQL left running by an earlier run (pid {})", process.pid());
            process.destroy();
            if (!waitForExit(process, Duration.ofSeconds(20))) {
                process.destroyForcibly();
                waitForExit(process, Duration.ofSeconds(10));
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<ProcessHandle> runningPostmaster(Path pgData) {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty()
                    : parsePid(lines.getFirst()).flatMap(ProcessHandle::of).filter(EmbeddedDatabase::isPostgres);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.isAlive() && process.info().command().map(command -> command.endsWith("postgres")).orElse(false);
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    /** Whether the server is stopping it: from then on it is meant not to run. */
    boolean stopping() {
        return stopping;
    }

    /** Stops PostgreSQL, then gives up the data directory. */
    @Override
    public void close() throws IOException {
        stopping = true;
        try {
            postgres.close();
        } finally {
            lock.close();
        }
    }
}
