package io.kasa.client;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class TerminalRefTests {

    private static final UUID TERMINAL = UUID.fromString("38e895c3-1a9a-4b73-8816-8557d1d031d6");

    @Test
    void idIsWrittenAsTerminalIdOnly() {
        assertThat(KasaJson.MAPPER.writeValueAsString(TerminalRef.id(TERMINAL)))
                .isEqualTo("{\"TerminalId\":\"38e895c3-1a9a-4b73-8816-8557d1d031d6\"}");
    }

    @Test
    void tagIsWrittenAsTerminalTagCodeOnlyInUtf8() {
        byte[] json = KasaJson.MAPPER.writeValueAsBytes(TerminalRef.tag("dükkan_1"));

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"TerminalTagCode\":\"dükkan_1\"}");
    }

    @Test
    void unwrapsIntoLargerBodies() {
        record Sale(@JsonUnwrapped TerminalRef terminal, BigDecimal amount) {
        }

        assertThat(KasaJson.MAPPER.writeValueAsString(new Sale(TerminalRef.tag("kasa-1"), new BigDecimal("10.50"))))
                .isEqualTo("{\"Amount\":10.50,\"TerminalTagCode\":\"kasa-1\"}");
        assertThat(KasaJson.MAPPER.writeValueAsString(new Sale(TerminalRef.id(TERMINAL), new BigDecimal("1E+2"))))
                .isEqualTo("{\"Amount\":100,\"TerminalId\":\"38e895c3-1a9a-4b73-8816-8557d1d031d6\"}");
    }

    @Test
    void patternMatchesOverBothKinds() {
        TerminalRef ref = TerminalRef.tag("levent");

        String described = switch (ref) {
            case TerminalRef.ById byId -> "id " + byId.terminalId();
            case TerminalRef.ByTag byTag -> "tag " + byTag.terminalTagCode();
        };

        assertThat(described).isEqualTo("tag levent");
    }

    @Test
    void refusesNull() {
        assertThatNullPointerException().isThrownBy(() -> TerminalRef.id(null));
        assertThatNullPointerException().isThrownBy(() -> TerminalRef.tag(null));
    }
}
