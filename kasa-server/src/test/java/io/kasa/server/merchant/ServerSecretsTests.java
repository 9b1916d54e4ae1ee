package io.kasa.server.merchant;

import io.kasa.server.shared.CannotStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerSecretsTests {

    @Test
    void aMasterKeyIsThirtyTwoBytesOfBase64() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        assertThat(ServerSecrets.masterKey(Base64.getEncoder().encodeToString(key) + "\n", "KASA_MASTER_KEY")).isEqualTo(key);
    }

    @Test
    void aMalformedMasterKeyIsRefusedNamingItsSourceNeverItsValue() {
        assertThatThrownBy(() -> ServerSecrets.masterKey("not!base64?key", "KASA_MASTER_KEY (kasa.master-key)"))
                .isInstanceOf(CannotStart.class)
                .hasMessageStartingWith("KASA_MASTER_KEY (kasa.master-key) is not base64")
                .hasMessageNotContaining("not!base64?key");
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> ServerSecrets.masterKey(sixteen, "KASA_MASTER_KEY (kasa.master-key)"))
                .isInstanceOf(CannotStart.class)
                .hasMessageContaining("decodes to 16 bytes")
                .hasMessageNotContaining(sixteen)
                .satisfies(refused -> assertThat(((CannotStart) refused).action()).contains("openssl rand -base64 32"));
    }

    @Test
    void aDamagedGeneratedKeyNamesTheFileItIsKeptIn(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve("secrets.properties"), "admin-token=kat_x\nmaster-key=c2hvcnQ=\n");
        assertThatThrownBy(() -> new ServerSecrets("", "", "", dataDir.toString(), new SecureRandom()))
                .isInstanceOf(CannotStart.class)
                .hasMessageStartingWith("The master key kept in " + dataDir.resolve("secrets.properties"))
                .hasMessageContaining("decodes to 5 bytes");
    }

    @Test
    void aShortMetricsTokenIsRefusedNamingTheSetting(@TempDir Path dataDir) {
        assertThatThrownBy(() -> new ServerSecrets("", "short-token", "", dataDir.toString(), new SecureRandom()))
                .isInstanceOf(CannotStart.class)
                .hasMessageStartingWith("KASA_METRICS_TOKEN (kasa.metrics-token) is 11 characters long")
                .hasMessageNotContaining("short-token");
    }
}
