package io.kasa.terminal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The device's durable memory: its pairing, and the orders it holds with how far it got with
 * each (device protocol 3.2), so that a device restarted after a crash still reports what it
 * charged. Implementations are safe for use from several threads of one process.
 */
public sealed interface DeviceStore permits DirectoryDeviceStore, MemoryDeviceStore {

    /** The file name of the pairing inside a store directory. */
    String FILE_NAME = "device.json";

    /** The directory inside a store directory that holds one file per order. */
    String ORDERS_DIRECTORY = "orders";

    /**
     * A store keeping the pairing in {@code directory/device.json} and each order in
     * {@code directory/orders/<orderId>.json}, readable only by their owner where the file system
     * has POSIX permissions. Directories are created (mode 700) when missing.
     */
    static DeviceStore inDirectory(Path directory) {
        return new DirectoryDeviceStore(directory);
    }

    /**
     * A store that forgets everything with the process; for tests and embedded agents. A new agent
     * built over the same object finds everything an earlier one left, as after a restart.
     */
    static DeviceStore inMemory() {
        return new MemoryDeviceStore();
    }

    /**
     * The stored pairing, or empty when the device is not paired.
     *
     * @throws java.io.UncheckedIOException when the store cannot be read or holds something unreadable
     */
    Optional<Pairing> load();

    /** Replaces whatever is stored by {@code pairing}, atomically: a reader sees the old or the new one. */
    void save(Pairing pairing);

    /**
     * Forgets the stored pairing if it still holds the credential of {@code rejected}, and keeps it
     * otherwise: a newer pairing saved meanwhile survives the rejection of an older token. Stored
     * orders are kept either way.
     *
     * @return true if the pairing was forgotten
     */
    boolean forget(Pairing rejected);

    /**
     * The orders the device holds, in order of {@linkplain DeviceOrder#arrival() arrival}.
     *
     * @throws java.io.UncheckedIOException when the store cannot be read or holds an unreadable order
     */
    List<DeviceOrder> orders();

    /**
     * Keeps {@code order}, replacing the stored order with the same id, atomically: a reader (or
     * the device after a crash) sees the old or the new one.
     *
     * @throws IllegalArgumentException     when the order is at a step the device does not hold
     *                                      ({@link DeviceOrder.Progress#SETTLED}, {@link DeviceOrder.Progress#WITHDRAWN})
     * @throws java.io.UncheckedIOException when it cannot be written
     */
    void saveOrder(DeviceOrder order);

    /**
     * Forgets the order with this id.
     *
     * @return true if it was held
     * @throws java.io.UncheckedIOException when it cannot be removed
     */
    boolean forgetOrder(String orderId);
}
