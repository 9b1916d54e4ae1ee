package io.kasa.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.kasa.terminal.TerminalAgent.State;

/**
 * What the agent does without a Kasa server; the protocol itself is exercised by the server's
 * integration tests, which drive the real server with this agent.
 */
class TerminalAgentTests {

    @Test
    void startsAsNew() {
        TerminalAgent agent = TerminalAgent.builder().build();

        assertThat(agent.state()).isEqualTo(State.NEW);
        assertThat(agent.isConnected()).isFalse();
        assertThat(agent.terminalId()).isEmpty();
        assertThat(agent.lastClose()).isEmpty();
    }

    @Test
    void knowsItsTerminalFromTheStore() {
        DeviceStore store = paired(URI.create("http://localhost:8080"));

        assertThat(TerminalAgent.builder().store(store).build().terminalId()).contains("terminal-1");
    }

    @Test
    void cannotStartWithoutAPairing() {
        TerminalAgent agent = TerminalAgent.builder().build();

        assertThatThrownBy(agent::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("not paired");
        assertThat(agent.state()).isEqualTo(State.NEW);
    }

    @Test
    void cannotPairWithoutASerialNumberOrAServer() {
        assertThatThrownBy(() -> TerminalAgent.builder().server(URI.create("http://localhost:8080")).build().pair("123456"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("serial");
        assertThatThrownBy(() -> TerminalAgent.builder().serialNo("S1").build().pair("123456"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("server");
    }

    @Test
    void pairingAnUnreachableServerIsAnIoFailureAndStoresNothing() throws IOException {
        DeviceStore store = DeviceStore.inMemory();
        TerminalAgent agent = TerminalAgent.builder().server(unreachable()).store(store).serialNo("S1").build();

        assertThatThrownBy(() -> agent.pair("123456")).isInstanceOf(IOException.class);
        assertThat(store.load()).isEmpty();
    }

    @Test
    void keepsTryingAnUnreachableServerUntilStopped() throws IOException {
        List<State> states = new CopyOnWriteArrayList<>();
        TerminalAgent agent = TerminalAgent.builder()
                .store(paired(unreachable()))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .build()
                .onStateChange(states::add);

        agent.start();
        assertThat(agent.awaitState(State.BACKING_OFF, Duration.ofSeconds(5))).isTrue();
        assertThat(agent.lastClose()).hasValueSatisfying(close -> {
            assertThat(close.code()).isEqualTo(TerminalAgent.Close.ABNORMAL);
            assertThat(close.reason()).contains("ConnectException");
        });
        waitFor(() -> states.stream().filter(State.CONNECTING::equals).count() >= 3);

        agent.stop();

        assertThat(agent.state()).isEqualTo(State.STOPPED);
        assertThat(states).startsWith(State.CONNECTING, State.BACKING_OFF, State.CONNECTING).endsWith(State.STOPPED);
        assertThat(states).doesNotContain(State.CONNECTED, State.UNPAIRED, State.REPLACED);
        int seen = states.size();
        sleep(100);
        assertThat(states).hasSize(seen);
    }

    @Test
    void startIsIdempotentWhileRunningAndStopWorksFromAnyState() throws IOException {
        TerminalAgent agent = TerminalAgent.builder()
                .store(paired(unreachable()))
                .backoff(Duration.ofSeconds(10), Duration.ofSeconds(10))
                .build();
        agent.stop();
        assertThat(agent.state()).isEqualTo(State.STOPPED);

        agent.start();
        agent.start();
        assertThat(agent.state()).isIn(State.CONNECTING, State.BACKING_OFF);

        agent.vanish();
        assertThat(agent.state()).isEqualTo(State.STOPPED);
        agent.start();
        agent.dropConnection();
        agent.close();
        assertThat(agent.state()).isEqualTo(State.STOPPED);
    }

    @Test
    void awaitingAStateThatDoesNotComeTimesOut() {
        TerminalAgent agent = TerminalAgent.builder().build();

        assertThat(agent.awaitConnected(Duration.ofMillis(50))).isFalse();
        assertThat(agent.awaitState(State.NEW, Duration.ZERO)).isTrue();
    }

    @Test
    void approvesEveryOrderUnlessToldOtherwise() {
        TerminalAgent agent = TerminalAgent.builder().build();
        assertThat(agent.behaviour()).isEqualTo(Behaviour.approve());

        assertThat(agent.behave(Behaviour.manual()).behaviour()).isEqualTo(Behaviour.manual());
        assertThat(TerminalAgent.builder().behaviour(Behaviour.ignore()).build().behaviour()).isEqualTo(Behaviour.ignore());
    }

    @Test
    void showsTheOrdersItsStoreHoldsBeforeStarting() {
        DeviceStore store = paired(URI.create("http://localhost:8080"));
        store.saveOrder(Orders.stored("o-2", 2, DeviceOrder.Progress.CHARGING));
        store.saveOrder(Orders.stored("o-1", 1, DeviceOrder.Progress.RECEIVED));

        TerminalAgent agent = TerminalAgent.builder().store(store).build();

        assertThat(agent.pendingOrders()).extracting(DeviceOrder::orderId).containsExactly("o-1", "o-2");
        assertThat(agent.order("o-2")).map(DeviceOrder::progress).contains(DeviceOrder.Progress.CHARGING);
        assertThat(agent.receivedOrderIds()).isEmpty();
        assertThat(agent.awaitOrder(Duration.ofMillis(10))).isEmpty();
        assertThat(agent.awaitNoPendingOrders(Duration.ofMillis(10))).isFalse();
        assertThatThrownBy(() -> agent.approve("o-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start it first");
    }

    @Test
    void aStartedDeviceTakesUpStoredOrdersEvenWhileOffline() throws IOException {
        DeviceStore store = paired(unreachable());
        store.saveOrder(Orders.stored("o-1", 1, DeviceOrder.Progress.RECEIVED));
        store.saveOrder(Orders.stored("o-2", 2, DeviceOrder.Progress.RECEIVED));
        store.saveOrder(Orders.stored("o-3", 3, DeviceOrder.Progress.CHARGING));
        TerminalAgent agent = TerminalAgent.builder().store(store).behaviour(Behaviour.manual())
                .backoff(Duration.ofSeconds(10), Duration.ofSeconds(10)).build();

        agent.start();
        agent.approve("o-2");
        agent.decline("o-3");

        assertThat(store.orders()).extracting(DeviceOrder::progress).containsExactly(
                DeviceOrder.Progress.RECEIVED, DeviceOrder.Progress.TAKEN, DeviceOrder.Progress.REPORTED);
        assertThatThrownBy(() -> agent.approve("o-3")).isInstanceOf(IllegalStateException.class)
                .hasMessage("order o-3 already has an outcome: declined");
        assertThatThrownBy(() -> agent.approve("o-9")).isInstanceOf(IllegalArgumentException.class);
        agent.stop();
    }

    @Test
    void aCrashKeepsTheStoreAndStopsTheAgent() throws IOException {
        DeviceStore store = paired(unreachable());
        store.saveOrder(Orders.stored("o-1", 1, DeviceOrder.Progress.TAKEN));
        TerminalAgent agent = TerminalAgent.builder().store(store).behaviour(Behaviour.manual())
                .backoff(Duration.ofSeconds(10), Duration.ofSeconds(10)).build();
        agent.start();

        agent.crash();

        assertThat(agent.state()).isEqualTo(State.STOPPED);
        assertThat(agent.lastClose()).contains(new TerminalAgent.Close(TerminalAgent.Close.ABNORMAL, "crashed"));
        assertThat(store.orders()).extracting(DeviceOrder::progress).containsExactly(DeviceOrder.Progress.TAKEN);
        assertThatThrownBy(() -> agent.approve("o-1")).isInstanceOf(IllegalStateException.class);

        agent.start();
        assertThat(agent.state()).isIn(State.CONNECTING, State.BACKING_OFF);
        agent.approve("o-1");
        agent.stop();
        assertThat(agent.state()).isEqualTo(State.STOPPED);
    }

    @Test
    void describesFailuresOnOneLine() {
        assertThat(TerminalAgent.describe(new java.util.concurrent.CompletionException(
                new java.net.ConnectException("Connection refused")))).isEqualTo("ConnectException: Connection refused");
        assertThat(TerminalAgent.describe(new java.net.ConnectException())).isEqualTo("ConnectException");
    }

    private static DeviceStore paired(URI server) {
        DeviceStore store = DeviceStore.inMemory();
        store.save(new Pairing(server, "terminal-1", "pair-1", "kdt_test", null));
        return store;
    }

    /** A local port nobody listens on. */
    private static URI unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
