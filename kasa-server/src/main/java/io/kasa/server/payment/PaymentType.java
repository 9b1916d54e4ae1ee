package io.kasa.server.payment;

import io.kasa.server.shared.LookupEnum;

import java.util.Arrays;

/**
 * What an order does; also the activity type. The numbers are the wire's {@code PaymentTypeId},
 * the labels those of Paywall's "Ödeme Tipleri" table.
 */
public enum PaymentType implements LookupEnum {
    SALE(1, "Sale", "Satış/Ödeme", "Sale/Payment"),
    CANCEL(2, "Cancel", "İptal", "Cancel"),
    REFUND(3, "Refund", "İade", "Refund"),
    UNKNOWN(4, "Unknown", "Bilinmiyor", "Unknown");

    private final Row row;

    PaymentType(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }

    public static PaymentType of(int id) {
        return Arrays.stream(values()).filter(type -> type.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no payment type " + id));
    }
}
