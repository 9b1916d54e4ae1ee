package io.kasa.server.shared;

import java.util.Locale;

/** The two languages every message of Kasa exists in. Turkish is the default. */
public enum Language {
    TR, EN;

    /**
     * Reads a language tag such as {@code tr}, {@code en-US} or an {@code Accept-Language}
     * list; returns null when the text names neither language.
     */
    public static Language parse(String tag) {
        if (tag == null) {
            return null;
        }
        for (String part : tag.split(",")) {
            String code = part.strip().toLowerCase(Locale.ROOT);
            if (code.startsWith("tr")) {
                return TR;
            }
            if (code.startsWith("en")) {
                return EN;
            }
        }
        return null;
    }
}
