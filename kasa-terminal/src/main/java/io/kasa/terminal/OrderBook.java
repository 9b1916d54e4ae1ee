package io.kasa.terminal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What one agent knows about orders: the ones the device holds (mirroring the
 * {@link DeviceStore}, which is written first), the ones that left it, and what arrived when,
 * for tests to observe. Changes are made on the agent's serial executor; the queries may be
 * called from any thread and return snapshots.
 *
 * <p>Observation keeps the last {@value #REMEMBERED} orders that left the device, arrived
 * without being awaited, or were delivered, so that a long-running agent does not grow without
 * bound.
 */
final class OrderBook {

    static final int REMEMBERED = 10_000;

    /** The order the device lists pending orders in: by display code (absent last), then by arrival. */
    static final Comparator<DeviceOrder> LISTING = Comparator
            .comparing(DeviceOrder::displayCode, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparingLong(DeviceOrder::arrival);

    private static final System.Logger LOG = System.getLogger(OrderBook.class.getName());

    private final DeviceStore store;
    private final List<Consumer<DeviceOrder>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private final Map<String, DeviceOrder> held = new HashMap<>();
    private final Map<String, DeviceOrder> left = bounded();
    private final ArrayDeque<DeviceOrder> unclaimed = new ArrayDeque<>();
    private final Map<String, Integer> deliveries = bounded();
    private final ArrayDeque<Withdrawal> withdrawals = new ArrayDeque<>();
    private long lastArrival;

    OrderBook(DeviceStore store) {
        this.store = store;
    }

    /**
     * Replaces what the book holds by what the store holds.
     *
     * @throws java.io.UncheckedIOException when the store cannot be read
     */
    void load() {
        List<DeviceOrder> stored = store.orders();
        lock.lock();
        try {
            held.clear();
            for (DeviceOrder order : stored) {
                held.put(order.orderId(), order);
                lastArrival = Math.max(lastArrival, order.arrival());
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long nextArrival() {
        lock.lock();
        try {
            return lastArrival + 1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores {@code order} and then holds it. A store failure is logged and leaves the book as it
     * was: the caller must then not tell the server anything it could not remember.
     *
     * @return whether the order is stored
     */
    boolean save(DeviceOrder order) {
        try {
            store.saveOrder(order);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Cannot store order " + order.orderId() + " in " + store, e);
            return false;
        }
        lock.lock();
        try {
            held.put(order.orderId(), order);
            lastArrival = Math.max(lastArrival, order.arrival());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        tell(order);
        return true;
    }

    /**
     * Lets a held order leave the device at {@code end} ({@link DeviceOrder.Progress#SETTLED} or
     * {@link DeviceOrder.Progress#WITHDRAWN}). The book forgets it even if the store cannot: a
     * restarted device would then only repeat a step the server acknowledges again.
     */
    void release(String orderId, DeviceOrder.Progress end) {
        try {
            store.forgetOrder(orderId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Cannot remove order " + orderId + " from " + store, e);
        }
        DeviceOrder gone;
        lock.lock();
        try {
            DeviceOrder order = held.remove(orderId);
            if (order == null) {
                return;
            }
            gone = order.at(end);
            left.put(orderId, gone);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        tell(gone);
    }

    /** Counts one {@code order} message for {@code orderId}. */
    void delivered(String orderId) {
        lock.lock();
        try {
            deliveries.merge(orderId, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
    }

    /** Queues a newly arrived order for {@link #awaitArrival(Duration)}. */
    void arrived(DeviceOrder order) {
        lock.lock();
        try {
            if (unclaimed.size() == REMEMBERED) {
                unclaimed.removeFirst();
            }
            unclaimed.addLast(order);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void withdrawn(Withdrawal withdrawal) {
        lock.lock();
        try {
            if (withdrawals.size() == REMEMBERED) {
                withdrawals.removeFirst();
            }
            withdrawals.addLast(withdrawal);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Adds a listener for every new step of every order, called on the agent's executor. */
    void onProgress(Consumer<DeviceOrder> listener) {
        listeners.add(listener);
    }

    /** The order as the device holds it now. */
    Optional<DeviceOrder> held(String orderId) {
        lock.lock();
        try {
            return Optional.ofNullable(held.get(orderId));
        } finally {
            lock.unlock();
        }
    }

    /** The order as the device holds it, else as it left the device; empty if never seen or long forgotten. */
    Optional<DeviceOrder> find(String orderId) {
        lock.lock();
        try {
            DeviceOrder order = held.get(orderId);
            return Optional.ofNullable(order != null ? order : left.get(orderId));
        } finally {
            lock.unlock();
        }
    }

    /** Held orders in order of arrival. */
    List<DeviceOrder> heldByArrival() {
        lock.lock();
        try {
            return held.values().stream().sorted(Comparator.comparingLong(DeviceOrder::arrival)).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Held orders in {@link #LISTING} order. */
    List<DeviceOrder> pending() {
        lock.lock();
        try {
            return held.values().stream().sorted(LISTING).toList();
        } finally {
            lock.unlock();
        }
    }

    Optional<DeviceOrder> awaitArrival(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (unclaimed.isEmpty()) {
                if (!waitUntil(deadline)) {
                    return Optional.empty();
                }
            }
            return Optional.of(unclaimed.removeFirst());
        } finally {
            lock.unlock();
        }
    }

    boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!held.isEmpty()) {
                if (!waitUntil(deadline)) {
                    return false;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    List<String> receivedIds() {
        lock.lock();
        try {
            return List.copyOf(deliveries.keySet());
        } finally {
            lock.unlock();
        }
    }

    int deliveries(String orderId) {
        lock.lock();
        try {
            return deliveries.getOrDefault(orderId, 0);
        } finally {
            lock.unlock();
        }
    }

    List<Withdrawal> withdrawals() {
        lock.lock();
        try {
            return List.copyOf(withdrawals);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a change until the deadline; false once it has passed or the thread is interrupted. */
    private boolean waitUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            changed.awaitNanos(left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void tell(DeviceOrder order) {
        for (Consumer<DeviceOrder> listener : listeners) {
            try {
                listener.accept(order);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Order listener failed", e);
            }
        }
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }
}
