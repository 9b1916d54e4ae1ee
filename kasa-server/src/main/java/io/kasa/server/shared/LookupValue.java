package io.kasa.server.shared;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a Paywall lookup table (the "system data" pages of the Physical API): the id the
 * wire carries, the English name the API writes in its {@code ...Name} fields, and the label
 * in both languages, the Turkish one as Paywall's page writes it. A row Kasa does not serve
 * (a third-party brand or provider, a region not yet open) is listed but not active.
 */
public interface LookupValue {

    int id();

    String wireName();

    LocalizedText label();

    default boolean isActive() {
        return true;
    }

    /** The row of {@code table} with this id. */
    static <T extends LookupValue> Optional<T> find(T[] table, int id) {
        return Arrays.stream(table).filter(row -> row.id() == id).findFirst();
    }

    /** The table as id → wire name, in the table's order: what validation and {@code ...Name} fields read. */
    static Map<Integer, String> names(LookupValue[] table) {
        Map<Integer, String> names = new LinkedHashMap<>();
        for (LookupValue row : table) {
            names.put(row.id(), row.wireName());
        }
        return java.util.Collections.unmodifiableMap(names);
    }
}
