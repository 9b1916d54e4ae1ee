package io.kasa.client;

/**
 * The unit a product's quantity counts, the wire's {@code UnitCodeId}.
 * The {@link #id()} is what the wire carries and the {@link #wireName()} what the server writes
 * in its {@code ...Name} fields; both are Paywall's "Birim Kodları" table, which Kasa serves at
 * {@code GET /api/lookup/unit-codes}.
 */
public enum UnitCode implements LookupValue {

    KILOGRAM(1, "Kilogram"),
    PACKAGE(2, "Package"),
    GRAM(3, "Gram"),
    PIECE(4, "Piece"),
    LITRE(5, "Litre"),
    /** A metric tonne. */
    TON(6, "Ton"),
    DECARE(7, "Decare"),
    /** Dönüm. */
    DONUM(8, "Donum"),
    METRE(9, "Metre"),
    KILOMETRE(10, "Kilometre");

    private final int id;
    private final String wireName;

    UnitCode(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    /** The constant with this id; {@link IllegalArgumentException} for an id the table does not hold. */
    public static UnitCode of(int id) {
        return LookupValue.byId(UnitCode.class, id);
    }

    @Override
    public int id() {
        return id;
    }

    /** The name the server writes, e.g. in {@code GET /api/lookup/unit-codes}. */
    @Override
    public String wireName() {
        return wireName;
    }
}
