package io.kasa.server.payment;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

/**
 * How the merchant asked: answered at once (async) or held until the outcome (sync, "Socket").
 * The numbers are the wire's {@code PaymentChannelId} (Paywall's "Ödeme Kanalı" table).
 */
public enum Channel implements LookupValue {
    ASYNC(1, "Async", "Async (asenkron)", "Async"),
    SYNC(2, "Socket", "Socket (senkron)", "Socket (sync)");

    private final int id;
    private final String wireName;
    private final LocalizedText label;

    Channel(int id, String wireName, String tr, String en) {
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

    public static Channel of(int id) {
        return id == 1 ? ASYNC : SYNC;
    }
}
