package io.kasa.terminal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the agent comes back after the server ends its connection, against {@link LiveServer}
 * over a real WebSocket.
 */
class ReconnectTests {

    private LiveServer server;
    private TerminalAgent agent;

    @BeforeEach
    void startServer() throws IOException {
        server = LiveServer.start();
    }

    @AfterEach
    void stopEverything() throws IOException {
        if (agent != null) {
            agent.stop();
        }
        server.close();
    }

    /**
     * 1001 means the node is stopping, not that the service is in trouble: the agent reconnects
     * at once (within the first backoff's jitter, 2 s here) however often it happens, where
     * after other drops the waits double towards the cap (60 s here) and the eighth would
     * come only after up to a minute.
     */
    @Test
    void afterGoingAwayItReconnectsAtOnceEveryTime() throws InterruptedException {
        DeviceStore store = DeviceStore.inMemory();
        store.save(new Pairing(server.uri(), "terminal-1", "pair-1", "kdt_test", null));
        agent = TerminalAgent.builder().store(store).backoff(Duration.ofSeconds(2), Duration.ofSeconds(60)).build();
        agent.start();
        for (int round = 0; round < 8; round++) {
            LiveServer.Peer peer = server.awaitWelcomed();
            peer.closeWith(1001);
            assertThat(peer.awaitEnd()).isTrue();
        }
        assertThat(server.awaitWelcomed()).as("connected again after the eighth 1001").isNotNull();
        assertThat(agent.lastClose()).hasValueSatisfying(close -> assertThat(close.code()).isEqualTo(1001));
    }
}
