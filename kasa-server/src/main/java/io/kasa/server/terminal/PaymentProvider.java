package io.kasa.server.terminal;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

/**
 * The wire's {@code ProviderId} (Paywall's "Sağlayıcı" table), plus Kasa's own provider 100.
 * Paywall's providers are listed so that their ids keep their meaning; Kasa serves only its own.
 */
public enum PaymentProvider implements LookupValue {
    PAPARA(10, "Papara", "Papara", "Papara", false),
    VEPARA(20, "Vepara", "Vepara", "Vepara", false),
    SIPAY(30, "Sipay", "Sipay", "Sipay", false),
    PARAM(40, "Param", "Param", "Param", false),
    KASA(100, "Kasa", "Kasa", "Kasa", true);

    private final int id;
    private final String wireName;
    private final LocalizedText label;
    private final boolean active;

    PaymentProvider(int id, String wireName, String tr, String en, boolean active) {
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
