package io.kasa.server.device;

import io.kasa.client.PairRequest;
import io.kasa.client.PaymentActivity;
import io.kasa.client.SaleResult;
import io.kasa.client.TerminalRef;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The terminal agent's command line as a separate process, killed with SIGKILL while it
 * charges a card and started again on the same store directory: the order still ends in
 * exactly one outcome, reported by the restarted process.
 */
class TerminalProcessIT extends KasaServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path JAR = Path.of("..", "kasa-terminal", "target", "kasa-terminal-0.1.0.jar")
            .toAbsolutePath().normalize();

    private final List<TerminalProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(TerminalProcess::kill);
    }

    @Test
    void aTerminalKilledWhileChargingFinishesTheOrderFromItsStoreWhenStartedAgain() throws Exception {
        assertThat(JAR).as("built by the reactor before this module's tests").exists();
        var merchant = newMerchant("killed");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        Path store = Files.createTempDirectory("kasa-terminal-process-");
        PairRequest code = merchant.client().pairing().request(TerminalRef.id(terminalId));
        TerminalProcess pairing = start("pair", "--server", baseUri.toString(), "--code", code.pairCode(),
                "--store", store.resolve(".").toString());
        assertThat(pairing.exitCode(Duration.ofSeconds(30))).as(pairing.output()).isZero();
        assertThat(pairing.output()).as("the store's path as a person reads it")
                .contains("Stored in:      " + store.resolve("device.json")).doesNotContain("/./");

        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            // Charging takes ten minutes: long enough to be killed in the middle of it.
            TerminalProcess first = start("run", "--store", store.toString(), "--think-ms", "600000");
            assertThat(first.awaitLine("CONNECTED", Duration.ofSeconds(30))).as(first.output()).isTrue();
            SaleResult sale = merchant.client().payments().asyncSaleJson(
                    Seeds.asyncSale(terminalId, UUID.randomUUID().toString(), receiver.uri("/killed")));
            assertThat(first.awaitLine("CHARGING", Duration.ofSeconds(30))).as(first.output()).isTrue();
            assertThat(first.output()).as("the order is named by the PaymentRequestId the API answered")
                    .contains("ORDER " + sale.paymentRequestId(), "CHARGING " + sale.paymentRequestId());
            assertThat(merchant.client().payments().inquiry(sale.paymentRequestId()).paymentStatusId()).isEqualTo(11);

            first.kill();

            TerminalProcess second = start("run", "--store", store.toString(), "--think-ms", "100");
            assertThat(second.awaitLine("SETTLED", Duration.ofSeconds(30))).as(second.output()).isTrue();
            assertThat(second.output()).contains("APPROVED");
            assertThat(merchant.client().payments().inquiry(sale.paymentRequestId()).paymentStatusId()).isEqualTo(4);
            assertThat(merchant.client().payments().activities(sale.paymentRequestId(), 0, 20).items().stream()
                    .map(PaymentActivity::paymentStatusId)).containsExactly(1, 10, 2, 11, 4);
            assertThat(eventually(Duration.ofSeconds(10), () -> receiver.forPayment(sale.paymentRequestId()).stream()
                    .anyMatch(callback -> JSON.readTree(callback.body()).get("PaymentStatusId").asInt() == 4)))
                    .as("the outcome's callback").isTrue();
            assertThat(eventually(Duration.ofSeconds(10), () -> storedOrders(store) == 0)).as("the settled order left the store").isTrue();
        }
    }

    @Test
    void theJarSaysItsVersion() throws Exception {
        TerminalProcess version = start("--version");

        assertThat(version.exitCode(Duration.ofSeconds(30))).as(version.output()).isZero();
        assertThat(version.output().strip()).isEqualTo("kasa-terminal 0.1.0");
    }

    private static long storedOrders(Path store) {
        try (var files = Files.list(store.resolve("orders"))) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TerminalProcess start(String... arguments) throws IOException {
        TerminalProcess process = TerminalProcess.start(arguments);
        started.add(process);
        return process;
    }

    /** One run of {@code java -jar kasa-terminal.jar ...}, its output collected line by line. */
    private static final class TerminalProcess {

        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private TerminalProcess(Process process) {
            this.process = process;
            Thread.ofVirtual().start(() -> {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    reader.lines().forEach(lines::add);
                } catch (IOException ended) {
                    // the process is gone; what it printed is kept
                }
            });
        }

        static TerminalProcess start(String... arguments) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-jar", JAR.toString()));
            command.addAll(List.of(arguments));
            return new TerminalProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        boolean awaitLine(String word, Duration timeout) {
            return eventually(timeout, () -> lines.stream().anyMatch(line -> line.contains(word)));
        }

        int exitCode(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + timeout + ": " + output());
            }
            return process.exitValue();
        }

        String output() {
            return String.join("\n", lines);
        }

        /** SIGKILL: no shutdown hook runs, nothing is closed or flushed. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
