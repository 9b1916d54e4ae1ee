package io.kasa.client;

/**
 * A product's VAT group, the wire's {@code TaxGroupId}: the id is the rate in percent.
 * The {@link #id()} is what the wire carries and the {@link #wireName()} what the server writes
 * in its {@code ...Name} fields; both are Paywall's "Vergi Grupları" table, which Kasa serves at
 * {@code GET /api/lookup/tax-groups}.
 */
public enum TaxGroup implements LookupValue {

    /** 0 % VAT. */
    VAT_0(0, "Zero"),
    /** 1 % VAT. */
    VAT_1(1, "One"),
    /** 10 % VAT. */
    VAT_10(10, "Ten"),
    /** 20 % VAT. */
    VAT_20(20, "Twenty");

    private final int id;
    private final String wireName;

    TaxGroup(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    /** The constant with this id; {@link IllegalArgumentException} for an id the table does not hold. */
    public static TaxGroup of(int id) {
        return LookupValue.byId(TaxGroup.class, id);
    }

    @Override
    public int id() {
        return id;
    }

    /** The name the server writes, e.g. in {@code GET /api/lookup/tax-groups}. */
    @Override
    public String wireName() {
        return wireName;
    }
}
