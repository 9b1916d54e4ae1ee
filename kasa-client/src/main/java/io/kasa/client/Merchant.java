package io.kasa.client;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** One merchant with all its keys, secrets never included; {@code keys} is never null. */
public record Merchant(UUID id, String name, LocalDateTime createdDate, List<KeyInfo> keys) {

    public Merchant {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
