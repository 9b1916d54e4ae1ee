package io.kasa.server.lookup;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

/** {@code CardBrandId} (Paywall's "Kart Markaları" table). */
public enum CardBrand implements LookupValue {
    VISA(1, "Visa", "Visa", "Visa"),
    MASTERCARD(2, "MasterCard", "MasterCard", "MasterCard"),
    AMEX(3, "Amex", "Amex", "American Express"),
    TROY(4, "Troy", "Troy", "Troy"),
    DINERS(5, "Diners", "Diners", "Diners Club"),
    JCB(6, "Jcb", "Jcb", "JCB"),
    CUP(7, "Cup", "Cup", "China UnionPay");

    private final int id;
    private final String wireName;
    private final LocalizedText label;

    CardBrand(int id, String wireName, String tr, String en) {
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
