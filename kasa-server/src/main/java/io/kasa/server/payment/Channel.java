package io.kasa.server.payment;

import io.kasa.server.shared.LookupEnum;

/**
 * How the merchant asked: answered at once (async) or held until the outcome (sync, "Socket").
 * The numbers are the wire's {@code PaymentChannelId} (Paywall's "Ödeme Kanalı" table).
 */
public enum Channel implements LookupEnum {
    ASYNC(1, "Async", "Async (asenkron)", "Async"),
    SYNC(2, "Socket", "Socket (senkron)", "Socket (sync)");

    private final Row row;

    Channel(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }

    public static Channel of(int id) {
        return id == 1 ? ASYNC : SYNC;
    }
}
