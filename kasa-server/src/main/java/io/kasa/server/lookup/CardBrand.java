package io.kasa.server.lookup;

import io.kasa.server.shared.LookupEnum;

/** {@code CardBrandId} (Paywall's "Kart Markaları" table). */
public enum CardBrand implements LookupEnum {
    VISA(1, "Visa", "Visa", "Visa"),
    MASTERCARD(2, "MasterCard", "MasterCard", "MasterCard"),
    AMEX(3, "Amex", "Amex", "American Express"),
    TROY(4, "Troy", "Troy", "Troy"),
    DINERS(5, "Diners", "Diners", "Diners Club"),
    JCB(6, "Jcb", "Jcb", "JCB"),
    CUP(7, "Cup", "Cup", "China UnionPay");

    private final Row row;

    CardBrand(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }
}
