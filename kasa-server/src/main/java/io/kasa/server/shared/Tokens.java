package io.kasa.server.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets and their stored hashes. */
public final class Tokens {

    /**
     * Never used itself, only copied: finding the algorithm among the security providers (a
     * walk of the provider list and service look-ups) cost more than the hash, and a hash is
     * taken for every request that carries a key and every callback sent.
     */
    private static final MessageDigest SHA_256 = sha256();

    private Tokens() {
    }

    /** {@code bytes} random bytes as URL-safe base64 without padding. */
    public static String random(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /**
     * SHA-256 of a secret. The secrets are at least 128 random bits, so a fast hash is
     * enough: there is nothing to guess.
     */
    public static byte[] hash(String secret) {
        try {
            return ((MessageDigest) SHA_256.clone()).digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 cannot be copied", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
