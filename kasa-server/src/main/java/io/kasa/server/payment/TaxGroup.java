package io.kasa.server.payment;

import io.kasa.server.shared.LookupEnum;

/** The wire's {@code TaxGroupId} (Paywall's "Vergi Grupları" table): the id is the VAT rate in percent. */
public enum TaxGroup implements LookupEnum {
    ZERO(0, "Zero", "KDV0", "VAT 0%"),
    ONE(1, "One", "KDV1", "VAT 1%"),
    TEN(10, "Ten", "KDV10", "VAT 10%"),
    TWENTY(20, "Twenty", "KDV20", "VAT 20%");

    private final Row row;

    TaxGroup(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }
}
