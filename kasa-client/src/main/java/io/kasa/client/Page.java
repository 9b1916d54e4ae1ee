package io.kasa.client;

import java.util.List;

/** One page of a list answer, {@code {Items, Pagination}}; {@code items} is never null. */
public record Page<T>(List<T> items, Pagination pagination) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
