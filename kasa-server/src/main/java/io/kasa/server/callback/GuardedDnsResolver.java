package io.kasa.server.callback;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The name resolution the callback client connects with: every address a name resolves to
 * is checked against the {@link TargetPolicy} at connect time, so a name that resolves
 * elsewhere later cannot reach an internal address.
 *
 * <p>A lookup is given up after the try's time limit. A try runs on its caller's thread and
 * its deadline cancels the request, which cannot stop a lookup under way; a name server that
 * never answers (a merchant's own, say) would otherwise hold a delivery slot for as long as
 * the system resolver's retries last. The lookup runs on a thread of its own only for this;
 * lookups happen when a connection is opened, not at every try on a pooled one.
 */
final class GuardedDnsResolver implements DnsResolver {

    /** Thrown when a target resolves to an address the policy refuses. */
    static final class RefusedTarget extends UnknownHostException {
        RefusedTarget(String host, String reason) {
            super("callback target " + host + " refused: " + reason);
        }
    }

    private final TargetPolicy policy;
    private final DnsResolver system;
    private final Duration limit;
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

    GuardedDnsResolver(TargetPolicy policy, Duration limit) {
        this(policy, SystemDefaultDnsResolver.INSTANCE, limit);
    }

    GuardedDnsResolver(TargetPolicy policy, DnsResolver system, Duration limit) {
        this.policy = policy;
        this.system = system;
        this.limit = limit;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = lookUp(host);
        for (InetAddress address : addresses) {
            String refusal = policy.refusal(address);
            if (refusal != null) {
                throw new RefusedTarget(host, refusal + " " + address.getHostAddress());
            }
        }
        return addresses;
    }

    /** The system's addresses for {@code host}, or an {@link UnknownHostException} once {@code limit} has passed. */
    private InetAddress[] lookUp(String host) throws UnknownHostException {
        Future<InetAddress[]> answer = lookups.submit(() -> system.resolve(host));
        try {
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new UnknownHostException(host + ": no answer from the name server within " + limit.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw (UnknownHostException) new UnknownHostException(host + ": " + e.getCause()).initCause(e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": interrupted");
        }
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
