package io.kasa.terminal;

import java.util.Objects;
import java.util.Optional;

final class MemoryDeviceStore implements DeviceStore {

    private Pairing pairing;

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
    public String toString() {
        return "DeviceStore.inMemory()";
    }
}
