package io.kasa.client;

import java.util.Collection;

/**
 * The builders' local checks: a required value that is absent is refused with an
 * {@link IllegalArgumentException} naming the wire field. Nothing else is checked here; the
 * server owns the rules (lengths, ranges, sums) and answers them with {@link InvalidRequestException}.
 */
final class Required {

    private Required() {
    }

    static <T> T value(String field, T value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static <T extends Collection<?>> T items(String field, T items) {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException(field + " needs at least one item");
        }
        return items;
    }
}
