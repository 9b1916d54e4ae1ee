package io.kasa.client;

/**
 * What an order or activity does: the wire carries the {@link #id()}
 * ({@code PaymentTypeId}, {@code PaymentRequestActivityTypeId}) and, in inquiry and list
 * answers, the {@link #wireName()}.
 */
public enum PaymentType implements LookupValue {

    SALE(1, "Sale"),
    CANCEL(2, "Cancel"),
    REFUND(3, "Refund"),
    UNKNOWN(4, "Unknown");

    private final int id;
    private final String wireName;

    PaymentType(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    /** The type with this id; {@link IllegalArgumentException} for an id outside 1–4. */
    public static PaymentType of(int id) {
        return LookupValue.byId(PaymentType.class, id);
    }

    @Override
    public int id() {
        return id;
    }

    /** The name the server writes, e.g. {@code Sale}. */
    @Override
    public String wireName() {
        return wireName;
    }
}
