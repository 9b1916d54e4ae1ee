package io.kasa.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kasa.server.ServerJars.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built jar started the way an operator starts it, with one setting wrong: each ends
 * within seconds, non-zero, with Spring Boot's failure report of one paragraph naming the
 * setting and one saying how to fix it, and no stack trace. The database cases use a real
 * PostgreSQL of the test's own, with a role and password; "unreachable" is a closed
 * loopback port, or one that accepts connections and never answers.
 */
class StartupFailuresIT {

    /**
     * Generous: the JVM's own start on a loaded machine is most of it (a server that starts
     * takes as long). Measured, never waited for.
     */
    private static final Duration PROMPTLY = Duration.ofSeconds(90);
    private static final Pattern REPORT = Pattern.compile("Description:\\R\\R(.+)\\R\\RAction:\\R\\R(.+)\\R");
    private static final Pattern LOG_TIME = Pattern.compile("^(\\S+Z) ");
    private static final String ROLE = "kasa_app";
    private static final String PASSWORD = "right-pw-4711";

    private static EmbeddedPostgres postgres;

    private final ServerJars servers = new ServerJars();

    /**
     * PostgreSQL as a production server is set up: every role but the test's own superuser
     * logs in with its password (the default trusts everyone, and would let a wrong one in).
     */
    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectoryCustomizer(directory -> {
                    try {
                        Files.writeString(directory.toPath().resolve("pg_hba.conf"), String.join("\n",
                                "host all postgres 127.0.0.1/32 trust",
                                "host all postgres ::1/128 trust",
                                "host all all 127.0.0.1/32 scram-sha-256",
                                "host all all ::1/128 scram-sha-256", ""));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .setServerConfig("password_encryption", "scram-sha-256")
                .start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("create role " + ROLE + " login password '" + PASSWORD + "'");
            sql.execute("create database kasa_keys owner " + ROLE);
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @AfterEach
    void stopLeftovers() throws InterruptedException {
        servers.close();
    }

    @Test
    void aDatabaseUrlThatIsNotJdbcIsRefusedWithTheFormItNeeds() throws Exception {
        Report report = start(Map.of("KASA_DATABASE_URL", "postgres://kasa:secret-in-url@127.0.0.1:5432/kasa"));
        assertThat(report.description()).contains("KASA_DATABASE_URL", "is not a PostgreSQL JDBC URL", "'postgres://'");
        assertThat(report.action()).contains("jdbc:postgresql://host:5432/database");
        assertThat(report.all()).doesNotContain("secret-in-url");
    }

    @Test
    void aDatabaseUrlNamingAMissingDatabaseSaysWhichAndHowToCreateIt() throws Exception {
        Report report = start(external("/no_such_db", PASSWORD));
        assertThat(report.description()).contains("has no database 'no_such_db'", "KASA_DATABASE_URL",
                "127.0.0.1:" + postgres.getPort());
        assertThat(report.action()).contains("create database no_such_db owner " + ROLE, "KASA_DATABASE_URL");
    }

    @Test
    void aWrongDatabasePasswordNamesTheUserAndTheSettings() throws Exception {
        Report report = start(external("/kasa_keys", "wrong-pw-0815"));
        assertThat(report.description()).contains("refused user '" + ROLE + "'", "KASA_DATABASE_PASSWORD",
                "password authentication failed");
        assertThat(report.action()).contains("KASA_DATABASE_USERNAME", "KASA_DATABASE_PASSWORD");
        assertThat(report.all()).doesNotContain("wrong-pw-0815");
    }

    @Test
    void aDatabaseOnAClosedPortIsUnreachable() throws Exception {
        int closed = freePort();
        Report report = start(Map.of("KASA_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/kasa"));
        assertThat(report.description()).contains("127.0.0.1:" + closed, "KASA_DATABASE_URL", "cannot be reached",
                "refused");
        assertThat(report.action()).contains("Start PostgreSQL there", "KASA_DATABASE_URL");
    }

    /**
     * A database host that takes the connection and never answers (a stalled server) is given
     * up on after the connection timeout (2 s), not the pool's 30 s default: measured in the
     * server's own log, from the pool's start to the report.
     */
    @Test
    void aDatabaseThatNeverAnswersIsGivenUpOnAfterTheConnectionTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Report report = start(Map.of("KASA_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/kasa"));
            assertThat(report.description()).contains("cannot be reached", "timed out",
                    "kasa.database.connection-timeout (2000 ms)");
            Instant poolStarting = timeOf(report.all(), "kasa - Starting...");
            Instant reported = timeOf(report.all(), "LoggingFailureAnalysisReporter");
            assertThat(Duration.between(poolStarting, reported)).as("from the pool's start to the report")
                    .isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.createTempFile("kasa-data-", ".txt");
        Report report = start(file, freePort(), Map.of());
        assertThat(report.description()).contains(file.toString(), "KASA_DATA_DIR", "is a file, not a directory");
        assertThat(report.action()).contains("Point KASA_DATA_DIR at a directory");
    }

    /**
     * A data directory the server's user cannot write: read-only by its mode or, as root
     * writes whatever the mode says, immutable ({@code chattr +i}).
     */
    @Test
    void aDataDirectoryThatCannotBeWrittenIsRefused() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-readonly-");
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = false;
        try {
            if (Files.isWritable(dataDir)) {
                immutable = chattr("+i", dataDir);
                assumeTrue(immutable, "root writes any directory by its mode, and chattr +i is not available");
            }
            assertThat(Files.isWritable(dataDir)).isFalse();
            Report report = start(dataDir, freePort(), Map.of());
            assertThat(report.description()).contains(dataDir.toString(), "KASA_DATA_DIR", "cannot be written");
            assertThat(report.action()).contains("Point KASA_DATA_DIR at a directory", "write access");
            assertThat(dataDir.resolve("postgres")).doesNotExist();
        } finally {
            if (immutable) {
                chattr("-i", dataDir);
            }
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** The embedded database is never started (nor left behind) for a server that cannot listen. */
    @Test
    void aPortInUseIsRefusedBeforeTheEmbeddedDatabaseStarts() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-port-");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Report report = start(dataDir, port, Map.of());
            assertThat(report.description()).contains("Port " + port, "SERVER_PORT", "already in use");
            assertThat(report.action()).contains("set SERVER_PORT to a free port");
            assertThat(dataDir.resolve("postgres")).as("no embedded database was created").doesNotExist();
            assertThat(report.all()).doesNotContain("Generated the embedded database's password");
        }
    }

    @Test
    void aMasterKeyThatIsNotBase64IsRefusedWithoutShowingIt() throws Exception {
        Map<String, String> environment = new HashMap<>(external("/kasa_keys", PASSWORD));
        environment.put("KASA_MASTER_KEY", "not!base64?key");
        Report report = start(environment);
        assertThat(report.description()).contains("KASA_MASTER_KEY", "is not base64", "32 random bytes");
        assertThat(report.action()).contains("openssl rand -base64 32");
        assertThat(report.all()).doesNotContain("not!base64?key");
    }

    @Test
    void aMasterKeyOfTheWrongLengthIsRefused() throws Exception {
        Map<String, String> environment = new HashMap<>(external("/kasa_keys", PASSWORD));
        environment.put("KASA_MASTER_KEY", "c2l4dGVlbi1ieXRlcyEh");
        Report report = start(environment);
        assertThat(report.description()).contains("KASA_MASTER_KEY", "decodes to 15 bytes", "32 random bytes");
        assertThat(report.action()).contains("KASA_MASTER_KEY", "openssl rand -base64 32");
    }

    private static Map<String, String> external(String database, String password) {
        return Map.of("KASA_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + database,
                "KASA_DATABASE_USERNAME", ROLE, "KASA_DATABASE_PASSWORD", password);
    }

    private Report start(Map<String, String> environment) throws Exception {
        return start(Files.createTempDirectory("kasa-startup-"), freePort(), environment);
    }

    /**
     * Starts the jar and reads its report once it has ended: non-zero, promptly, one paragraph
     * describing the failure and one with the fix, no stack trace anywhere.
     */
    private Report start(Path dataDir, int port, Map<String, String> environment) throws Exception {
        Path log = Files.createTempFile("kasa-startup-", ".log");
        long started = System.nanoTime();
        Process server = servers.start(dataDir, port, environment, log);
        assertThat(server.waitFor(180, TimeUnit.SECONDS)).as("the server gives up; log in %s", log).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String output = Files.readString(log);
        assertThat(server.exitValue()).as(output).isNotZero();
        assertThat(took).as("the time to give up").isLessThan(PROMPTLY);
        assertThat(output).as("no stack trace").doesNotContain("\tat ").doesNotContain("Caused by");
        Matcher report = REPORT.matcher(output);
        assertThat(report.find()).as("the failure report, one paragraph each:%n%s", output).isTrue();
        return new Report(report.group(1), report.group(2), output);
    }

    /** When the server logged the first line containing {@code text}. */
    private static Instant timeOf(String output, String text) {
        String line = output.lines().filter(candidate -> candidate.contains(text)).findFirst().orElseThrow(
                () -> new AssertionError("no line with " + text + " in:\n" + output));
        Matcher time = LOG_TIME.matcher(line);
        assertThat(time.find()).as("a time in %s", line).isTrue();
        return Instant.parse(time.group(1));
    }

    private static boolean chattr(String change, Path path) throws InterruptedException {
        try {
            Process chattr = new ProcessBuilder("chattr", change, path.toString()).redirectErrorStream(true).start();
            return chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    private record Report(String description, String action, String all) {
    }
}
