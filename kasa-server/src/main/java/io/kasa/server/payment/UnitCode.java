package io.kasa.server.payment;

import io.kasa.server.shared.LookupEnum;

/** The wire's {@code UnitCodeId} (Paywall's "Birim Kodları" table). */
public enum UnitCode implements LookupEnum {
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

    private final Row row;

    UnitCode(int id, String wireName, String tr, String en) {
        this.row = new Row(id, wireName, tr, en);
    }

    @Override
    public Row row() {
        return row;
    }
}
