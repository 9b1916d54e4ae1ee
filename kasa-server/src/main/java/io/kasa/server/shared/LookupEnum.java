package io.kasa.server.shared;

/**
 * A lookup table written as an enum: each constant is a row and keeps its facts in one
 * {@link Row}, so the table's enum lists its rows and nothing else.
 */
public interface LookupEnum extends LookupValue {

    /** The facts of one row: its wire id and name, its label in both languages, and whether Kasa serves it. */
    record Row(int id, String wireName, LocalizedText label, boolean active) {

        public Row(int id, String wireName, String tr, String en) {
            this(id, wireName, new LocalizedText(tr, en), true);
        }

        public Row(int id, String wireName, String tr, String en, boolean active) {
            this(id, wireName, new LocalizedText(tr, en), active);
        }
    }

    Row row();

    @Override
    default int id() {
        return row().id();
    }

    @Override
    default String wireName() {
        return row().wireName();
    }

    @Override
    default LocalizedText label() {
        return row().label();
    }

    @Override
    default boolean isActive() {
        return row().active();
    }
}
