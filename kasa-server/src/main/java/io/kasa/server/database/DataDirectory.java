package io.kasa.server.database;

import io.kasa.server.shared.CannotStart;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data directory ({@code KASA_DATA_DIR}, {@code kasa.data-dir}) made ready to be written:
 * created if missing, refused with a {@link CannotStart} naming the setting when it is a file,
 * lies below a file, or cannot be written by the user running Kasa. Everything that writes
 * there (the embedded database, the generated secrets, the demo merchant) goes through it, so
 * the answer is the same whichever of them comes first.
 */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** The directory, existing and writable; or a {@link CannotStart} saying why it is not. */
    public static Path writable(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (FileAlreadyExistsException file) {
            throw unusable(dataDir, "is a file, not a directory", "remove or move that file so Kasa can create the directory");
        } catch (IOException e) {
            throw unusable(dataDir, "cannot be created (" + reason(e) + ")",
                    "create it and give the user running Kasa write access to it");
        }
        if (!Files.isDirectory(dataDir)) {
            throw unusable(dataDir, "is not a directory", "remove or move what is there so Kasa can create the directory");
        }
        if (!Files.isWritable(dataDir)) {
            throw unusable(dataDir, "cannot be written by the user running Kasa (" + System.getProperty("user.name") + ")",
                    "give that user write access to it (chown or chmod; a read-only or immutable file system "
                            + "will not do)");
        }
        return dataDir;
    }

    private static CannotStart unusable(Path dataDir, String problem, String fix) {
        return new CannotStart("The data directory " + dataDir + " (KASA_DATA_DIR, kasa.data-dir) " + problem
                + ". Kasa keeps its generated secrets there and, unless KASA_DATABASE_URL names an external database, "
                + "its embedded PostgreSQL.",
                "Point KASA_DATA_DIR at a directory the user running Kasa may write, or " + fix + ".");
    }

    /** The operating system's words ("Not a directory", "Permission denied"), without the path again. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason();
        }
        return e instanceof AccessDeniedException ? "Permission denied" : e.getClass().getSimpleName();
    }
}
