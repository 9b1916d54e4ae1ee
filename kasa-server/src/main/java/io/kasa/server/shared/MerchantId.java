package io.kasa.server.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * The authenticated merchant of a request. Every merchant-facing query is scoped to it, so
 * another merchant's ids behave exactly like ids that do not exist.
 */
public record MerchantId(UUID value) {

    public MerchantId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
