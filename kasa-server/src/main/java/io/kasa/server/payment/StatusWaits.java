package io.kasa.server.payment;

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
 * that payment completes.
 */
@Component
class StatusWaits {

    private final Map<UUID, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    /**
     * Reads the status until {@code done} accepts it or {@code wait} passes; returns the last
     * status read. A change committed between two reads is never missed: the waiter registers
     * before it reads.
     */
    PaymentStatus await(UUID paymentId, Supplier<PaymentStatus> read, Predicate<PaymentStatus> done, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            CompletableFuture<Void> change = register(paymentId);
            try {
                PaymentStatus status = read.get();
                long remaining = deadline - System.nanoTime();
                if (done.test(status) || remaining <= 0) {
                    return status;
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
        Set<CompletableFuture<Void>> waiters = waiting.remove(change.paymentId());
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.complete(null));
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
