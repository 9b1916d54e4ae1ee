package io.kasa.server.lookup;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

/** {@code CardTypeId} (Paywall's "Kart Tipi" table). */
public enum CardType implements LookupValue {
    OTHER(0, "Other", "Diğer", "Other"),
    CREDIT(1, "Credit", "Kredi kartı", "Credit"),
    DEBIT(2, "Debit", "Banka kartı", "Debit"),
    PREPAID(3, "Prepaid", "Ön ödemeli kart", "Prepaid");

    private final int id;
    private final String wireName;
    private final LocalizedText label;

    CardType(int id, String wireName, String tr, String en) {
        this.id = id;
        this.wireName = wireName;
        this.label = new LocalizedText(tr, en);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public LocalizedText label() {
        return label;
    }
}
