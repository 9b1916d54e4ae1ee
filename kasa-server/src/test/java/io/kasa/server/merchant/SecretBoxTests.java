package io.kasa.server.merchant;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTests {

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) seed);
        return key;
    }

    @Test
    void sealedSecretsOpenWithTheSameKeyOnly() {
        SecretBox box = new SecretBox(key(1), new SecureRandom());
        byte[] sealed = box.seal("webhook-key-ğüş");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("webhook-key");
        assertThat(box.open(sealed)).isEqualTo("webhook-key-ğüş");
        assertThatThrownBy(() -> new SecretBox(key(2), new SecureRandom()).open(sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everySealUsesAFreshNonce() {
        SecretBox box = new SecretBox(key(1), new SecureRandom());
        assertThat(box.seal("same")).isNotEqualTo(box.seal("same"));
    }

    @Test
    void tamperedCiphertextIsRefused() {
        SecretBox box = new SecretBox(key(1), new SecureRandom());
        byte[] sealed = box.seal("secret");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(sealed)).isInstanceOf(IllegalStateException.class);
    }
}
