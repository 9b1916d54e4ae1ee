package io.kasa.server.shared;

import java.util.Objects;

/** A text in both languages. */
public record LocalizedText(String tr, String en) {

    public LocalizedText {
        Objects.requireNonNull(tr, "tr");
        Objects.requireNonNull(en, "en");
    }

    public String in(Language language) {
        return language == Language.EN ? en : tr;
    }

    /** Joins this text and a detail with ": " in each language. */
    public LocalizedText withDetail(LocalizedText detail) {
        return detail == null ? this : new LocalizedText(tr + ": " + detail.tr, en + ": " + detail.en);
    }
}
