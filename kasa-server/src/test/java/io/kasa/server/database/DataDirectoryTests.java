package io.kasa.server.database;

import io.kasa.server.shared.CannotStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirectoryTests {

    @Test
    void aMissingDirectoryIsCreated(@TempDir Path parent) {
        Path dataDir = parent.resolve("kasa-data").resolve("node-1");
        assertThat(DataDirectory.writable(dataDir)).isDirectory().isEqualTo(dataDir);
    }

    @Test
    void aFileIsRefusedNamingTheSetting(@TempDir Path parent) throws Exception {
        Path file = Files.writeString(parent.resolve("kasa-data"), "not a directory");
        assertThatThrownBy(() -> DataDirectory.writable(file))
                .isInstanceOf(CannotStart.class)
                .hasMessageStartingWith("The data directory " + file + " (KASA_DATA_DIR, kasa.data-dir) is a file, not a directory")
                .satisfies(refused -> assertThat(((CannotStart) refused).action()).startsWith("Point KASA_DATA_DIR at"));
    }

    @Test
    void aPathBelowAFileCannotBeCreated(@TempDir Path parent) throws Exception {
        Path file = Files.writeString(parent.resolve("kasa-data"), "not a directory");
        Path below = file.resolve("node-1");
        assertThatThrownBy(() -> DataDirectory.writable(below))
                .isInstanceOf(CannotStart.class)
                .hasMessageContaining(below + " (KASA_DATA_DIR, kasa.data-dir) cannot be created (Not a directory)");
    }
}
