package io.kasa.server.device;

import io.kasa.client.KasaClient;
import io.kasa.client.Terminal;
import io.kasa.client.TerminalConnectivity;
import io.kasa.client.TerminalRef;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The live connection as the merchant sees it: connectivity turning true and false. */
class DeviceConnectivityIT extends KasaServerIT {

    private final List<TerminalAgent> fleet = new ArrayList<>();

    private static boolean online(KasaClient client, UUID terminalId) {
        return client.terminals().connectivity(TerminalRef.id(terminalId)).isSocketConnected();
    }

    @Test
    void aConnectedAgentIsOnlineWithinASecondAndShowsInTheTerminalList() {
        var merchant = newMerchant("connectivity");
        UUID terminalId = Devices.register(merchant.client(), "Till 1");
        assertThat(online(merchant.client(), terminalId)).isFalse();

        track(Devices.connected(baseUri, merchant.client(), terminalId));

        assertThat(eventually(Duration.ofSeconds(1), () -> online(merchant.client(), terminalId))).isTrue();
        TerminalConnectivity connectivity = merchant.client().terminals().connectivity(TerminalRef.id(terminalId));
        assertThat(connectivity.lastSeenDate()).isNotNull();
        Terminal listed = merchant.client().terminals().list(0, 10).items().getFirst();
        assertThat(listed.isPaired()).isTrue();
        assertThat(listed.isSocketConnected()).isTrue();
        assertThat(listed.lastSeenDate()).isNotNull();
    }

    @Test
    void anAgentThatStopsIsOfflineAtOnceAndKeepsItsLastSeenDate() {
        var merchant = newMerchant("stop");
        UUID terminalId = Devices.register(merchant.client(), "Till 1");
        TerminalAgent agent = track(Devices.connected(baseUri, merchant.client(), terminalId));

        agent.stop();

        assertThat(eventually(Duration.ofSeconds(5), () -> !online(merchant.client(), terminalId))).isTrue();
        assertThat(merchant.client().terminals().connectivity(TerminalRef.id(terminalId)).lastSeenDate()).isNotNull();
    }

    @Test
    void aDroppedConnectionIsNoticedAndTheAgentComesBack() {
        var merchant = newMerchant("drop");
        UUID terminalId = Devices.register(merchant.client(), "Till 1");
        TerminalAgent agent = track(Devices.connected(baseUri, merchant.client(), terminalId));

        agent.dropConnection();

        assertThat(agent.awaitState(TerminalAgent.State.CONNECTED, Duration.ofSeconds(10))).isTrue();
        assertThat(eventually(Duration.ofSeconds(2), () -> online(merchant.client(), terminalId))).isTrue();
    }

    @Test
    void aDeviceThatVanishesWithoutClosingIsOfflineWithin30Seconds() {
        var merchant = newMerchant("vanish");
        UUID terminalId = Devices.register(merchant.client(), "Till 1");
        TerminalAgent agent = track(Devices.connected(baseUri, merchant.client(), terminalId));
        assertThat(online(merchant.client(), terminalId)).isTrue();

        long vanishedAt = System.nanoTime();
        agent.vanish();

        assertThat(eventually(Duration.ofSeconds(30), () -> !online(merchant.client(), terminalId)))
                .as("offline within 30 s of vanishing").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - vanishedAt)).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void unpairClosesTheLiveConnectionAtOnceAndTheTokenStopsWorking() {
        var merchant = newMerchant("unpair");
        UUID terminalId = Devices.register(merchant.client(), "Till 1");
        TerminalAgent agent = track(Devices.connected(baseUri, merchant.client(), terminalId));

        merchant.client().pairing().unpair(TerminalRef.id(terminalId));

        assertThat(agent.awaitState(TerminalAgent.State.UNPAIRED, Duration.ofSeconds(5))).isTrue();
        assertThat(agent.lastClose()).hasValueSatisfying(close -> assertThat(close.code()).isEqualTo(4403));
        assertThat(online(merchant.client(), terminalId)).isFalse();
        assertThat(merchant.client().terminals().list(0, 10).items().getFirst().isPaired()).isFalse();
    }

    @Test
    void pairingAgainReplacesTheOldDevice() {
        var merchant = newMerchant("re-pair");
        UUID terminalId = Devices.register(merchant.client(), "Till 1");
        TerminalAgent first = track(Devices.connected(baseUri, merchant.client(), terminalId));

        TerminalAgent second = track(Devices.connected(baseUri, merchant.client(), terminalId));

        assertThat(first.awaitState(TerminalAgent.State.UNPAIRED, Duration.ofSeconds(5))).isTrue();
        assertThat(first.lastClose()).hasValueSatisfying(close -> assertThat(close.code()).isEqualTo(4403));
        assertThat(second.isConnected()).isTrue();
        assertThat(online(merchant.client(), terminalId)).isTrue();
    }

    @Test
    void aSecondConnectionWithTheSameTokenReplacesTheFirst() {
        var merchant = newMerchant("replace");
        UUID terminalId = Devices.register(merchant.client(), "Till 1");
        TerminalAgent first = track(Devices.connected(baseUri, merchant.client(), terminalId));
        TerminalAgent twin = track(TerminalAgent.builder()
                .server(baseUri)
                .store(first.store())
                .serialNo(first.serialNo())
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build());

        twin.start();

        assertThat(twin.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(first.awaitState(TerminalAgent.State.REPLACED, Duration.ofSeconds(5))).isTrue();
        assertThat(first.lastClose()).hasValueSatisfying(close -> assertThat(close.code()).isEqualTo(4409));
        assertThat(online(merchant.client(), terminalId)).isTrue();
    }

    @Test
    void manyAgentsInOneJvmAllConnect() {
        var merchant = newMerchant("fleet");
        int count = 100;
        List<UUID> terminals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID terminalId = Devices.register(merchant.client(), "Till " + i);
            terminals.add(terminalId);
            TerminalAgent agent = track(Devices.paired(baseUri, merchant.client(), terminalId));
            fleet.add(agent);
            agent.start();
        }

        assertThat(eventually(Duration.ofSeconds(30), () -> fleet.stream().allMatch(TerminalAgent::isConnected))).isTrue();
        long online = merchant.client().terminals().list(0, 100).items().stream().filter(Terminal::isSocketConnected).count();
        assertThat(online).isEqualTo(count);
        assertThat(terminals).allMatch(id -> online(merchant.client(), id));
    }
}
