package io.kasa.terminal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class MemoryDeviceStore implements DeviceStore {

    private Pairing pairing;
    private final Map<String, DeviceOrder> orders = new HashMap<>();

    @Override
    public synchronized Optional<Pairing> load() {
        return Optional.ofNullable(pairing);
    }

    @Override
    public synchronized void save(Pairing pairing) {
        this.pairing = Objects.requireNonNull(pairing, "pairing");
    }

    @Override
    public synchronized boolean forget(Pairing rejected) {
        if (pairing != null && pairing.sameCredential(rejected)) {
            pairing = null;
            return true;
        }
        return false;
    }

    @Override
    public synchronized List<DeviceOrder> orders() {
        return orders.values().stream().sorted(Comparator.comparingLong(DeviceOrder::arrival)).toList();
    }

    @Override
    public synchronized void saveOrder(DeviceOrder order) {
        if (!order.progress().held()) {
            throw new IllegalArgumentException("a " + order.progress() + " order is not held: " + order.orderId());
        }
        orders.put(order.orderId(), order);
    }

    @Override
    public synchronized boolean forgetOrder(String orderId) {
        return orders.remove(Objects.requireNonNull(orderId, "orderId")) != null;
    }

    @Override
    public String toString() {
        return "DeviceStore.inMemory()";
    }
}
