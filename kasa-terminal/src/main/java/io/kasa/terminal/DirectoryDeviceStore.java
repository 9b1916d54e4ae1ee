package io.kasa.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code device.json} in a directory. Writes go to a temporary file in the same directory that is
 * flushed to disk and then moved over the old file, so a crash leaves the old pairing or the new
 * one, never half of one. On POSIX file systems the file is created with mode 600.
 */
final class DirectoryDeviceStore implements DeviceStore {

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path directory;
    private final Path file;

    DirectoryDeviceStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.file = this.directory.resolve(FILE_NAME);
    }

    @Override
    public synchronized Optional<Pairing> load() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            return Optional.of(JSON.readValue(content, Pairing.class));
        } catch (JacksonException e) {
            throw unreadable(e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw unreadable(e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(Pairing pairing) {
        Objects.requireNonNull(pairing, "pairing");
        try {
            createDirectory();
            byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(pairing);
            Path temporary = isPosix()
                    ? Files.createTempFile(directory, ".device-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))
                    : Files.createTempFile(directory, ".device-", ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                moveOver(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public synchronized boolean forget(Pairing rejected) {
        Optional<Pairing> stored = load();
        if (stored.isEmpty() || !stored.get().sameCredential(rejected)) {
            return false;
        }
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private UncheckedIOException unreadable(String why, Exception cause) {
        return new UncheckedIOException(file + " does not hold a valid pairing", new IOException(why, cause));
    }

    Path file() {
        return file;
    }

    private void moveOver(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (isPosix()) {
                FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY);
                Files.createDirectory(directory, ownerOnly);
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(directory)) {
                throw raced;
            }
        }
    }

    private boolean isPosix() {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return "DeviceStore.inDirectory(" + directory + ")";
    }
}
