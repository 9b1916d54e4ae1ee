package io.kasa.server.merchant;

import java.time.Instant;
import java.util.UUID;

/**
 * A credential just issued, with its secret. This is the only time the secret exists outside
 * the issuing call: Kasa keeps a hash (API keys) or an encrypted copy (webhook keys).
 */
public record IssuedKey(UUID keyId, KeyKind kind, String client, String secret, Instant createdAt) {

    @Override
    public String toString() {
        return "IssuedKey[" + keyId + ", " + kind + ", " + client + "]";
    }
}
