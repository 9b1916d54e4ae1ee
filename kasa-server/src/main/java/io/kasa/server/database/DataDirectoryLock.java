package io.kasa.server.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The claim of one Kasa process on a data directory: an OS file lock on {@code kasa.lock},
 * held for the life of the process, with the holder's pid written in the file. The OS
 * releases the lock when the process ends however it ends (SIGKILL included), so a lock
 * that can be taken proves that whoever ran on the directory before is gone, and anything it
 * left running (its PostgreSQL) may be reclaimed.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE = "kasa.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the directory for this process, or fails with {@link DataDirectoryInUse} naming the
     * holder (or with {@link DataDirectory#writable}'s refusal when it cannot be written).
     */
    static DataDirectoryLock acquire(Path dataDir) throws IOException {
        DataDirectory.writable(dataDir);
        Path file = dataDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            channel.close();
            throw new DataDirectoryInUse(dataDir, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new DataDirectoryInUse(dataDir, holder);
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new DataDirectoryLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer content = ByteBuffer.allocate(32);
            channel.read(content, 0);
            String pid = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "unknown" : pid;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another live Kasa process holds the data directory; this one must not start on it. */
    static final class DataDirectoryInUse extends IllegalStateException {

        private final Path dataDir;
        private final String holderPid;

        DataDirectoryInUse(Path dataDir, String holderPid) {
            super("The data directory " + dataDir + " is in use by Kasa process " + holderPid
                    + "; refusing to start a second server on it");
            this.dataDir = dataDir;
            this.holderPid = holderPid;
        }

        Path dataDir() {
            return dataDir;
        }

        String holderPid() {
            return holderPid;
        }
    }
}
