package io.kasa.server.terminal;

import io.kasa.server.shared.LookupEnum;

/**
 * The wire's {@code ProviderId} (Paywall's "Sağlayıcı" table), plus Kasa's own provider 100.
 * Paywall's providers are listed so that their ids keep their meaning; Kasa serves only its own.
 */
public enum PaymentProvider implements LookupEnum {
    PAPARA(10, "Papara", "Papara", "Papara", false),
    VEPARA(20, "Vepara", "Vepara", "Vepara", false),
    SIPAY(30, "Sipay", "Sipay", "Sipay", false),
    PARAM(40, "Param", "Param", "Param", false),
    KASA(100, "Kasa", "Kasa", "Kasa", true);

    private final Row row;

    PaymentProvider(int id, String wireName, String tr, String en, boolean active) {
        this.row = new Row(id, wireName, tr, en, active);
    }

    @Override
    public Row row() {
        return row;
    }
}
