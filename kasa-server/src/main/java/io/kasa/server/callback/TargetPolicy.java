package io.kasa.server.callback;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses callbacks may go to. Every block of the IANA IPv4 and IPv6 Special-Purpose
 * Address Registries (RFC 6890 and its updates) is refused, and so are multicast, the
 * reserved 240.0.0.0/4 and every IPv6 address outside the global unicast space 2000::/3.
 * The blocks the registries mark globally reachable (the AS112 and AMT relays, the PCP and
 * TURN anycast addresses, 2001:4:112::/48 …) are refused too: no merchant's callback receiver
 * lives there. The operator may allow loopback and private addresses (RFC 1918, carrier-grade
 * NAT, unique-local); the cloud metadata services (169.254.169.254, 100.100.100.200,
 * 192.0.0.192, fd00:ec2::254) stay refused whatever is allowed.
 *
 * <p>An IPv6 address that carries an IPv4 address (IPv4-mapped, IPv4-compatible,
 * IPv4-translated, NAT64 well-known and local-use, 6to4, Teredo's client) is refused as such;
 * when the IPv4 address inside is itself refused, the reason names it, so a loopback address
 * wrapped in a NAT64 prefix reads as the loopback address it reaches.
 */
record TargetPolicy(boolean allowLoopback, boolean allowPrivate) {

    /** What the operator's settings can open; everything else in the table is always refused. */
    private enum Kind { LOOPBACK, PRIVATE, REFUSED }

    /** Where a block's addresses carry an IPv4 address. */
    private enum Embedding {
        NONE, LAST_32_BITS, SIX_TO_FOUR, TEREDO;

        Inet4Address decode(byte[] address) {
            byte[] v4 = new byte[4];
            switch (this) {
                case LAST_32_BITS -> System.arraycopy(address, 12, v4, 0, 4);
                case SIX_TO_FOUR -> System.arraycopy(address, 2, v4, 0, 4);
                case TEREDO -> {
                    for (int i = 0; i < 4; i++) {
                        v4[i] = (byte) ~address[12 + i];
                    }
                }
                case NONE -> throw new IllegalStateException("no IPv4 address embedded");
            }
            try {
                return (Inet4Address) InetAddress.getByAddress(v4);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Block(byte[] prefix, int length, String reason, Kind kind, Embedding embedding) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = length / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = length % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    /**
     * The table, parsed once. The first block that holds an address decides, so a block
     * nested in another comes before it (a metadata address before its private or
     * link-local range, Teredo before the IETF block holding it).
     */
    private static final List<Block> BLOCKS = List.of(
            // IPv4 Special-Purpose Address Registry, and multicast and the reserved rest
            block("0.0.0.0/8", "\"this network\" address", Kind.REFUSED),
            block("10.0.0.0/8", "private address", Kind.PRIVATE),
            block("100.100.100.200/32", "cloud metadata address", Kind.REFUSED),
            block("100.64.0.0/10", "private address (carrier-grade NAT)", Kind.PRIVATE),
            block("127.0.0.0/8", "loopback address", Kind.LOOPBACK),
            block("169.254.0.0/16", "link-local or cloud metadata address", Kind.REFUSED),
            block("172.16.0.0/12", "private address", Kind.PRIVATE),
            block("192.0.0.0/24", "IETF protocol assignment or cloud metadata address", Kind.REFUSED),
            block("192.0.2.0/24", "documentation address", Kind.REFUSED),
            block("192.31.196.0/24", "AS112 address", Kind.REFUSED),
            block("192.52.193.0/24", "AMT relay address", Kind.REFUSED),
            block("192.88.99.0/24", "6to4 relay anycast address", Kind.REFUSED),
            block("192.168.0.0/16", "private address", Kind.PRIVATE),
            block("192.175.48.0/24", "AS112 address", Kind.REFUSED),
            block("198.18.0.0/15", "benchmarking address", Kind.REFUSED),
            block("198.51.100.0/24", "documentation address", Kind.REFUSED),
            block("203.0.113.0/24", "documentation address", Kind.REFUSED),
            block("224.0.0.0/4", "multicast address", Kind.REFUSED),
            block("255.255.255.255/32", "broadcast address", Kind.REFUSED),
            block("240.0.0.0/4", "reserved address", Kind.REFUSED),
            // IPv6 Special-Purpose Address Registry, then all outside global unicast 2000::/3
            block("::1/128", "loopback address", Kind.LOOPBACK),
            block("::/128", "unspecified address", Kind.REFUSED),
            block("::ffff:0:0/96", "IPv4-mapped address", Embedding.LAST_32_BITS),
            block("::/96", "IPv4-compatible address", Embedding.LAST_32_BITS),
            block("::ffff:0:0:0/96", "IPv4-translated address", Embedding.LAST_32_BITS),
            block("64:ff9b::/96", "NAT64 address", Embedding.LAST_32_BITS),
            block("64:ff9b:1::/48", "local-use NAT64 address", Embedding.LAST_32_BITS),
            block("100::/64", "discard-only address", Kind.REFUSED),
            block("2001::/32", "Teredo address", Embedding.TEREDO),
            block("2001::/23", "IETF protocol assignment", Kind.REFUSED),
            block("2001:db8::/32", "documentation address", Kind.REFUSED),
            block("2002::/16", "6to4 address", Embedding.SIX_TO_FOUR),
            block("2620:4f:8000::/48", "AS112 address", Kind.REFUSED),
            block("3fff::/20", "documentation address", Kind.REFUSED),
            block("5f00::/16", "segment routing address", Kind.REFUSED),
            block("fd00:ec2::254/128", "cloud metadata address", Kind.REFUSED),
            block("fc00::/7", "private address (unique local)", Kind.PRIVATE),
            block("fe80::/10", "link-local address", Kind.REFUSED),
            block("fec0::/10", "site-local address", Kind.REFUSED),
            block("ff00::/8", "multicast address", Kind.REFUSED),
            block("::/3", "address outside IPv6 global unicast", Kind.REFUSED),
            block("4000::/2", "address outside IPv6 global unicast", Kind.REFUSED),
            block("8000::/1", "address outside IPv6 global unicast", Kind.REFUSED));

    /** Why the address is refused, or null when it is allowed. */
    String refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Block block : BLOCKS) {
            if (block.contains(bytes)) {
                return refusal(block, bytes);
            }
        }
        return null;
    }

    private String refusal(Block block, byte[] address) {
        return switch (block.kind()) {
            case LOOPBACK -> allowLoopback ? null : block.reason();
            case PRIVATE -> allowPrivate ? null : block.reason();
            case REFUSED -> {
                if (block.embedding() == Embedding.NONE) {
                    yield block.reason();
                }
                Inet4Address inside = block.embedding().decode(address);
                String insideRefusal = new TargetPolicy(false, false).refusal(inside);
                yield insideRefusal == null ? block.reason()
                        : block.reason() + " of " + inside.getHostAddress() + ", a " + insideRefusal;
            }
        };
    }

    private static Block block(String cidr, String reason, Kind kind) {
        return block(cidr, reason, kind, Embedding.NONE);
    }

    private static Block block(String cidr, String reason, Embedding embedding) {
        return block(cidr, reason, Kind.REFUSED, embedding);
    }

    private static Block block(String cidr, String reason, Kind kind, Embedding embedding) {
        int slash = cidr.indexOf('/');
        String literal = cidr.substring(0, slash);
        int length = Integer.parseInt(cidr.substring(slash + 1));
        byte[] prefix = literalBytes(literal);
        if (length > prefix.length * 8) {
            throw new IllegalArgumentException("prefix too long: " + cidr);
        }
        return new Block(prefix, length, reason, kind, embedding);
    }

    /**
     * The bytes of an address literal, 16 for an IPv6 one even where the JDK reads it as the
     * IPv4 address it maps ({@code ::ffff:0:0} is 0.0.0.0 to {@link InetAddress}).
     */
    static byte[] literalBytes(String literal) {
        if (!literal.contains(":") && !literal.matches("[0-9.]+")) {
            throw new IllegalArgumentException("not an address literal: " + literal);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
        if (literal.contains(":") && bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return mapped;
        }
        return bytes;
    }
}
