package io.kasa.server.callback;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses callbacks may go to. Refused unless allowed: loopback; private (RFC 1918,
 * unique-local); link-local, which holds the cloud metadata service (169.254.169.254,
 * fd00:ec2::254); carrier-grade NAT; multicast; unspecified and other reserved ranges.
 */
record TargetPolicy(boolean allowLoopback, boolean allowPrivate) {

    /** Why the address is refused, or null when it is allowed. */
    String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "loopback address";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified address";
        }
        if (address.isLinkLocalAddress() || isMetadata(address)) {
            return "link-local or cloud metadata address";
        }
        if (address.isMulticastAddress()) {
            return "multicast address";
        }
        if (isPrivate(address)) {
            return allowPrivate ? null : "private address";
        }
        if (isReserved(address)) {
            return "reserved address";
        }
        return null;
    }

    private static boolean isPrivate(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)
                    || (first == 100 && second >= 64 && second <= 127);
        }
        return address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
    }

    private static boolean isMetadata(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            return (first == 169 && (b[1] & 0xff) == 254) || (first == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100
                    && (b[3] & 0xff) == 200) || (first == 192 && (b[1] & 0xff) == 0 && (b[2] & 0xff) == 0);
        }
        return false;
    }

    private static boolean isReserved(InetAddress address) {
        if (address instanceof Inet4Address) {
            int first = address.getAddress()[0] & 0xff;
            return first == 0 || first >= 240;
        }
        byte[] b = address.getAddress();
        boolean ipv4Mapped = true;
        for (int i = 0; i < 10; i++) {
            ipv4Mapped &= b[i] == 0;
        }
        return ipv4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
