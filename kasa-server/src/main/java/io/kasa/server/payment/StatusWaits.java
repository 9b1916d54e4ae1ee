package io.kasa.server.payment;

import io.kasa.server.cluster.Cluster;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Lets a request wait for a payment's status to change without holding a platform thread:
 * callers run on virtual threads and park on a future that the next committed change of
 * that payment completes. A change committed on this node completes it in process; one
 * committed on another node (the device may be connected there) arrives as a cluster
 * message sent in the changing transaction, and after a gap in those messages every waiter
 * reads again.
 */
@Component
class StatusWaits {

    static final String CHANGED = "payment";

    private final Map<UUID, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();
    private final Cluster cluster;

    StatusWaits(Cluster cluster) {
        this.cluster = cluster;
        cluster.on(CHANGED, message -> wake(message.id(0)));
        cluster.afterGap(since -> wakeAll());
    }

    /**
     * Reads the payment until {@code done} accepts what was read or {@code wait} passes;
     * returns the last read. A change committed between two reads is never missed: the waiter
     * registers before it reads.
     */
    <T> T await(UUID paymentId, Supplier<T> read, Predicate<T> done, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            CompletableFuture<Void> change = register(paymentId);
            try {
                T current = read.get();
                long remaining = deadline - System.nanoTime();
                if (done.test(current) || remaining <= 0) {
                    return current;
                }
                change.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return read.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return read.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } finally {
                unregister(paymentId, change);
            }
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onChange(PaymentStatusChanged change) {
        wake(change.paymentId());
    }

    /**
     * Tells the other nodes, when the change commits, that the payment changed: one of them
     * may hold a request waiting for it. Alone, a node has nobody to tell.
     */
    @EventListener
    void announce(PaymentStatusChanged change) {
        if (cluster.hasPeers()) {
            cluster.broadcast(CHANGED, change.paymentId());
        }
    }

    private void wake(UUID paymentId) {
        Set<CompletableFuture<Void>> waiters = waiting.remove(paymentId);
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.complete(null));
        }
    }

    private void wakeAll() {
        for (UUID paymentId : Set.copyOf(waiting.keySet())) {
            wake(paymentId);
        }
    }

    int waiting() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    private CompletableFuture<Void> register(UUID paymentId) {
        CompletableFuture<Void> change = new CompletableFuture<>();
        waiting.compute(paymentId, (id, waiters) -> {
            Set<CompletableFuture<Void>> set = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            set.add(change);
            return set;
        });
        return change;
    }

    private void unregister(UUID paymentId, CompletableFuture<Void> change) {
        waiting.computeIfPresent(paymentId, (id, waiters) -> {
            waiters.remove(change);
            return waiters.isEmpty() ? null : waiters;
        });
    }
}
