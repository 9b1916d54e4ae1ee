package io.kasa.server.terminal;

import io.kasa.server.shared.LookupEnum;

/** The wire's {@code RegionId} (Paywall's "Bölge/Ülke" table); only Turkey is open, as in Paywall. */
public enum Region implements LookupEnum {
    TURKEY(1, "Turkey", "Türkiye", "Turkey", true),
    AMERICA(2, "America", "Amerika", "America", false),
    GLOBAL(3, "Global", "Global", "Global", false);

    private final Row row;

    Region(int id, String wireName, String tr, String en, boolean active) {
        this.row = new Row(id, wireName, tr, en, active);
    }

    @Override
    public Row row() {
        return row;
    }
}
