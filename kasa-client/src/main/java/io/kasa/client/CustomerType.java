package io.kasa.client;

/**
 * Who a sale's customer is, the wire's {@code Customer.Type}.
 * The {@link #id()} is what the wire carries and the {@link #wireName()} what the server writes
 * in its {@code ...Name} fields; both are Paywall's "Müşteri Tipleri" table, which Kasa serves at
 * {@code GET /api/lookup/customer-types}.
 */
public enum CustomerType implements LookupValue {

    /** Not said; no fields are required. */
    UNKNOWN(0, "Unknown"),
    /** A person: first name, last name and identity are required. */
    INDIVIDUAL(1, "Individual"),
    /** A company: its name, tax office code and tax number are required. */
    COMPANY(2, "Company");

    private final int id;
    private final String wireName;

    CustomerType(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    /** The constant with this id; {@link IllegalArgumentException} for an id the table does not hold. */
    public static CustomerType of(int id) {
        return LookupValue.byId(CustomerType.class, id);
    }

    @Override
    public int id() {
        return id;
    }

    /** The name the server writes, e.g. in {@code GET /api/lookup/customer-types}. */
    @Override
    public String wireName() {
        return wireName;
    }
}
