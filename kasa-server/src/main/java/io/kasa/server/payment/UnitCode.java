package io.kasa.server.payment;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

/** The wire's {@code UnitCodeId} (Paywall's "Birim Kodları" table). */
public enum UnitCode implements LookupValue {
    KILOGRAM(1, "Kilogram", "Kilogram", "Kilogram"),
    PACKAGE(2, "Package", "Paket", "Package"),
    GRAM(3, "Gram", "Gram", "Gram"),
    PIECE(4, "Piece", "Adet", "Piece"),
    LITRE(5, "Litre", "Litre", "Litre"),
    TON(6, "Ton", "Ton", "Tonne"),
    DECARE(7, "Decare", "Dekar", "Decare"),
    DONUM(8, "Donum", "Dönüm", "Dönüm"),
    METRE(9, "Metre", "Metre", "Metre"),
    KILOMETRE(10, "Kilometre", "Kilometre", "Kilometre");

    private final int id;
    private final String wireName;
    private final LocalizedText label;

    UnitCode(int id, String wireName, String tr, String en) {
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
