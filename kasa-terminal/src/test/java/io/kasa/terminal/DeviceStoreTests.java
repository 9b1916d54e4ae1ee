package io.kasa.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeviceStoreTests {

    @TempDir
    static Path shared;

    static final Pairing FIRST = new Pairing(URI.create("https://pos.example.com/kasa"),
            "38e895c3-1a9a-4b73-8816-8557d1d031d6", "0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11", "kdt_first", "/api/device/live");
    static final Pairing NEWER = new Pairing(URI.create("https://pos.example.com/kasa"),
            "38e895c3-1a9a-4b73-8816-8557d1d031d6", "9c1d0000-58c9-4b0e-a0b1-7f6f3f1f8c11", "kdt_newer", null);

    static Stream<DeviceStore> stores() {
        return Stream.of(DeviceStore.inMemory(), DeviceStore.inDirectory(shared.resolve("store-" + System.nanoTime())));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void anEmptyStoreHoldsNoPairing(DeviceStore store) {
        assertThat(store.load()).isEmpty();
        assertThat(store.forget(FIRST)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void keepsWhatWasSavedLast(DeviceStore store) {
        store.save(FIRST);
        assertThat(store.load()).contains(FIRST);
        store.save(NEWER);
        assertThat(store.load()).contains(NEWER);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void forgetsOnlyTheRejectedCredential(DeviceStore store) {
        store.save(NEWER);
        assertThat(store.forget(FIRST)).isFalse();
        assertThat(store.load()).contains(NEWER);

        assertThat(store.forget(NEWER)).isTrue();
        assertThat(store.load()).isEmpty();
    }

    @Test
    void aDirectoryStoreSurvivesTheProcess(@TempDir Path directory) {
        DeviceStore.inDirectory(directory).save(FIRST);

        assertThat(DeviceStore.inDirectory(directory).load()).contains(FIRST);
    }

    @Test
    void writesCamelCaseJsonWithTheDefaultLivePath(@TempDir Path directory) throws IOException {
        DeviceStore.inDirectory(directory).save(NEWER);

        String json = Files.readString(directory.resolve("device.json"));
        assertThat(json).contains("\"server\"", "\"terminalId\"", "\"terminalPairId\"", "\"deviceToken\"",
                "\"livePath\" : \"/api/device/live\"");
    }

    @Test
    void createsTheDirectoryAndAFileOnlyItsOwnerCanRead(@TempDir Path parent) throws IOException {
        assumeThat(parent.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path directory = parent.resolve("a/b/device");

        DeviceStore.inDirectory(directory).save(FIRST);
        DeviceStore.inDirectory(directory).save(NEWER);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("device.json"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                .isEqualTo("rwx------");
    }

    @Test
    void leavesNoTemporaryFilesBehind(@TempDir Path directory) throws IOException {
        DeviceStore store = DeviceStore.inDirectory(directory);
        store.save(FIRST);
        store.save(NEWER);

        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("device.json");
        }
    }

    @Test
    void ignoresPropertiesItDoesNotKnow(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("device.json"), """
                {"server":"http://localhost:8080","terminalId":"t","terminalPairId":"p","deviceToken":"kdt_x",
                 "pairedBy":"a later version"}
                """, StandardCharsets.UTF_8);

        assertThat(DeviceStore.inDirectory(directory).load()).hasValueSatisfying(pairing -> {
            assertThat(pairing.deviceToken()).isEqualTo("kdt_x");
            assertThat(pairing.livePath()).isEqualTo(Pairing.DEFAULT_LIVE_PATH);
        });
    }

    @Test
    void refusesAFileThatIsNotAPairing(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("device.json"), "{\"server\":\"http://localhost\",\"terminalId\":\"t\"}");

        assertThatThrownBy(() -> DeviceStore.inDirectory(directory).load())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("does not hold a valid pairing");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void anEmptyStoreHoldsNoOrders(DeviceStore store) {
        assertThat(store.orders()).isEmpty();
        assertThat(store.forgetOrder("o-1")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void keepsEveryDetailOfAnOrderExactly(DeviceStore store) {
        DeviceOrder order = OrderMessages.read(Orders.example(), 3).order()
                .reporting(new Outcome(Outcome.Result.APPROVED, "Onaylandı",
                        new Outcome.Card("4111 11** **** 0427", "VISA", "7K2Q9D"), "ref-1"));

        store.saveOrder(order);

        assertThat(store.orders()).containsExactly(order);
        assertThat(store.orders().getFirst().amount()).hasToString("22.00");
        assertThat(store.orders().getFirst().products().getFirst().amount()).hasToString("22.00");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void keepsTheLatestStepOfEachOrderInOrderOfArrival(DeviceStore store) {
        store.saveOrder(Orders.stored("o-3", 3, DeviceOrder.Progress.RECEIVED));
        store.saveOrder(Orders.stored("o-1", 1, DeviceOrder.Progress.RECEIVED));
        store.saveOrder(Orders.stored("o-2", 2, DeviceOrder.Progress.TAKEN));
        store.saveOrder(Orders.stored("o-1", 1, DeviceOrder.Progress.CHARGING));
        store.saveOrder(Orders.stored("o-3", 3, DeviceOrder.Progress.REPORTED));

        assertThat(store.orders()).extracting(DeviceOrder::orderId, DeviceOrder::progress).containsExactly(
                org.assertj.core.groups.Tuple.tuple("o-1", DeviceOrder.Progress.CHARGING),
                org.assertj.core.groups.Tuple.tuple("o-2", DeviceOrder.Progress.TAKEN),
                org.assertj.core.groups.Tuple.tuple("o-3", DeviceOrder.Progress.REPORTED));

        assertThat(store.forgetOrder("o-2")).isTrue();
        assertThat(store.forgetOrder("o-2")).isFalse();
        assertThat(store.orders()).extracting(DeviceOrder::orderId).containsExactly("o-1", "o-3");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void holdsNoOrderThatLeftTheDevice(DeviceStore store) {
        assertThatThrownBy(() -> store.saveOrder(Orders.stored("o-1", 1, DeviceOrder.Progress.SETTLED)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.orders()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void ordersAndThePairingAreIndependent(DeviceStore store) {
        store.save(FIRST);
        store.saveOrder(Orders.stored("o-1", 1, DeviceOrder.Progress.CHARGING));

        store.forget(FIRST);

        assertThat(store.load()).isEmpty();
        assertThat(store.orders()).hasSize(1);
    }

    @Test
    void aDirectoryStoreKeepsOrdersAcrossProcessesOneFilePerOrder(@TempDir Path directory) throws IOException {
        DeviceStore.inDirectory(directory).saveOrder(Orders.stored("5d0e2a52-3f0c-4d8a-9a57-2d4c5b1e7a10", 1,
                DeviceOrder.Progress.CHARGING));
        DeviceStore.inDirectory(directory).saveOrder(Orders.stored("../odd id", 2, DeviceOrder.Progress.RECEIVED));

        assertThat(DeviceStore.inDirectory(directory).orders()).extracting(DeviceOrder::orderId)
                .containsExactly("5d0e2a52-3f0c-4d8a-9a57-2d4c5b1e7a10", "../odd id");
        try (Stream<Path> files = Files.list(directory.resolve("orders"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("5d0e2a52-3f0c-4d8a-9a57-2d4c5b1e7a10.json",
                            "sha256-" + sha256("../odd id") + ".json");
        }
        assertThat(Files.readString(directory.resolve("orders/5d0e2a52-3f0c-4d8a-9a57-2d4c5b1e7a10.json")))
                .contains("\"progress\" : \"CHARGING\"", "\"amount\" : 10.50");
    }

    @Test
    void orderFilesAreOnlyForTheirOwnerAndLeaveNoTemporaryFiles(@TempDir Path parent) throws IOException {
        assumeThat(parent.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path directory = parent.resolve("device");
        DeviceStore store = DeviceStore.inDirectory(directory);
        store.saveOrder(Orders.stored("o-1", 1, DeviceOrder.Progress.RECEIVED));
        store.saveOrder(Orders.stored("o-1", 1, DeviceOrder.Progress.TAKEN));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("orders"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("orders/o-1.json"))))
                .isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(directory.resolve("orders"))) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("o-1.json");
        }
    }

    @Test
    void refusesAnOrderFileThatIsNotAnOrder(@TempDir Path directory) throws IOException {
        Files.createDirectories(directory.resolve("orders"));
        Files.writeString(directory.resolve("orders/o-1.json"), "{\"orderId\":\"o-1\"}");

        assertThatThrownBy(() -> DeviceStore.inDirectory(directory).orders())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("o-1.json does not hold a valid order");
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void neverShowsTheTokenInText() {
        assertThat(FIRST.toString()).doesNotContain("kdt_first").contains("deviceToken=***");
    }
}
