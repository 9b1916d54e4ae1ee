package io.kasa.server.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageTests {

    @Test
    void readsTagsAndAcceptLanguageLists() {
        assertThat(Language.parse("en")).isEqualTo(Language.EN);
        assertThat(Language.parse("en-US")).isEqualTo(Language.EN);
        assertThat(Language.parse("TR-tr")).isEqualTo(Language.TR);
        assertThat(Language.parse("de-DE,en;q=0.8")).isEqualTo(Language.EN);
        assertThat(Language.parse("de")).isNull();
        assertThat(Language.parse(null)).isNull();
    }
}
