package io.kasa.server.payment;

import io.kasa.server.shared.LookupEnum;

/** The wire's {@code CurrencyId} (Paywall's "Para Birimi" table); the name is the ISO 4217 code. */
public enum Currency implements LookupEnum {
    TRY(1, "TRY", "Türk Lirası", "Turkish lira"),
    USD(2, "USD", "Amerikan Doları", "US dollar"),
    EUR(3, "EUR", "Euro", "Euro"),
    BAM(4, "BAM", "Bosna-Hersek Değiştirilebilir Markı", "Convertible mark (Bosnia and Herzegovina)"),
    MKD(5, "MKD", "Makedon Dinarı", "Macedonian denar"),
    ALL(6, "ALL", "Arnavut Leki", "Albanian lek"),
    GBP(7, "GBP", "İngiliz Sterlini", "Pound sterling");

    private final Row row;

    Currency(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }
}
