package io.kasa.client;

/**
 * A sale's currency, the wire's {@code CurrencyId}.
 * The {@link #id()} is what the wire carries and the {@link #wireName()} what the server writes
 * in its {@code ...Name} fields; both are Paywall's "Para Birimi" table, which Kasa serves at
 * {@code GET /api/lookup/currencies}.
 */
public enum Currency implements LookupValue {

    /** Turkish lira. */
    TRY(1, "TRY"),
    /** US dollar. */
    USD(2, "USD"),
    /** Euro. */
    EUR(3, "EUR"),
    /** Convertible mark (Bosnia and Herzegovina). */
    BAM(4, "BAM"),
    /** Macedonian denar. */
    MKD(5, "MKD"),
    /** Albanian lek. */
    ALL(6, "ALL"),
    /** Pound sterling. */
    GBP(7, "GBP");

    private final int id;
    private final String wireName;

    Currency(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    /** The constant with this id; {@link IllegalArgumentException} for an id the table does not hold. */
    public static Currency of(int id) {
        return LookupValue.byId(Currency.class, id);
    }

    @Override
    public int id() {
        return id;
    }

    /** The name the server writes, e.g. in {@code GET /api/lookup/currencies}. */
    @Override
    public String wireName() {
        return wireName;
    }
}
