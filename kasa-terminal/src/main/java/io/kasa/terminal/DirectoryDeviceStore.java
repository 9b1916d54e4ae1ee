package io.kasa.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code device.json} and {@code orders/<orderId>.json} in a directory. Every write goes to a
 * temporary file in the same directory that is flushed to disk and then moved over the old file
 * (and the directory flushed where the platform allows), so a crash leaves the old content or
 * the new, never half of it. On POSIX file systems files are created with mode 600 and
 * directories with mode 700: the pairing holds the device token, orders hold customer data.
 */
final class DirectoryDeviceStore implements DeviceStore {

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** Order ids used as file names as they are; anything else is named by its hash. */
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    private static final String ORDER_SUFFIX = ".json";

    private final Path directory;
    private final Path file;
    private final Path ordersDirectory;

    DirectoryDeviceStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.file = this.directory.resolve(FILE_NAME);
        this.ordersDirectory = this.directory.resolve(ORDERS_DIRECTORY);
    }

    @Override
    public synchronized Optional<Pairing> load() {
        return read(file).map(content -> parse(file, content, Pairing.class, "a valid pairing"));
    }

    @Override
    public synchronized void save(Pairing pairing) {
        Objects.requireNonNull(pairing, "pairing");
        try {
            createDirectory(directory);
            writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(pairing));
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
        return delete(file);
    }

    @Override
    public synchronized List<DeviceOrder> orders() {
        List<DeviceOrder> orders = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ordersDirectory, "*" + ORDER_SUFFIX)) {
            for (Path orderFile : files) {
                if (orderFile.getFileName().toString().startsWith(".")) {
                    continue;
                }
                read(orderFile).ifPresent(content ->
                        orders.add(parse(orderFile, content, DeviceOrder.class, "a valid order")));
            }
        } catch (NoSuchFileException absent) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ordersDirectory, e);
        }
        orders.sort(Comparator.comparingLong(DeviceOrder::arrival));
        return List.copyOf(orders);
    }

    @Override
    public synchronized void saveOrder(DeviceOrder order) {
        if (!order.progress().held()) {
            throw new IllegalArgumentException("a " + order.progress() + " order is not held: " + order.orderId());
        }
        Path orderFile = orderFile(order.orderId());
        try {
            createDirectory(directory);
            createDirectory(ordersDirectory);
            writeAtomically(orderFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(order));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + orderFile, e);
        }
    }

    @Override
    public synchronized boolean forgetOrder(String orderId) {
        return delete(orderFile(Objects.requireNonNull(orderId, "orderId")));
    }

    Path file() {
        return file;
    }

    Path orderFile(String orderId) {
        String name = PLAIN_ID.matcher(orderId).matches() ? orderId : "sha256-" + sha256(orderId);
        return ordersDirectory.resolve(name + ORDER_SUFFIX);
    }

    private static Optional<byte[]> read(Path path) {
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static <T> T parse(Path path, byte[] content, Class<T> type, String what) {
        try {
            return JSON.readValue(content, type);
        } catch (JacksonException e) {
            throw unreadable(path, what, e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw unreadable(path, what, e.getMessage(), e);
        }
    }

    private static UncheckedIOException unreadable(Path path, String what, String why, Exception cause) {
        return new UncheckedIOException(path + " does not hold " + what, new IOException(why, cause));
    }

    private boolean delete(Path path) {
        try {
            boolean deleted = Files.deleteIfExists(path);
            if (deleted) {
                flushDirectory(path.getParent());
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path parent = target.getParent();
        Path temporary = isPosix()
                ? Files.createTempFile(parent, ".kasa-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))
                : Files.createTempFile(parent, ".kasa-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            flushDirectory(parent);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Makes a rename or delete in {@code directory} durable. Not every platform can open a
     * directory for this (Windows cannot); there the file system's own ordering has to do.
     */
    private static void flushDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort by design; see above.
        }
    }

    private void createDirectory(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return;
        }
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (isPosix()) {
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectory(path);
            }
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(path)) {
                throw raced;
            }
        }
    }

    private boolean isPosix() {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "DeviceStore.inDirectory(" + directory + ")";
    }
}
