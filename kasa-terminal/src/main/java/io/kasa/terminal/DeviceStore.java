package io.kasa.terminal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The device's durable memory of its pairing. Implementations are safe for use from several
 * threads of one process.
 */
public sealed interface DeviceStore permits DirectoryDeviceStore, MemoryDeviceStore {

    /** The file name of the pairing inside a store directory. */
    String FILE_NAME = "device.json";

    /**
     * A store keeping the pairing in {@code directory/device.json}, readable only by its owner where
     * the file system has POSIX permissions. The directory is created (mode 700) when missing.
     */
    static DeviceStore inDirectory(Path directory) {
        return new DirectoryDeviceStore(directory);
    }

    /** A store that forgets everything with the process; for tests and embedded agents. */
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
     * otherwise: a newer pairing saved meanwhile survives the rejection of an older token.
     *
     * @return true if the pairing was forgotten
     */
    boolean forget(Pairing rejected);
}
