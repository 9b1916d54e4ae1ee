package io.kasa.server.callback;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetPolicyTests {

    private final TargetPolicy strict = new TargetPolicy(false, false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "fe80::1", "fc00::1", "fd00:ec2::254", "100.64.0.1", "100.100.100.200", "0.0.0.0",
            "224.0.0.1", "255.255.255.255", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "192.0.0.192"})
    void internalAddressesAreRefused(String address) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(address))).as(address).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "2606:4700:4700::1111", "100.128.0.1"})
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(address))).as(address).isNull();
    }

    @Test
    void theOperatorMayOpenLoopbackAndPrivateAddresses() throws UnknownHostException {
        TargetPolicy open = new TargetPolicy(true, true);
        assertThat(open.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
        assertThat(open.refusal(InetAddress.getByName("10.0.0.1"))).isNull();
        assertThat(open.refusal(InetAddress.getByName("169.254.169.254"))).as("metadata stays closed").isNotNull();
    }

    @Test
    void theResolverRefusesANameThatResolvesInside() {
        GuardedDnsResolver resolver = new GuardedDnsResolver(strict);
        assertThatThrownBy(() -> resolver.resolve("localhost")).isInstanceOf(GuardedDnsResolver.RefusedTarget.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> resolver.resolve("169.254.169.254")).hasMessageContaining("metadata");
    }
}
