package io.kasa.server.merchant;

import io.kasa.server.database.DataDirectory;
import io.kasa.server.database.DatabaseSettings;
import io.kasa.server.shared.CannotStart;
import io.kasa.server.shared.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The operator's secrets: the admin token and the master key that encrypts webhook keys.
 * They come from configuration ({@code KASA_ADMIN_TOKEN}, {@code KASA_MASTER_KEY} as 32
 * bytes in base64); whichever is not configured is generated once and kept in
 * {@code secrets.properties} in the data directory, readable by the owner only. The
 * optional metrics token ({@code KASA_METRICS_TOKEN}) opens the operator's read-only
 * endpoints under {@code /manage} and nothing else, so a metrics scraper need not hold the
 * admin token; it is never generated. A malformed master key or a short metrics token
 * ends the start with a {@link CannotStart} that names the setting, never its value.
 */
@Component
public class ServerSecrets {

    private static final Logger log = LoggerFactory.getLogger(ServerSecrets.class);
    static final int MASTER_KEY_BYTES = 32;

    private final String adminToken;
    private final String metricsToken;
    private final byte[] masterKey;

    ServerSecrets(@Value("${kasa.admin-token:}") String adminToken,
                  @Value("${kasa.metrics-token:}") String metricsToken,
                  @Value("${kasa.master-key:}") String masterKey,
                  @Value("${kasa.data-dir:kasa-data}") String dataDir,
                  SecureRandom random) {
        Properties stored = new Properties();
        Path file = DatabaseSettings.dataDir(dataDir).resolve("secrets.properties");
        boolean needsFile = adminToken.isBlank() || masterKey.isBlank();
        if (needsFile) {
            load(file, stored);
        }
        boolean changed = false;
        if (adminToken.isBlank() && stored.getProperty("admin-token") == null) {
            stored.setProperty("admin-token", "kat_" + Tokens.random(random, 32));
            changed = true;
        }
        if (masterKey.isBlank() && stored.getProperty("master-key") == null) {
            byte[] key = new byte[MASTER_KEY_BYTES];
            random.nextBytes(key);
            stored.setProperty("master-key", Base64.getEncoder().encodeToString(key));
            changed = true;
        }
        if (changed) {
            save(file, stored);
            log.info("Generated server secrets in {}", file);
        }
        this.adminToken = adminToken.isBlank() ? stored.getProperty("admin-token") : adminToken;
        if (!metricsToken.isBlank() && metricsToken.strip().length() < 16) {
            throw new CannotStart("KASA_METRICS_TOKEN (kasa.metrics-token) is " + metricsToken.strip().length()
                    + " characters long; a token that opens the operator's metrics must be at least 16.",
                    "Set KASA_METRICS_TOKEN to a random token of at least 16 characters (openssl rand -hex 24), or "
                            + "unset it to let only the admin token open /manage.");
        }
        this.metricsToken = metricsToken.strip();
        this.masterKey = masterKey.isBlank()
                ? masterKey(stored.getProperty("master-key"), "The master key kept in " + file)
                : masterKey(masterKey, "KASA_MASTER_KEY (kasa.master-key)");
    }

    /**
     * The 32 bytes of a master key written in base64, or a {@link CannotStart} naming where it
     * came from ({@code source}) and never its value: a key that does not decode, or decodes
     * to another length, would fail every webhook key's encryption later.
     */
    static byte[] masterKey(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw malformedMasterKey(source, "is not base64");
        }
        if (key.length != MASTER_KEY_BYTES) {
            throw malformedMasterKey(source, "decodes to " + key.length + " bytes");
        }
        return key;
    }

    private static CannotStart malformedMasterKey(String source, String problem) {
        return new CannotStart(source + " " + problem + "; the master key, which encrypts the webhook hash keys at rest, "
                + "is " + MASTER_KEY_BYTES + " random bytes written in base64 (44 characters ending in '=').",
                "Set KASA_MASTER_KEY to the key this database's webhook keys were encrypted with (from your secret "
                        + "store, or the master-key line of secrets.properties in the data directory). For a new "
                        + "database, make one with: openssl rand -base64 32");
    }

    /** Constant-time comparison with the admin token. */
    public boolean isAdminToken(String candidate) {
        return candidate != null && MessageDigest.isEqual(
                candidate.getBytes(StandardCharsets.UTF_8), adminToken.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time comparison with the metrics token or, as it opens everything, the admin token. */
    public boolean isMetricsToken(String candidate) {
        if (candidate == null) {
            return false;
        }
        boolean metrics = !metricsToken.isEmpty() && MessageDigest.isEqual(
                candidate.getBytes(StandardCharsets.UTF_8), metricsToken.getBytes(StandardCharsets.UTF_8));
        return isAdminToken(candidate) | metrics;
    }

    String adminToken() {
        return adminToken;
    }

    byte[] masterKey() {
        return masterKey.clone();
    }

    private static void load(Path file, Properties into) {
        if (!Files.exists(file)) {
            return;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            into.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void save(Path file, Properties secrets) {
        try {
            DataDirectory.writable(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "secrets", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: rely on the directory's permissions
            }
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                secrets.store(writer, "Kasa server secrets: keep private");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
