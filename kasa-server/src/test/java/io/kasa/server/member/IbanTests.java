package io.kasa.server.member;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** ISO 13616 checks; Paywall's own sample IBAN (TR37…7654) fails its check digits. */
class IbanTests {

    @ParameterizedTest
    @ValueSource(strings = {"TR330006100519786457841326", "GB82WEST12345698765432",
            "DE89370400440532013000", "NO9386011117947", "tr33 0006 1005 1978 6457 8413 26"})
    void validIbans(String iban) {
        assertThat(Iban.isValid(Iban.normalise(iban))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TR330006100519786457841327", "TR370006400012345678987654", "TR340006100519786457841326", "GB82WEST12345698765433",
            "TR33000610051978645784132", "TR3300061005197864578413261", "1R330006100519786457841326",
            "TR3A0006100519786457841326", "TR33-0006100519786457841326", "NO938601111794", ""})
    void invalidIbans(String iban) {
        assertThat(Iban.isValid(Iban.normalise(iban))).isFalse();
    }
}
