package io.kasa.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL lets in Kasa alone: every connection needs the generated password
 * (kept in the data directory, readable by its owner only), there is no Unix socket, and it
 * listens on loopback only. Other users of the host, the psql client run as {@code nobody}
 * here, get nowhere, and a data directory from an older Kasa that trusted everyone is locked
 * down on its first start.
 */
class EmbeddedDatabaseIT {

    @Test
    void onlyKasaWithItsGeneratedPasswordGetsIn() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-locked-");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            int port = URI.create(database.jdbcUrl().substring("jdbc:".length())).getPort();
            Path passwordFile = dataDir.resolve("database-password");
            assertThat(passwordFile).exists();
            assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);

            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", null).close())
                    .as("no password").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "guess").close())
                    .as("a wrong password").isInstanceOf(SQLException.class);
            try (Connection kasa = DriverManager.getConnection(database.jdbcUrl(), database.username(), password);
                 Statement sql = kasa.createStatement();
                 ResultSet settings = sql.executeQuery("select current_setting('listen_addresses'), "
                         + "current_setting('unix_socket_directories'), current_setting('password_encryption')")) {
                assertThat(settings.next()).isTrue();
                assertThat(settings.getString(1)).isEqualTo("127.0.0.1");
                assertThat(settings.getString(2)).as("no Unix socket").isEmpty();
                assertThat(settings.getString(3)).isEqualTo("scram-sha-256");
            }
            try (Connection kasa = DriverManager.getConnection(database.jdbcUrl(), database.username(), password);
                 Statement sql = kasa.createStatement();
                 ResultSet rules = sql.executeQuery("select distinct auth_method from pg_hba_file_rules")) {
                assertThat(rules.next()).isTrue();
                assertThat(rules.getString(1)).isEqualTo("scram-sha-256");
                assertThat(rules.next()).as("one authentication method for every line").isFalse();
            }

            Psql overTcp = psqlAsNobody("-h", "127.0.0.1", "-p", Integer.toString(port));
            assertThat(overTcp.exitCode()).as("another OS user over TCP: %s", overTcp.output()).isNotZero();
            assertThat(overTcp.output()).contains("password");
            assertThat(Path.of("/tmp", ".s.PGSQL." + port)).as("no socket in /tmp").doesNotExist();
            Psql overSocket = psqlAsNobody("-h", "/tmp", "-p", Integer.toString(port));
            assertThat(overSocket.exitCode()).as("another OS user over the socket: %s", overSocket.output()).isNotZero();
        }
    }

    @Test
    void aDataDirectoryOfAnOlderKasaGetsAPasswordOnItsFirstStartAndKeepsItsData() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-older-");
        try (EmbeddedPostgres older = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start();
             Connection admin = older.getPostgresDatabase().getConnection();
             Statement sql = admin.createStatement()) {
            sql.execute("create database kasa encoding 'UTF8'");
        }
        try (EmbeddedPostgres older = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start();
             Connection kasa = older.getDatabase("postgres", "kasa").getConnection();
             Statement sql = kasa.createStatement()) {
            sql.execute("create table kept (value text)");
            sql.execute("insert into kept values ('from the older Kasa')");
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", null).close())
                    .as("no password").isInstanceOf(SQLException.class);
            try (Connection kasa = DriverManager.getConnection(database.jdbcUrl(), database.username(), password(dataDir));
                 Statement sql = kasa.createStatement();
                 ResultSet kept = sql.executeQuery("select value from kept")) {
                assertThat(kept.next()).isTrue();
                assertThat(kept.getString(1)).isEqualTo("from the older Kasa");
            }
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir);
             Connection kasa = DriverManager.getConnection(again.jdbcUrl(), again.username(), password(dataDir))) {
            assertThat(kasa.isValid(5)).as("the same password on the next start").isTrue();
        }
    }

    @Test
    void withoutItsPasswordFileTheDatabaseRefusesToStartAndSaysWhy() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-no-password-");
        EmbeddedDatabase.start(dataDir).close();
        Path passwordFile = dataDir.resolve("database-password");
        Path kept = Files.move(passwordFile, dataDir.resolve("kept-elsewhere"));

        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir).close())
                .isInstanceOf(IOException.class).hasMessageContaining("database-password").hasMessageContaining("missing");

        Files.move(kept, passwordFile);
        try (EmbeddedDatabase restored = EmbeddedDatabase.start(dataDir);
             Connection kasa = DriverManager.getConnection(restored.jdbcUrl(), restored.username(), password(dataDir))) {
            assertThat(kasa.isValid(5)).as("the restored file opens it again").isTrue();
        }
    }

    private static String password(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve("database-password"), StandardCharsets.UTF_8).strip();
    }

    private record Psql(int exitCode, String output) {
    }

    /** The psql client run as the OS user {@code nobody}, connecting as PostgreSQL's superuser without a password. */
    private static Psql psqlAsNobody(String... where) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", "psql", "-w"));
        command.addAll(List.of(where));
        command.addAll(List.of("-U", "postgres", "-d", "kasa", "-c", "select 1"));
        Process psql = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Psql(psql.exitValue(), new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
