package io.kasa.server.terminal;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

/** The wire's {@code RegionId} (Paywall's "Bölge/Ülke" table); only Turkey is open, as in Paywall. */
public enum Region implements LookupValue {
    TURKEY(1, "Turkey", "Türkiye", "Turkey", true),
    AMERICA(2, "America", "Amerika", "America", false),
    GLOBAL(3, "Global", "Global", "Global", false);

    private final int id;
    private final String wireName;
    private final LocalizedText label;
    private final boolean active;

    Region(int id, String wireName, String tr, String en, boolean active) {
        this.id = id;
        this.wireName = wireName;
        this.label = new LocalizedText(tr, en);
        this.active = active;
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

    @Override
    public boolean isActive() {
        return active;
    }
}
