package io.kasa.server.payment;

import io.kasa.server.shared.LookupEnum;

/** The wire's {@code Customer.Type} (Paywall's "Müşteri Tipleri" table). */
public enum CustomerType implements LookupEnum {
    UNKNOWN(0, "Unknown", "Bilinmiyor", "Unknown"),
    INDIVIDUAL(1, "Individual", "Bireysel", "Individual"),
    COMPANY(2, "Company", "Şirket", "Company");

    private final Row row;

    CustomerType(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }
}
