package io.kasa.server.payment;

import io.kasa.server.cluster.Cluster;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Lets a request wait for a payment's status to change without holding a platform thread:
 * callers run on virtual threads and park on a {@link Watch} that each committed change of
 * that payment wakes. A change committed on this node wakes it in process with the change
 * itself, which carries what the waiter would otherwise read; one committed on another node
 * (the device may be connected there) arrives as a cluster message sent in the changing
 * transaction and makes the waiter read, as does a gap in those messages.
 */
@Component
class StatusWaits {

    static final String CHANGED = "payment";

    private final Map<UUID, Set<Watch>> watching = new ConcurrentHashMap<>();
    private final Cluster cluster;

    StatusWaits(Cluster cluster) {
        this.cluster = cluster;
        cluster.on(CHANGED, message -> wake(message.id(0), null));
        cluster.afterGap(since -> wakeAll());
    }

    /**
     * Starts watching a payment: every change committed from now on is kept for the waiter.
     * A caller that watches before it records or reads the payment misses no change after it.
     */
    Watch watch(UUID paymentId) {
        Watch watch = new Watch(paymentId);
        watching.compute(paymentId, (id, watches) -> {
            Set<Watch> set = watches == null ? ConcurrentHashMap.newKeySet() : watches;
            set.add(watch);
            return set;
        });
        return watch;
    }

    /**
     * Waits until {@code done} accepts the payment as last known or {@code wait} passes, and
     * returns it. {@code known} is the payment as the caller knows it since it started
     * watching (null: read it). A change learnt in process replaces what is known when it is
     * newer ({@code sequence} orders them: the payment's activity numbers, taken under its
     * row lock, follow commit order); a change learnt only by name is read. When {@code wait}
     * runs out the payment is read once more.
     */
    <T> T await(Watch watch, T known, Supplier<T> read, Function<PaymentStatusChanged, T> changed,
                ToIntFunction<T> sequence, Predicate<T> done, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        T current = known != null ? known : read.get();
        while (!done.test(current)) {
            if (System.nanoTime() - deadline >= 0) {
                return current;
            }
            Learnt learnt;
            try {
                learnt = watch.next(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return read.get();
            }
            if (learnt == null) {
                return read.get();
            }
            if (learnt.change() == null) {
                current = read.get();
            } else if (learnt.change().sequence() > sequence.applyAsInt(current)) {
                current = changed.apply(learnt.change());
            }
        }
        return current;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onChange(PaymentStatusChanged change) {
        wake(change.paymentId(), change);
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

    /** {@code change} is null when only the payment's id is known. */
    private void wake(UUID paymentId, PaymentStatusChanged change) {
        Set<Watch> watches = watching.get(paymentId);
        if (watches != null) {
            watches.forEach(watch -> watch.learn(change));
        }
    }

    private void wakeAll() {
        watching.forEach((paymentId, watches) -> watches.forEach(watch -> watch.learn(null)));
    }

    int waiting() {
        return watching.values().stream().mapToInt(Set::size).sum();
    }

    /** What a watch learnt: the newest change committed on this node, or null when a read must tell. */
    private record Learnt(PaymentStatusChanged change) {
    }

    /** One waiter's registration for a payment's changes; closed when the waiter is done. */
    final class Watch implements AutoCloseable {

        private final UUID paymentId;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition learnt = lock.newCondition();
        private PaymentStatusChanged newest;
        private boolean readAgain;

        private Watch(UUID paymentId) {
            this.paymentId = paymentId;
        }

        UUID paymentId() {
            return paymentId;
        }

        private void learn(PaymentStatusChanged change) {
            lock.lock();
            try {
                if (change == null) {
                    readAgain = true;
                } else if (newest == null || change.sequence() > newest.sequence()) {
                    newest = change;
                }
                learnt.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** What was learnt since the last call, waiting for it until {@code deadline}; null when none came in time. */
        private Learnt next(long deadline) throws InterruptedException {
            lock.lock();
            try {
                while (newest == null && !readAgain) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return null;
                    }
                    learnt.awaitNanos(remaining);
                }
                Learnt next = new Learnt(readAgain ? null : newest);
                newest = null;
                readAgain = false;
                return next;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            watching.computeIfPresent(paymentId, (id, watches) -> {
                watches.remove(this);
                return watches.isEmpty() ? null : watches;
            });
        }
    }
}
