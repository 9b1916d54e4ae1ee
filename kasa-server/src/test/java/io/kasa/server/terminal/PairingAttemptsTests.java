package io.kasa.server.terminal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PairingAttemptsTests {

    @Test
    void anIpv4AddressIsASourceOfItsOwn() {
        assertThat(PairingAttempts.sourceOf("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(PairingAttempts.sourceOf("203.0.113.8")).isNotEqualTo(PairingAttempts.sourceOf("203.0.113.7"));
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        String one = PairingAttempts.sourceOf("2001:db8:1:2:aaaa::1");
        assertThat(one).isEqualTo("20010db800010002/64");
        assertThat(PairingAttempts.sourceOf("2001:db8:1:2:ffff:ffff:ffff:ffff")).as("same /64").isEqualTo(one);
        assertThat(PairingAttempts.sourceOf("2001:0db8:0001:0002:0:0:0:9")).as("another spelling").isEqualTo(one);
        assertThat(PairingAttempts.sourceOf("2001:db8:1:3::1")).as("the next /64").isNotEqualTo(one);
    }

    @Test
    void anIpv4MappedIpv6AddressIsTheIpv4Address() {
        assertThat(PairingAttempts.sourceOf("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void theDefaultsBoundTheChecksWithinACodesLifetimeTo660() {
        PairingSettings defaults = new PairingSettings(Duration.ofMinutes(10), Duration.ofMinutes(10), 10, 5, 60, 1,
                Duration.ofSeconds(10));

        assertThat(defaults.checksPerCodeLifetime()).as("60 + 1/s x 600 s").isEqualTo(660);
    }

    @Test
    void settingsThatWouldDisableALimitAreRefused() {
        assertThatThrownBy(() -> new PairingSettings(Duration.ofMinutes(10), Duration.ofMinutes(10), 10, 5, 60, 0,
                Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PairingSettings(Duration.ofMinutes(10), Duration.ofMinutes(10), 0, 5, 60, 1,
                Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class);
    }
}
