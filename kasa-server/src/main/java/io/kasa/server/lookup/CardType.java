package io.kasa.server.lookup;

import io.kasa.server.shared.LookupEnum;

/** {@code CardTypeId} (Paywall's "Kart Tipi" table). */
public enum CardType implements LookupEnum {
    OTHER(0, "Other", "Diğer", "Other"),
    CREDIT(1, "Credit", "Kredi kartı", "Credit"),
    DEBIT(2, "Debit", "Banka kartı", "Debit"),
    PREPAID(3, "Prepaid", "Ön ödemeli kart", "Prepaid");

    private final Row row;

    CardType(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }
}
