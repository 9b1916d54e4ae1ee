package io.kasa.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PairingTests {

    @ParameterizedTest
    @CsvSource({
            "http://localhost:8080,        ws://localhost:8080/api/device/live",
            "http://localhost:8080/,       ws://localhost:8080/api/device/live",
            "https://pos.example.com,      wss://pos.example.com/api/device/live",
            "https://pos.example.com/kasa/, wss://pos.example.com/kasa/api/device/live",
            "wss://pos.example.com,        wss://pos.example.com/api/device/live",
    })
    void theLiveConnectionIsTheServerWithAWebSocketScheme(String server, String live) {
        Pairing pairing = new Pairing(URI.create(server), "t", "p", "kdt", null);

        assertThat(pairing.liveUri()).isEqualTo(URI.create(live));
    }

    @Test
    void followsTheLivePathAnsweredByPairing() {
        Pairing pairing = new Pairing(URI.create("http://localhost:8080"), "t", "p", "kdt", "/live/v2");

        assertThat(pairing.liveUri()).isEqualTo(URI.create("ws://localhost:8080/live/v2"));
    }

    @Test
    void pathsAreAppendedToTheBasePath() {
        assertThat(Pairing.resolve(URI.create("https://pos.example.com/kasa"), "/api/device/pair"))
                .isEqualTo(URI.create("https://pos.example.com/kasa/api/device/pair"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://pos.example.com", "pos.example.com", "http://pos.example.com?x=1", "http://pos.example.com#f"})
    void refusesServersItCannotReach(String server) {
        assertThatThrownBy(() -> new Pairing(URI.create(server), "t", "p", "kdt", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requiresTheIdsAndTheToken() {
        URI server = URI.create("http://localhost");
        assertThatThrownBy(() -> new Pairing(server, " ", "p", "kdt", null)).hasMessageContaining("terminalId");
        assertThatThrownBy(() -> new Pairing(server, "t", null, "kdt", null)).hasMessageContaining("terminalPairId");
        assertThatThrownBy(() -> new Pairing(server, "t", "p", "", null)).hasMessageContaining("deviceToken");
        assertThatThrownBy(() -> new Pairing(server, "t", "p", "kdt", "live")).hasMessageContaining("livePath");
    }
}
