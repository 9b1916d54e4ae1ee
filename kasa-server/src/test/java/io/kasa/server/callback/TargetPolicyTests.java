package io.kasa.server.callback;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class TargetPolicyTests {

    private final TargetPolicy strict = new TargetPolicy(false, false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "fe80::1", "fc00::1", "fd00:ec2::254", "100.64.0.1", "100.100.100.200", "0.0.0.0",
            "224.0.0.1", "255.255.255.255", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "192.0.0.192",
            "4000::1", "8000::1", "bfff::1", "1fff::1"})
    void internalAddressesAreRefused(String address) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(address))).as(address).isNotNull();
    }

    /**
     * Every block of the IANA special-purpose registries (and multicast, the reserved rest of
     * IPv4, and what lies outside IPv6 global unicast): its first and last address are
     * refused for the block's reason, and the addresses just outside it are not refused for
     * that reason (they are allowed, or belong to a neighbouring block).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0/8            | "this network"       | "this network"
            10.0.0.0/8           | private address      | private address
            100.64.0.0/10        | carrier-grade NAT    | carrier-grade NAT
            100.100.100.200/32   | cloud metadata       | cloud metadata
            127.0.0.0/8          | loopback             | loopback
            169.254.0.0/16       | link-local           | link-local
            172.16.0.0/12        | private address      | private address
            192.0.0.0/24         | IETF protocol        | IETF protocol
            192.0.2.0/24         | documentation        | documentation
            192.31.196.0/24      | AS112                | AS112
            192.52.193.0/24      | AMT relay            | AMT relay
            192.88.99.0/24       | 6to4 relay           | 6to4 relay
            192.168.0.0/16       | private address      | private address
            192.175.48.0/24      | AS112                | AS112
            198.18.0.0/15        | benchmarking         | benchmarking
            198.51.100.0/24      | documentation        | documentation
            203.0.113.0/24       | documentation        | documentation
            224.0.0.0/4          | multicast            | multicast
            240.0.0.0/4          | reserved             | broadcast
            255.255.255.255/32   | broadcast            | broadcast
            ::1/128              | loopback             | loopback
            ::/128               | unspecified          | unspecified
            ::ffff:0:0/96        | IPv4-mapped          | IPv4-mapped
            ::/96                | unspecified          | IPv4-compatible
            ::ffff:0:0:0/96      | IPv4-translated      | IPv4-translated
            64:ff9b::/96         | NAT64                | NAT64
            64:ff9b:1::/48       | local-use NAT64      | local-use NAT64
            100::/64             | discard-only         | discard-only
            2001::/23            | Teredo               | IETF protocol
            2001::/32            | Teredo               | Teredo
            2001:db8::/32        | documentation        | documentation
            2002::/16            | 6to4                 | 6to4
            2620:4f:8000::/48    | AS112                | AS112
            3fff::/20            | documentation        | documentation
            5f00::/16            | segment routing      | segment routing
            fd00:ec2::254/128    | cloud metadata       | cloud metadata
            fc00::/7             | unique local         | unique local
            fe80::/10            | link-local           | link-local
            fec0::/10            | site-local           | site-local
            ff00::/8             | multicast            | multicast
            ::/3                 | unspecified          | outside IPv6 global unicast
            """)
    void everySpecialPurposeBlockIsRefusedFromItsFirstToItsLastAddress(String cidr, String firstReason, String lastReason) {
        int slash = cidr.indexOf('/');
        byte[] base = TargetPolicy.literalBytes(cidr.substring(0, slash));
        int bits = base.length * 8;
        int length = Integer.parseInt(cidr.substring(slash + 1));
        BigInteger first = new BigInteger(1, base);
        BigInteger last = first.or(BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE));

        assertThat(strict.refusal(address(first, bits))).as("first of %s", cidr).contains(firstReason);
        assertThat(strict.refusal(address(last, bits))).as("last of %s", cidr).contains(lastReason);
        for (BigInteger outside : new BigInteger[]{first.subtract(BigInteger.ONE), last.add(BigInteger.ONE)}) {
            if (outside.signum() < 0 || outside.bitLength() > bits) {
                continue;
            }
            String refusal = strict.refusal(address(outside, bits));
            if (refusal != null) {
                assertThat(refusal).as("just outside %s", cidr).doesNotContain(firstReason).doesNotContain(lastReason);
            }
        }
    }

    /** Inside the IETF block 2001::/23 and the IPv4 ones the registries mark globally reachable: refused all the same. */
    @ParameterizedTest
    @ValueSource(strings = {"2001:1::1", "2001:1::2", "2001:1::3", "2001:2::1", "2001:3::1", "2001:4:112::1",
            "2001:10::1", "2001:20::1", "2001:30::1", "192.0.0.9", "192.0.0.10", "192.31.196.1", "192.52.193.1",
            "192.175.48.1", "198.19.255.254"})
    void globallyReachableSpecialPurposeAddressesAreRefusedToo(String address) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(address))).as(address).isNotNull();
        assertThat(new TargetPolicy(true, true).refusal(InetAddress.getByName(address))).as(address).isNotNull();
    }

    /** An IPv4 address carried inside an IPv6 one is judged as itself, and its wrapper is refused even when it is public. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ::ffff:10.0.0.1                          | IPv4-mapped address of 10.0.0.1, a private address
            ::127.0.0.1                              | IPv4-compatible address of 127.0.0.1, a loopback address
            ::ffff:0:a9fe:a9fe                       | IPv4-translated address of 169.254.169.254, a link-local
            64:ff9b::7f00:1                          | NAT64 address of 127.0.0.1, a loopback address
            64:ff9b:1::a00:1                         | local-use NAT64 address of 10.0.0.1, a private address
            2002:c0a8:101::1                         | 6to4 address of 192.168.1.1, a private address
            2001:0:4136:e378:8000:63bf:3f57:fefe     | Teredo address of 192.168.1.1, a private address
            64:ff9b::808:808                         | NAT64 address
            2002:808:808::1                          | 6to4 address
            """)
    void anEmbeddedIpv4AddressIsJudgedAsItself(String literal, String reason) throws UnknownHostException {
        InetAddress address = Inet6Address.getByAddress(null, TargetPolicy.literalBytes(literal), -1);
        String refusal = strict.refusal(address);
        assertThat(refusal).as(literal).startsWith(reason);
        if (!reason.contains(",")) {
            assertThat(refusal).as("%s carries a public address", literal).isEqualTo(reason);
        }
        assertThat(new TargetPolicy(true, true).refusal(address)).as("%s with loopback and private allowed", literal)
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "2606:4700:4700::1111", "100.128.0.1",
            "198.17.255.255", "198.20.0.0", "192.0.1.1", "2a00:1450:4001::1", "2001:200::1", "2000::1", "3fff:1000::1"})
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(address))).as(address).isNull();
    }

    @Test
    void theOperatorMayOpenLoopbackAndPrivateAddresses() throws UnknownHostException {
        TargetPolicy open = new TargetPolicy(true, true);
        assertThat(open.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
        assertThat(open.refusal(InetAddress.getByName("10.0.0.1"))).isNull();
        assertThat(open.refusal(InetAddress.getByName("::1"))).isNull();
        assertThat(open.refusal(InetAddress.getByName("172.16.0.1"))).isNull();
        assertThat(open.refusal(InetAddress.getByName("192.168.1.1"))).isNull();
        assertThat(open.refusal(InetAddress.getByName("100.64.0.1"))).isNull();
        assertThat(open.refusal(InetAddress.getByName("fd12::1"))).isNull();
        for (String metadata : new String[]{"169.254.169.254", "100.100.100.200", "192.0.0.192", "fd00:ec2::254"}) {
            assertThat(open.refusal(InetAddress.getByName(metadata))).as("metadata %s stays closed", metadata).isNotNull();
        }
        TargetPolicy loopbackOnly = new TargetPolicy(true, false);
        assertThat(loopbackOnly.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
        assertThat(loopbackOnly.refusal(InetAddress.getByName("10.0.0.1"))).isEqualTo("private address");
    }

    @Test
    void theResolverRefusesANameThatResolvesInside() {
        GuardedDnsResolver resolver = new GuardedDnsResolver(strict, Duration.ofSeconds(10));
        assertThatThrownBy(() -> resolver.resolve("localhost")).isInstanceOf(GuardedDnsResolver.RefusedTarget.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> resolver.resolve("169.254.169.254")).hasMessageContaining("metadata");
    }

    /**
     * A try's deadline cannot stop a lookup under way, so the lookup has the limit of its own:
     * a name server that never answers must not hold a delivery slot past the try's time.
     */
    @Test
    void aNameServerThatNeverAnswersIsGivenUpAtTheLimit() {
        CountDownLatch never = new CountDownLatch(1);
        DnsResolver silent = new SystemDefaultDnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new UnknownHostException(host + ": interrupted");
            }
        };
        GuardedDnsResolver resolver = new GuardedDnsResolver(strict, silent, Duration.ofMillis(200));

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> resolver.resolve("callbacks.example.com"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("no answer from the name server within 200 ms"));
    }

    @Test
    void aLookupsOwnFailureIsTheFailureTheTrySees() {
        DnsResolver unknown = new SystemDefaultDnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                throw new UnknownHostException(host + ": no such name");
            }
        };
        GuardedDnsResolver resolver = new GuardedDnsResolver(strict, unknown, Duration.ofSeconds(10));

        assertThatThrownBy(() -> resolver.resolve("nowhere.example.com")).isInstanceOf(UnknownHostException.class)
                .hasMessage("nowhere.example.com: no such name");
    }


    /** The address with this value: IPv6 ones built as such, so an IPv4-mapped one is not turned into IPv4. */
    private static InetAddress address(BigInteger value, int bits) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[bits / 8];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        try {
            return bits == 32 ? InetAddress.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
