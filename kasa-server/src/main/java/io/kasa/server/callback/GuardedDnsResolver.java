package io.kasa.server.callback;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The name resolution the callback client connects with: every address a name resolves to
 * is checked against the {@link TargetPolicy} at connect time, so a name that resolves
 * elsewhere later cannot reach an internal address.
 */
final class GuardedDnsResolver implements DnsResolver {

    /** Thrown when a target resolves to an address the policy refuses. */
    static final class RefusedTarget extends UnknownHostException {
        RefusedTarget(String host, String reason) {
            super("callback target " + host + " refused: " + reason);
        }
    }

    private final TargetPolicy policy;

    GuardedDnsResolver(TargetPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        for (InetAddress address : addresses) {
            String refusal = policy.refusal(address);
            if (refusal != null) {
                throw new RefusedTarget(host, refusal + " " + address.getHostAddress());
            }
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
