package io.kasa.server.terminal;

import io.kasa.server.shared.LookupEnum;

/**
 * The wire's {@code BrandId} (Paywall's "Cihaz Sağlayıcı" table), plus Kasa's own brand 100,
 * the Kasa terminal agent. Paywall's brands are listed so that their ids keep their meaning;
 * Kasa serves only its own (see {@link Providers}).
 */
public enum DeviceBrand implements LookupEnum {
    PAVO(10, "Pavo", "Pavo", "Pavo", false),
    INGENICO(20, "Ingenico", "Ingenico", "Ingenico", false),
    HUGIN(30, "Hugin", "Hugin", "Hugin", false),
    KASA(100, "Kasa", "Kasa terminal ajanı", "Kasa terminal agent", true);

    private final Row row;

    DeviceBrand(int id, String wireName, String tr, String en, boolean active) {
        this.row = new Row(id, wireName, tr, en, active);
    }

    @Override
    public Row row() {
        return row;
    }
}
