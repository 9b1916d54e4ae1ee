package io.kasa.server.payment;

import io.kasa.server.cluster.Cluster;
import jakarta.annotation.PreDestroy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>A held sync sale waits without any thread ({@link #awaitLater}): it may wait minutes, and
 * a parked thread's stack would cost more heap than everything else the held request keeps.
 */
@Component
class StatusWaits {

    static final String CHANGED = "payment";

    private final Map<UUID, Set<Watch>> watching = new ConcurrentHashMap<>();
    /** Waiters of {@link #awaitLater} not yet answered: the held sync sales. */
    private final AtomicInteger held = new AtomicInteger();
    private final Cluster cluster;
    /** Ends the waits of {@link #awaitLater}; its one thread only hands each end to a virtual thread. */
    private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().name("kasa-status-deadlines").daemon().factory());

    StatusWaits(Cluster cluster) {
        this.cluster = cluster;
        // a wait that ends early leaves no task behind for the rest of its time
        deadlines.setRemoveOnCancelPolicy(true);
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
            current = learnt.applyTo(current, read, changed, sequence);
        }
        return current;
    }

    /**
     * As {@link #await}, but without holding a thread: the returned future completes with the
     * payment once {@code done} accepts it, or with the payment read once more when {@code wait}
     * passes, and the watch is closed then. Each step runs on a virtual thread of its own,
     * started by what woke the waiter (a change, a gap, the deadline), never on the thread
     * that committed the change; steps of one waiter run one at a time. A read that fails
     * completes the future with its exception.
     */
    <T> CompletableFuture<T> awaitLater(Watch watch, T known, Supplier<T> read, Function<PaymentStatusChanged, T> changed,
                                        ToIntFunction<T> sequence, Predicate<T> done, Duration wait) {
        Later<T> later = new Later<>(watch, known, read, changed, sequence, done, System.nanoTime() + wait.toNanos());
        ScheduledFuture<?> deadline = deadlines.schedule(later::wake, wait.toNanos(), TimeUnit.NANOSECONDS);
        held.incrementAndGet();
        later.result.whenComplete((answer, failure) -> {
            held.decrementAndGet();
            deadline.cancel(false);
            watch.close();
        });
        watch.onLearn(later::wake);
        later.wake();
        return later.result;
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
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

    /** The requests held without a thread ({@link #awaitLater}) and not yet answered. */
    int held() {
        return held.get();
    }

    int waiting() {
        return watching.values().stream().mapToInt(Set::size).sum();
    }

    /** One {@link #awaitLater} waiter: what it knows of the payment, and its steps. */
    private static final class Later<T> {

        final CompletableFuture<T> result = new CompletableFuture<>();
        private final Watch watch;
        private final Supplier<T> read;
        private final Function<PaymentStatusChanged, T> changed;
        private final ToIntFunction<T> sequence;
        private final Predicate<T> done;
        private final long deadlineNanos;
        /** Wake-ups not yet stepped; the one that raises it from zero starts the steps. */
        private final AtomicInteger wakeups = new AtomicInteger();
        private T current;

        Later(Watch watch, T known, Supplier<T> read, Function<PaymentStatusChanged, T> changed,
              ToIntFunction<T> sequence, Predicate<T> done, long deadlineNanos) {
            this.watch = watch;
            this.current = known;
            this.read = read;
            this.changed = changed;
            this.sequence = sequence;
            this.done = done;
            this.deadlineNanos = deadlineNanos;
        }

        void wake() {
            if (wakeups.getAndIncrement() == 0) {
                Thread.ofVirtual().name("kasa-status-wait").start(this::steps);
            }
        }

        private void steps() {
            do {
                if (!result.isDone()) {
                    try {
                        step();
                    } catch (RuntimeException | Error failure) {
                        result.completeExceptionally(failure);
                    }
                }
            } while (wakeups.decrementAndGet() > 0);
        }

        /** One turn of {@link StatusWaits#await}'s loop, without its waiting. */
        private void step() {
            Learnt learnt = watch.poll();
            if (current == null) {
                current = read.get();
            } else if (learnt != null) {
                current = learnt.applyTo(current, read, changed, sequence);
            }
            if (done.test(current)) {
                result.complete(current);
            } else if (System.nanoTime() - deadlineNanos >= 0) {
                result.complete(read.get());
            }
        }
    }

    /** What a watch learnt: the newest change committed on this node, or null when a read must tell. */
    private record Learnt(PaymentStatusChanged change) {

        /** What is known after this: the change when it is newer than {@code current}, a read when only the payment's name came. */
        <T> T applyTo(T current, Supplier<T> read, Function<PaymentStatusChanged, T> changed, ToIntFunction<T> sequence) {
            if (change == null) {
                return read.get();
            }
            return change.sequence() > sequence.applyAsInt(current) ? changed.apply(change) : current;
        }
    }

    /** One waiter's registration for a payment's changes; closed when the waiter is done. */
    final class Watch implements AutoCloseable {

        private final UUID paymentId;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition learnt = lock.newCondition();
        private PaymentStatusChanged newest;
        private boolean readAgain;
        /** Told after each change learnt, for a waiter that holds no thread; null for one that parks. */
        private volatile Runnable listener;

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
            Runnable told = listener;
            if (told != null) {
                told.run();
            }
        }

        private void onLearn(Runnable listener) {
            this.listener = listener;
        }

        /** What was learnt since the last call, without waiting; null when nothing was. */
        private Learnt poll() {
            lock.lock();
            try {
                return newest == null && !readAgain ? null : take();
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
                return take();
            } finally {
                lock.unlock();
            }
        }

        /** What was learnt, which the caller holding the lock has seen there is, forgotten once told. */
        private Learnt take() {
            Learnt next = new Learnt(readAgain ? null : newest);
            newest = null;
            readAgain = false;
            return next;
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
