package io.kasa.client;

/**
 * A row of one of Paywall's lookup tables, as an SDK enum holds it: the id the wire carries
 * and the name the server writes ({@code GET /api/lookup/*} serves the same tables).
 */
public interface LookupValue {

    int id();

    String wireName();

    /**
     * The constant of {@code table} with this id; {@link IllegalArgumentException} naming the
     * table for an id it does not hold.
     */
    static <E extends Enum<E> & LookupValue> E byId(Class<E> table, int id) {
        for (E value : table.getEnumConstants()) {
            if (value.id() == id) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + table.getSimpleName() + " id: " + id);
    }
}
