package io.kasa.server.terminal;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

/**
 * The wire's {@code BrandId} (Paywall's "Cihaz Sağlayıcı" table), plus Kasa's own brand 100,
 * the Kasa terminal agent. Paywall's brands are listed so that their ids keep their meaning;
 * Kasa serves only its own (see {@link Providers}).
 */
public enum DeviceBrand implements LookupValue {
    PAVO(10, "Pavo", "Pavo", "Pavo", false),
    INGENICO(20, "Ingenico", "Ingenico", "Ingenico", false),
    HUGIN(30, "Hugin", "Hugin", "Hugin", false),
    KASA(100, "Kasa", "Kasa terminal ajanı", "Kasa terminal agent", true);

    private final int id;
    private final String wireName;
    private final LocalizedText label;
    private final boolean active;

    DeviceBrand(int id, String wireName, String tr, String en, boolean active) {
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
