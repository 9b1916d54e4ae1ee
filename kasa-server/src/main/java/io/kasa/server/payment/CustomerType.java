package io.kasa.server.payment;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

/** The wire's {@code Customer.Type} (Paywall's "Müşteri Tipleri" table). */
public enum CustomerType implements LookupValue {
    UNKNOWN(0, "Unknown", "Bilinmiyor", "Unknown"),
    INDIVIDUAL(1, "Individual", "Bireysel", "Individual"),
    COMPANY(2, "Company", "Şirket", "Company");

    private final int id;
    private final String wireName;
    private final LocalizedText label;

    CustomerType(int id, String wireName, String tr, String en) {
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
