package io.kasa.server.merchant;

import java.util.List;
import java.util.UUID;

/** A new merchant with its default connection and its first credentials (secrets included). */
public record CreatedMerchant(Merchant merchant, UUID connectionId, List<IssuedKey> keys) {

    public IssuedKey key(KeyKind kind) {
        return keys.stream().filter(key -> key.kind() == kind).findFirst().orElseThrow();
    }
}
