package io.kasa.server.payment;

import java.util.Arrays;

/** What an order does; also the activity type. The numbers are the wire's {@code PaymentTypeId}. */
public enum PaymentType {
    SALE(1, "Sale"), CANCEL(2, "Cancel"), REFUND(3, "Refund"), UNKNOWN(4, "Unknown");

    private final int id;
    private final String wireName;

    PaymentType(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    public int id() {
        return id;
    }

    public String wireName() {
        return wireName;
    }

    public static PaymentType of(int id) {
        return Arrays.stream(values()).filter(type -> type.id == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no payment type " + id));
    }
}
