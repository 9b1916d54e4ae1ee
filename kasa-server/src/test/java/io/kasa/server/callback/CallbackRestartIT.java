package io.kasa.server.callback;

import io.kasa.client.CallbackDelivery;
import io.kasa.client.CallbackState;
import io.kasa.client.IssuedKey;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.PaymentActivity;
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

/**
 * Callbacks still owed when the server stops are delivered, in order, after it starts again,
 * whether they were being retried or leased to the stopped node and never tried.
 */
class CallbackRestartIT {

    private static final Duration LEASE = Duration.ofSeconds(3);

    @Test
    void pendingCallbacksSurviveARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-callback-restart-");
        int receiverPort;
        try (ServerSocket reserved = new ServerSocket(0)) {
            receiverPort = reserved.getLocalPort();
        }
        URI target = URI.create("http://127.0.0.1:" + receiverPort + "/after-restart");
        List<UUID> sales = new ArrayList<>();
        IssuedKey privateKey;

        try (ConfigurableApplicationContext server = start(dataDir)) {
            URI base = baseOf(server);
            privateKey = merchant(base, "restart");
            KasaClient client = client(base, privateKey);
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
            KasaClient client = client(baseOf(again), privateKey);
            for (UUID sale : sales) {
                // Read back from their rows, whose payload leaves out what the row's columns hold (V24).
                for (PaymentActivity activity : client.payments().activities(sale, 0, 100).items().stream().skip(1).toList()) {
                    assertThat(receiver.forPayment(sale)).filteredOn(callback -> callback.eventId().equals(activity.id().toString()))
                            .isNotEmpty().allSatisfy(callback -> assertThat(callback.body())
                                    .contains("\"PaymentRequestId\":\"" + sale + "\"")
                                    .contains("\"PaymentRequestActivityId\":\"" + activity.id() + "\"")
                                    .contains("\"PaymentTypeId\":" + activity.paymentTypeId() + ",")
                                    .contains("\"PaymentStatusId\":" + activity.paymentStatusId() + ","));
                }
            }
            assertThat(eventually(Duration.ofSeconds(30), () -> client.callbacks().list(sales.getFirst()).stream()
                    .allMatch(delivery -> delivery.state() == io.kasa.client.CallbackState.DELIVERED)))
                    .as("the server records a delivery after the receiver answers").isTrue();
            var log = client.callbacks().list(sales.getFirst());
            assertThat(log).allSatisfy(delivery -> assertThat(delivery.state()).isEqualTo(io.kasa.client.CallbackState.DELIVERED));
            assertThat(log.getFirst().attempts().getLast().statusCode()).isEqualTo(200);
        }
    }

    /**
     * A new callback is leased to the node that wrote it, which tries it from memory. Here that
     * node's only slot is held by a try to a target that never answers, so the other payment's
     * first callback waits in its memory, leased, when the node stops: the node that starts
     * next must deliver it, with the ones behind it, once the lease has passed.
     */
    @Test
    void aCallbackLeasedToANodeThatStopsBeforeTryingItIsDeliveredAfterTheLease() throws Exception {
        Path dataDir = Files.createTempDirectory("kasa-callback-lease-");
        try (CallbackReceiver receiver = CallbackReceiver.start();
             ServerSocket silent = new ServerSocket(0)) {
            URI neverAnswers = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/silent");
            UUID leased;
            IssuedKey privateKey;
            try (ConfigurableApplicationContext server = start(dataDir, "--kasa.callback.concurrency=1",
                    "--kasa.callback.timeout=15s")) {
                URI base = baseOf(server);
                privateKey = merchant(base, "lease");
                KasaClient client = client(base, privateKey);
                UUID terminalId = Devices.register(client, "Till");
                try (TerminalAgent agent = Devices.connected(base, client, terminalId)) {
                    agent.behave(Behaviour.approve());
                    client.payments().syncSaleJson(Seeds.syncSale(terminalId, UUID.randomUUID().toString(), neverAnswers));
                    leased = client.payments().syncSaleJson(
                            Seeds.syncSale(terminalId, UUID.randomUUID().toString(), receiver.uri("/leased"))).paymentRequestId();
                }
                CallbackDelivery head = client.callbacks().list(leased).getFirst();
                assertThat(head.state()).isEqualTo(CallbackState.PENDING);
                assertThat(head.attemptCount()).as("not tried while the only slot is taken").isZero();
                assertThat(head.nextAttemptDate()).as("leased to the node that wrote it, not due").isAfter(head.createdDate());
                assertThat(receiver.forPayment(leased)).isEmpty();
            }

            try (ConfigurableApplicationContext again = start(dataDir)) {
                assertThat(eventually(Duration.ofSeconds(60), () -> receiver.forPayment(leased).size() == 4)).isTrue();
                assertThat(receiver.forPayment(leased)).extracting(CallbackReceiver.Received::sequence).containsExactly(2, 3, 4, 5);
                KasaClient client = client(baseOf(again), privateKey);
                assertThat(eventually(Duration.ofSeconds(30), () -> client.callbacks().list(leased).stream()
                        .allMatch(delivery -> delivery.state() == CallbackState.DELIVERED))).isTrue();
                CallbackDelivery head = client.callbacks().list(leased).getFirst();
                assertThat(head.attempts()).singleElement().satisfies(attempt -> {
                    assertThat(attempt.statusCode()).isEqualTo(200);
                    assertThat(attempt.date()).as("tried once the lease had passed").isAfterOrEqualTo(head.createdDate().plus(LEASE));
                });
            }
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0", "--server.address=127.0.0.1", "--kasa.data-dir=" + dataDir,
                "--kasa.admin-token=restart-admin-token", "--kasa.demo.enabled=false",
                "--kasa.callback.initial-delay=100ms", "--kasa.callback.max-delay=300ms", "--kasa.callback.poll=100ms",
                "--kasa.callback.lease=" + LEASE.toSeconds() + "s"));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(KasaServer.class).run(arguments.toArray(String[]::new));
    }

    private static URI baseOf(ConfigurableApplicationContext server) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort());
    }

    /** A new merchant's private key: kept across the restart, when the server's address changes. */
    private static IssuedKey merchant(URI base, String name) {
        return KasaAdminClient.create(base, "restart-admin-token").createMerchant(name).privateKey();
    }

    private static KasaClient client(URI base, IssuedKey privateKey) {
        return KasaClient.builder().baseUri(base).privateKeys(privateKey).build();
    }
}
