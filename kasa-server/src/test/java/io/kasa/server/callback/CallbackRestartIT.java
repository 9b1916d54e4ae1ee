package io.kasa.server.callback;

import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.SaleResult;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.Devices;
import io.kasa.server.KasaServer;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** Callbacks still owed when the server stops are delivered, in order, after it starts again. */
class CallbackRestartIT {

    @Test
    void pendingCallbacksSurviveARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-callback-restart-");
        int receiverPort;
        try (ServerSocket reserved = new ServerSocket(0)) {
            receiverPort = reserved.getLocalPort();
        }
        URI target = URI.create("http://127.0.0.1:" + receiverPort + "/after-restart");
        List<UUID> sales = new ArrayList<>();
        String privateClient;
        String privateKey;

        try (ConfigurableApplicationContext server = start(dataDir)) {
            URI base = baseOf(server);
            var created = KasaAdminClient.create(base, "restart-admin-token").createMerchant("restart");
            privateClient = created.privateKey().client();
            privateKey = created.privateKey().secret();
            KasaClient client = KasaClient.builder().baseUri(base).privateKeys(created.privateKey()).build();
            UUID terminalId = Devices.register(client, "Till");
            try (TerminalAgent agent = Devices.connected(base, client, terminalId)) {
                agent.behave(Behaviour.approve());
                for (int i = 0; i < 3; i++) {
                    SaleResult sale = client.payments().syncSaleJson(Seeds.syncSale(terminalId, UUID.randomUUID().toString(), target));
                    assertThat(sale.paymentStatus()).isEqualTo(4);
                    sales.add(sale.paymentRequestId());
                }
            }
        }

        try (CallbackReceiver receiver = CallbackReceiver.start(receiverPort);
             ConfigurableApplicationContext again = start(dataDir)) {
            assertThat(eventually(Duration.ofSeconds(60), () -> sales.stream().allMatch(id -> receiver.forPayment(id).size() == 4)))
                    .isTrue();
            for (UUID sale : sales) {
                assertThat(receiver.forPayment(sale)).extracting(CallbackReceiver.Received::sequence).containsExactly(2, 3, 4, 5);
            }
            KasaClient client = KasaClient.builder().baseUri(baseOf(again)).privateKeys(privateClient, privateKey).build();
            assertThat(eventually(Duration.ofSeconds(30), () -> client.callbacks().list(sales.getFirst()).stream()
                    .allMatch(delivery -> delivery.state() == io.kasa.client.CallbackState.DELIVERED)))
                    .as("the server records a delivery after the receiver answers").isTrue();
            var log = client.callbacks().list(sales.getFirst());
            assertThat(log).allSatisfy(delivery -> assertThat(delivery.state()).isEqualTo(io.kasa.client.CallbackState.DELIVERED));
            assertThat(log.getFirst().attempts().getLast().statusCode()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(KasaServer.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--kasa.data-dir=" + dataDir,
                "--kasa.admin-token=restart-admin-token", "--kasa.demo.enabled=false",
                "--kasa.callback.initial-delay=100ms", "--kasa.callback.max-delay=300ms", "--kasa.callback.poll=100ms",
                "--kasa.callback.lease=3s");
    }

    private static URI baseOf(ConfigurableApplicationContext server) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort());
    }
}
