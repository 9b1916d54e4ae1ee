package io.kasa.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kasa.terminal.DeviceOrder.Progress;
import io.kasa.terminal.TerminalAgent.State;

/**
 * Orders through a real agent and a real WebSocket, against {@link LiveServer} playing the
 * server's side of device protocol 3 message by message; crash and reconnect included.
 */
class OrderLifecycleTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private LiveServer server;
    private DeviceStore store;
    private final List<TerminalAgent> agents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = LiveServer.start();
        store = DeviceStore.inMemory();
        store.save(new Pairing(server.uri(), "terminal-1", "pair-1", "kdt_test", null));
    }

    @AfterEach
    void stopEverything() throws IOException {
        agents.forEach(TerminalAgent::stop);
        server.close();
    }

    @Test
    void anApprovedSaleFromOrderToSettled() throws InterruptedException {
        List<DeviceOrder> arrivals = new CopyOnWriteArrayList<>();
        TerminalAgent agent = agent(Behaviour.approve()).onOrder(arrivals::add);
        agent.start();
        LiveServer.Peer peer = server.awaitWelcomed();

        peer.send(Orders.message("o-1", "Kasa 1"));

        assertThat(peer.receiveLine()).isEqualTo("received o-1");
        assertThat(peer.receiveLine()).isEqualTo("taken o-1");
        assertThat(agent.awaitOrder(WAIT)).hasValueSatisfying(order -> {
            assertThat(order.orderId()).isEqualTo("o-1");
            assertThat(order.amount()).hasToString("22.00");
        });
        assertThat(agent.pendingOrders()).extracting(DeviceOrder::progress).containsExactly(Progress.TAKEN);

        peer.send(Orders.ack("o-1", "taken"));
        assertThat(peer.receiveLine()).isEqualTo("outcome o-1 approved");
        peer.send(Orders.ack("o-1", "outcome"));

        assertThat(agent.awaitNoPendingOrders(WAIT)).isTrue();
        assertThat(agent.order("o-1")).map(DeviceOrder::progress).contains(Progress.SETTLED);
        assertThat(agent.receivedOrderIds()).containsExactly("o-1");
        assertThat(arrivals).extracting(DeviceOrder::orderId).containsExactly("o-1");
        assertThat(store.orders()).isEmpty();
    }

    @Test
    void manualOrdersWaitForTheCashierAndWithdrawnOnesAreDropped() throws InterruptedException {
        TerminalAgent agent = agent(Behaviour.manual());
        agent.start();
        LiveServer.Peer peer = server.awaitWelcomed();
        peer.send(Orders.message("o-1", "Kasa 2"));
        peer.send(Orders.message("o-2", "Kasa 1"));
        assertThat(peer.receiveLine()).isEqualTo("received o-1");
        assertThat(peer.receiveLine()).isEqualTo("received o-2");

        assertThat(agent.pendingOrders()).extracting(DeviceOrder::orderId).containsExactly("o-2", "o-1");
        agent.decline("o-2");
        assertThat(peer.receiveLine()).isEqualTo("taken o-2");
        peer.send(Orders.ack("o-2", "taken"));
        assertThat(peer.receiveLine()).isEqualTo("outcome o-2 declined");

        peer.send(Orders.withdraw("o-1", "rollback"));
        peer.send(Orders.ack("o-2", "outcome"));

        assertThat(agent.awaitNoPendingOrders(WAIT)).isTrue();
        assertThat(agent.withdrawals()).containsExactly(new Withdrawal("o-1", "rollback"));
        assertThat(agent.order("o-1")).map(DeviceOrder::progress).contains(Progress.WITHDRAWN);
    }

    @Test
    void disconnectAfterTakingReportsTheApprovalOnTheNextConnection() throws InterruptedException {
        TerminalAgent agent = agent(Behaviour.neverAnswer()).behaveNext(Behaviour.disconnectAfterTaking());
        agent.start();
        LiveServer.Peer first = server.awaitWelcomed();
        first.send(Orders.message("o-1", "Kasa 1"));
        assertThat(first.receiveLine()).isEqualTo("received o-1");
        assertThat(first.receiveLine()).isEqualTo("taken o-1");

        first.send(Orders.ack("o-1", "taken"));

        assertThat(first.awaitEnd()).isTrue();
        LiveServer.Peer second = server.awaitWelcomed();
        assertThat(second.receiveLine()).isEqualTo("outcome o-1 approved");
        second.send(Orders.taken("o-1"));
        assertThat(second.receiveLine()).isEqualTo("received o-1");
        second.send(Orders.ack("o-1", "outcome"));
        assertThat(agent.awaitNoPendingOrders(WAIT)).isTrue();
        assertThat(agent.timesReceived("o-1")).isEqualTo(2);
        assertThat(agent.receivedOrderIds()).containsExactly("o-1");
    }

    @Test
    void aDeviceThatCrashesWhileChargingReportsTheOutcomeWhenItComesBack() throws InterruptedException {
        TerminalAgent crashing = agent(Behaviour.crashAfterTaking());
        crashing.start();
        LiveServer.Peer first = server.awaitWelcomed();
        first.send(Orders.message("o-1", "Kasa 1"));
        assertThat(first.receiveLine()).isEqualTo("received o-1");
        assertThat(first.receiveLine()).isEqualTo("taken o-1");

        first.send(Orders.ack("o-1", "taken"));

        assertThat(crashing.awaitState(State.STOPPED, WAIT)).isTrue();
        assertThat(crashing.lastClose()).map(TerminalAgent.Close::reason).contains(TerminalAgent.Close.CRASHED);
        assertThat(first.awaitEnd()).isTrue();
        assertThat(store.orders()).extracting(DeviceOrder::progress).containsExactly(Progress.CHARGING);

        TerminalAgent restarted = agent(Behaviour.approve());
        assertThat(restarted.pendingOrders()).extracting(DeviceOrder::progress).containsExactly(Progress.CHARGING);
        restarted.start();
        LiveServer.Peer second = server.awaitWelcomed();

        assertThat(second.receiveLine()).isEqualTo("outcome o-1 approved");
        second.send(Orders.ack("o-1", "outcome"));
        assertThat(restarted.awaitNoPendingOrders(WAIT)).isTrue();
        assertThat(store.orders()).isEmpty();
        assertThat(crashing.state()).isEqualTo(State.STOPPED);
    }

    @Test
    void aTakeWhoseAckNeverCameIsRepeatedAfterReconnecting() throws InterruptedException {
        TerminalAgent agent = agent(Behaviour.approve());
        agent.start();
        LiveServer.Peer first = server.awaitWelcomed();
        first.send(Orders.message("o-1", "Kasa 1"));
        assertThat(first.receiveLine()).isEqualTo("received o-1");
        assertThat(first.receiveLine()).isEqualTo("taken o-1");

        agent.dropConnection();

        LiveServer.Peer second = server.awaitWelcomed();
        assertThat(second.receiveLine()).isEqualTo("taken o-1");
        second.send(Orders.ack("o-1", "taken"));
        assertThat(second.receiveLine()).isEqualTo("outcome o-1 approved");
    }

    private TerminalAgent agent(Behaviour behaviour) {
        TerminalAgent agent = TerminalAgent.builder()
                .store(store)
                .behaviour(behaviour)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .build();
        agents.add(agent);
        return agent;
    }
}
