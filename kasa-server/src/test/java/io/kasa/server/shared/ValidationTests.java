package io.kasa.server.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationTests {

    @Test
    void textCountsCharactersNotBytesAndStripsOuterSpaces() {
        String turkish = "ığüşöçİĞÜŞÖÇ".repeat(2) + "a";
        assertThat(Validation.text("Name", turkish, 25)).isEqualTo(turkish);
        assertThat(Validation.text("Name", "  Kasa  ", 4)).isEqualTo("Kasa");
        assertThatThrownBy(() -> Validation.text("Name", turkish + "b", 25))
                .isInstanceOfSatisfying(KasaException.class, e -> {
                    assertThat(e.error()).isEqualTo(KasaError.VALIDATION_ERROR);
                    assertThat(e.message().en()).contains("Name").contains("25");
                    assertThat(e.message().tr()).contains("Name").contains("25");
                });
    }

    @Test
    void requiredRefusesNullAndBlank() {
        assertThatThrownBy(() -> Validation.text("Name", null, 5)).isInstanceOf(KasaException.class);
        assertThatThrownBy(() -> Validation.text("Name", " \t", 5)).isInstanceOf(KasaException.class);
        assertThat(Validation.optionalText("Model", " ", 5)).isNull();
    }

    @Test
    void exactlyOneRefusesBothAndNeitherAndTreatsBlankAsAbsent() {
        assertThatThrownBy(() -> Validation.exactlyOne("A", "x", "B", "y")).isInstanceOf(KasaException.class);
        assertThatThrownBy(() -> Validation.exactlyOne("A", null, "B", " ")).isInstanceOf(KasaException.class);
        Validation.exactlyOne("A", "x", "B", "");
        Validation.exactlyOne("A", null, "B", "y");
    }

    @Test
    void betweenIncludesItsEdges() {
        assertThat(Validation.between("EndOfDayId", 1, 1, 30)).isEqualTo(1);
        assertThat(Validation.between("EndOfDayId", 30, 1, 30)).isEqualTo(30);
        assertThatThrownBy(() -> Validation.between("EndOfDayId", 31, 1, 30)).isInstanceOf(KasaException.class);
        assertThatThrownBy(() -> Validation.between("EndOfDayId", 0, 1, 30)).isInstanceOf(KasaException.class);
    }

    @Test
    void aDayHasAFourDigitYear() {
        assertThat(Validation.day("startDate", "2024-05-01")).isEqualTo(java.time.LocalDate.of(2024, 5, 1));
        assertThat(Validation.day("startDate", " 2024-05-01T10:15:00 ")).isEqualTo(java.time.LocalDate.of(2024, 5, 1));
        assertThat(Validation.day("startDate", "")).isNull();
        // found by HostileInputIT: ISO dates with signed years were taken as days
        for (String wrong : new String[]{"+99999-01-01", "-0001-01-01", "2024-13-01", "2024-02-30", "24-05-01", "01.05.2024"}) {
            assertThatThrownBy(() -> Validation.day("startDate", wrong)).as(wrong)
                    .isInstanceOfSatisfying(KasaException.class, e -> assertThat(e.message().en()).contains("startDate"));
        }
    }
}
