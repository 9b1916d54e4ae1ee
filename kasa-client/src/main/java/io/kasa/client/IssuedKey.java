package io.kasa.client;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A key as issued, the only time its {@code secret} is shown. For {@link KeyKind#PRIVATE}
 * and {@link KeyKind#PUBLIC} keys {@code client} and {@code secret} go into the family's two
 * headers (see {@link KasaClient.Builder#privateKeys(IssuedKey)}); for {@link KeyKind#WEBHOOK}
 * {@code client} is null and {@code secret} is the webhook hash key.
 * {@link #toString()} masks the secret.
 */
public record IssuedKey(UUID keyId, KeyKind kind, String client, String secret, LocalDateTime createdDate) {

    @Override
    public String toString() {
        return "IssuedKey[keyId=" + keyId + ", kind=" + kind + ", client=" + client
                + ", secret=***, createdDate=" + createdDate + "]";
    }
}
