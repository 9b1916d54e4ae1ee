package io.kasa.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.kasa.terminal.PairingException;
import io.kasa.terminal.TerminalAgent;

class TerminalCommandTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        assertThat(execute("--help")).isZero();

        assertThat(out()).startsWith("Usage:").contains("pair", "run", "--server", "--code", "--store", "--serial", "--model",
                "--behaviour", "--think-ms", "--interactive");
        assertThat(out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(90));
        assertThat(err()).isEmpty();
    }

    @Test
    void versionPrintsOneLineAndSucceeds() {
        assertThat(execute("--version")).isZero();

        assertThat(out()).isEqualTo("kasa-terminal " + TerminalCommand.version() + System.lineSeparator());
        assertThat(err()).isEmpty();
        assertThat(execute("--version", "--store", "x")).isEqualTo(2);
    }

    @Test
    void aUsageErrorSaysWhatIsWrongThenPrintsTheUsage() {
        assertThat(execute("pair", "--code", "123456")).isEqualTo(2);

        assertThat(err()).startsWith("kasa-terminal: missing --server, --store").contains("Usage:");
        assertThat(out()).isEmpty();
    }

    @Test
    void runningWithoutAPairingFails(@TempDir Path store) {
        assertThat(execute("run", "--store", store.toString())).isEqualTo(1);

        assertThat(err()).contains("Not paired").contains("device.json");
    }

    @Test
    void runningWithAnUnreadablePairingFails(@TempDir Path store) throws IOException {
        Files.writeString(store.resolve("device.json"), "not json");

        assertThat(execute("run", "--store", store.toString())).isEqualTo(1);

        assertThat(err()).contains("Cannot read the pairing").contains("does not hold a valid pairing");
    }

    @Test
    void pairingAnUnreachableServerFailsAndStoresNothing(@TempDir Path store) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThat(execute("pair", "--server", "http://127.0.0.1:" + port, "--code", "123456", "--store", store.toString()))
                .isEqualTo(1);

        assertThat(err()).startsWith("Cannot reach http://127.0.0.1:" + port);
        assertThat(store.resolve("device.json")).doesNotExist();
    }

    @Test
    void explainsRefusalsInWordsAndKeepsTheServersDetails() {
        assertThat(TerminalCommand.explain(new PairingException(429, 1003, "System.RateLimited", "Too many",
                Duration.ofSeconds(57))))
                .isEqualTo("Pairing refused: too many attempts. Wait at least 57 s before trying again."
                        + " (HTTP 429, System.RateLimited, ErrorCode 1003: Too many)");
        assertThat(TerminalCommand.explain(new PairingException(422, 4003, "Pair.Sync.CodeInvalid", null, null)))
                .startsWith("Pairing refused: the pair code is unknown, expired, already used or cancelled.")
                .endsWith("(HTTP 422, Pair.Sync.CodeInvalid, ErrorCode 4003)");
        assertThat(TerminalCommand.explain(new PairingException(409, 4105, "Pair.Async.RequestNotPending", null, null)))
                .startsWith("Pairing refused: the merchant deleted the pair request or issued a newer code.");
        assertThat(TerminalCommand.explain(new PairingException(409, 4104, "Pair.Async.CodeExpired", null, null)))
                .startsWith("Pairing refused: the merchant did not confirm this device in time.");
        assertThat(TerminalCommand.explain(new PairingException(0, 0, null, "no confirmation from the merchant within 1800 s", null)))
                .startsWith("Pairing not completed: no confirmation from the merchant within 1800 s.");
        assertThat(TerminalCommand.explain(new PairingException(502, 0, null, null, null)))
                .isEqualTo("Pairing refused. (HTTP 502)");
    }

    @Test
    void theDefaultSerialIsStablePerHostAndStore() {
        String serial = TerminalCommand.defaultSerial("till-3", Path.of("/var/lib/kasa"));

        assertThat(serial).matches("KT[0-9A-F]{12}");
        assertThat(TerminalCommand.defaultSerial("till-3", Path.of("/var/lib/kasa/../kasa"))).isEqualTo(serial);
        assertThat(TerminalCommand.defaultSerial("till-4", Path.of("/var/lib/kasa"))).isNotEqualTo(serial);
        assertThat(TerminalCommand.defaultSerial("till-3", Path.of("/var/lib/kasa-2"))).isNotEqualTo(serial);
    }

    @Test
    void stateLinesAreOneLineEach() {
        TerminalAgent agent = TerminalAgent.builder().build();

        assertThat(TerminalCommand.stateLine(Instant.parse("2026-11-24T10:15:30.123456Z"), TerminalAgent.State.CONNECTING, agent))
                .isEqualTo("2026-11-24T10:15:30.123Z CONNECTING");
    }

    @Test
    void describesNestedFailuresByTheirMessages() {
        IOException failure = new IOException("cannot write /x/device.json", new IOException("Permission denied"));

        assertThat(TerminalCommand.describe(failure)).isEqualTo("cannot write /x/device.json: Permission denied");
        assertThat(TerminalCommand.describe(new java.net.ConnectException())).isEqualTo("ConnectException");
    }

    private int execute(String... args) {
        return TerminalCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
