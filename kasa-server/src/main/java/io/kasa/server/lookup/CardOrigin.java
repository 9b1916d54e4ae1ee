package io.kasa.server.lookup;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

/** Paywall's "Kart Menşei" table (its page heads it {@code ActivityTypeId}, a copy slip): where a card was issued. */
public enum CardOrigin implements LookupValue {
    OTHER(0, "Other", "Diğer", "Other"),
    DOMESTIC(1, "Domestic", "Yurt içi", "Domestic"),
    ON_US(2, "OnUs", "Kendi bankası (on-us)", "On-us"),
    BRAND_SHARED(3, "BrandShared", "Marka ortaklı", "Brand-shared"),
    FOREIGN(4, "Foreign", "Yurt dışı", "Foreign");

    private final int id;
    private final String wireName;
    private final LocalizedText label;

    CardOrigin(int id, String wireName, String tr, String en) {
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
