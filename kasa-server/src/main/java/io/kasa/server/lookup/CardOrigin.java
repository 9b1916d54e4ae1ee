package io.kasa.server.lookup;

import io.kasa.server.shared.LookupEnum;

/** Paywall's "Kart Menşei" table (its page heads it {@code ActivityTypeId}, a copy slip): where a card was issued. */
public enum CardOrigin implements LookupEnum {
    OTHER(0, "Other", "Diğer", "Other"),
    DOMESTIC(1, "Domestic", "Yurt içi", "Domestic"),
    ON_US(2, "OnUs", "Kendi bankası (on-us)", "On-us"),
    BRAND_SHARED(3, "BrandShared", "Marka ortaklı", "Brand-shared"),
    FOREIGN(4, "Foreign", "Yurt dışı", "Foreign");

    private final Row row;

    CardOrigin(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }
}
