package io.kasa.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kasa.terminal.Behaviour;
import io.kasa.terminal.DeviceOrder;
import io.kasa.terminal.DeviceOrder.Progress;
import io.kasa.terminal.DeviceStore;
import io.kasa.terminal.Outcome;
import io.kasa.terminal.Pairing;
import io.kasa.terminal.TerminalAgent;

/** The interactive terminal over an agent that holds orders but cannot reach its server. */
class TillTests {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final DeviceStore store = DeviceStore.inMemory();
    private TerminalAgent agent;

    @BeforeEach
    void startAgentWithTwoPendingOrders() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        store.save(new Pairing(URI.create("http://127.0.0.1:" + port), "terminal-1", "pair-1", "kdt_test", null));
        store.saveOrder(order("o-1", "Berber", 1));
        store.saveOrder(order("o-2", "Aksesuar", 2));
        agent = TerminalAgent.builder().store(store).behaviour(Behaviour.manual())
                .backoff(Duration.ofSeconds(10), Duration.ofSeconds(10)).build();
        agent.start();
    }

    @AfterEach
    void stopAgent() {
        agent.stop();
    }

    @Test
    void listsOnOpeningAndActsOnTheNumbersOfTheListShown() {
        run("a 2\nd 1\n");

        assertThat(printed()).startsWith("""
                Pending orders:
                  1  Aksesuar  10.00 TRY  Kahve x1
                  2  Berber    10.00 TRY  Kahve x1
                Type a <n> to approve or d <n> to decline the n-th order, l to list, q to quit.
                Approving Berber 10.00 TRY.
                Pending orders:
                  1  Aksesuar  10.00 TRY  Kahve x1
                  2  Berber    10.00 TRY  Kahve x1  (taking)
                Type a <n> to approve or d <n> to decline the n-th order, l to list, q to quit.
                Declining Aksesuar 10.00 TRY.
                Pending orders:
                  1  Aksesuar  10.00 TRY  Kahve x1  (taking)
                  2  Berber    10.00 TRY  Kahve x1  (taking)
                """);
        assertThat(store.orders()).extracting(DeviceOrder::progress).containsExactly(Progress.TAKEN, Progress.TAKEN);
    }

    @Test
    void explainsWhatItCannotDo() {
        run("a 3\nx\na 1\nl\na 1\n");

        assertThat(printed()).contains(
                "There is no order 3 in the last list; type l to list again.",
                "Sorry: unknown command 'x'. Type a <n>",
                "Approving Aksesuar 10.00 TRY.",
                "  1  Aksesuar  10.00 TRY  Kahve x1  (taking)",
                "Order 1 (Aksesuar 10.00 TRY): order o-2 is already being approved.",
                "Input closed: orders stay pending until the agent stops (Ctrl-C).");
        assertThat(printed()).containsOnlyOnce("Approving Aksesuar 10.00 TRY.");
    }

    @Test
    void showsTheListAgainWhenAnOrderLeavesItAndNotForOtherSteps() {
        Till till = till("");
        till.run();
        int listings = count(printed(), "Pending orders:");

        till.progressed(order("o-9", "Berber", 9).at(Progress.TAKEN));
        assertThat(count(printed(), "Pending orders:")).isEqualTo(listings);

        till.progressed(order("o-9", "Berber", 9).reporting(Outcome.declined(null)).at(Progress.SETTLED));
        assertThat(count(printed(), "Pending orders:")).isEqualTo(listings + 1);

        till.progressed(order("o-9", "Berber", 9).at(Progress.WITHDRAWN));
        assertThat(count(printed(), "Pending orders:")).isEqualTo(listings + 2);
    }

    @Test
    void quitStopsTheAgent() {
        run("q\na 1\n");

        assertThat(printed()).endsWith("Stopping.\n");
        assertThat(agent.state()).isEqualTo(TerminalAgent.State.STOPPED);
    }

    private void run(String input) {
        till(input).run();
    }

    private Till till(String input) {
        return new Till(agent, new BufferedReader(new StringReader(input)),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static DeviceOrder order(String orderId, String displayCode, long arrival) {
        return new DeviceOrder(orderId, "pr-" + orderId, DeviceOrder.Kind.SALE, new BigDecimal("10.00"), 1, "TRY",
                displayCode, List.of(new DeviceOrder.Product("Kahve", new BigDecimal("10.00"), 1, 10, 1, null)),
                List.of(), null, null, null, null, null, arrival, Progress.RECEIVED, null);
    }
}
