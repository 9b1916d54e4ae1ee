package io.kasa.server.merchant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import io.kasa.server.shared.Tokens;
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
 * admin token; it is never generated.
 */
@Component
public class ServerSecrets {

    private static final Logger log = LoggerFactory.getLogger(ServerSecrets.class);

    private final String adminToken;
    private final String metricsToken;
    private final byte[] masterKey;

    ServerSecrets(@Value("${kasa.admin-token:}") String adminToken,
                  @Value("${kasa.metrics-token:}") String metricsToken,
                  @Value("${kasa.master-key:}") String masterKey,
                  @Value("${kasa.data-dir:kasa-data}") String dataDir,
                  SecureRandom random) {
        Properties stored = new Properties();
        Path file = Path.of(dataDir).toAbsolutePath().resolve("secrets.properties");
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
            byte[] key = new byte[32];
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
            throw new IllegalArgumentException("kasa.metrics-token must be at least 16 characters");
        }
        this.metricsToken = metricsToken.strip();
        this.masterKey = Base64.getDecoder().decode(masterKey.isBlank() ? stored.getProperty("master-key") : masterKey);
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
            Files.createDirectories(file.getParent());
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
