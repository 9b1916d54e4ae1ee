package io.kasa.client;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A merchant just created, with its default connection ({@code connectionId}, to the
 * built-in provider) and its first keys: one private pair, one public pair and one webhook
 * hash key, secrets included this once. {@code keys} is never null.
 */
public record CreatedMerchant(UUID merchantId, String name, LocalDateTime createdDate, UUID connectionId,
                              List<IssuedKey> keys) {

    public CreatedMerchant {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /** The private pair; throws {@link IllegalStateException} if the answer had none. */
    public IssuedKey privateKey() {
        return key(KeyKind.PRIVATE);
    }

    /** The public pair; throws {@link IllegalStateException} if the answer had none. */
    public IssuedKey publicKey() {
        return key(KeyKind.PUBLIC);
    }

    /** The webhook hash key; throws {@link IllegalStateException} if the answer had none. */
    public IssuedKey webhookKey() {
        return key(KeyKind.WEBHOOK);
    }

    private IssuedKey key(KeyKind kind) {
        return keys.stream()
                .filter(key -> key.kind() == kind)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("merchant " + merchantId + " was created without a " + kind + " key"));
    }
}
