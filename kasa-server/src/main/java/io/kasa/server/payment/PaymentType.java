package io.kasa.server.payment;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

import java.util.Arrays;

/**
 * What an order does; also the activity type. The numbers are the wire's {@code PaymentTypeId},
 * the labels those of Paywall's "Ödeme Tipleri" table.
 */
public enum PaymentType implements LookupValue {
    SALE(1, "Sale", "Satış/Ödeme", "Sale/Payment"),
    CANCEL(2, "Cancel", "İptal", "Cancel"),
    REFUND(3, "Refund", "İade", "Refund"),
    UNKNOWN(4, "Unknown", "Bilinmiyor", "Unknown");

    private final int id;
    private final String wireName;
    private final LocalizedText label;

    PaymentType(int id, String wireName, String tr, String en) {
        this.id = id;
        this.wireName = wireName;
        this.label = new LocalizedText(tr, en);
    }

    public int id() {
        return id;
    }

    public String wireName() {
        return wireName;
    }

    public LocalizedText label() {
        return label;
    }

    public static PaymentType of(int id) {
        return Arrays.stream(values()).filter(type -> type.id == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no payment type " + id));
    }
}
