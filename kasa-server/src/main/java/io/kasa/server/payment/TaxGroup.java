package io.kasa.server.payment;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

/** The wire's {@code TaxGroupId} (Paywall's "Vergi Grupları" table): the id is the VAT rate in percent. */
public enum TaxGroup implements LookupValue {
    ZERO(0, "Zero", "KDV0", "VAT 0%"),
    ONE(1, "One", "KDV1", "VAT 1%"),
    TEN(10, "Ten", "KDV10", "VAT 10%"),
    TWENTY(20, "Twenty", "KDV20", "VAT 20%");

    private final int id;
    private final String wireName;
    private final LocalizedText label;

    TaxGroup(int id, String wireName, String tr, String en) {
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
