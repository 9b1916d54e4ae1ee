package io.kasa.server.merchant;

import io.kasa.server.shared.MerchantId;

import java.util.Objects;
import java.util.UUID;

/** A key pair that matched: whose it is and which of the merchant's keys it was. */
public record AuthenticatedPair(MerchantId merchant, UUID keyId) {

    public AuthenticatedPair {
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(keyId, "keyId");
    }
}
