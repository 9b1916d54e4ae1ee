package io.kasa.server.shared;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * The authenticated merchant of a request. Every merchant-facing query is scoped to it, so
 * another merchant's ids behave exactly like ids that do not exist. Serializable, as part of
 * a dashboard session kept in the database.
 */
public record MerchantId(UUID value) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public MerchantId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
