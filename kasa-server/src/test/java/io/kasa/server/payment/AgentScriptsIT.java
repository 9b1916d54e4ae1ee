package io.kasa.server.payment;

import io.kasa.client.PaymentActivity;
import io.kasa.client.PairRequest;
import io.kasa.client.SaleResult;
import io.kasa.client.TerminalRef;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.DeviceStore;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The terminal agent's failure scripts against the real server: nothing is lost either way. */
class AgentScriptsIT extends KasaServerIT {

    @Test
    void aDeviceThatCrashesMidPaymentReportsTheOutcomeFromItsStoreOnRestart() throws Exception {
        var merchant = newMerchant("crash");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        Path store = Files.createTempDirectory("kasa-agent-store-");
        PairRequest code = merchant.client().pairing().request(TerminalRef.id(terminalId));
        TerminalAgent first = track(agentOn(store));
        first.pair(code.pairCode());
        first.behave(Behaviour.crashAfterTaking());
        first.start();
        assertThat(first.awaitConnected(Duration.ofSeconds(10))).isTrue();

        SaleResult sale = merchant.client().payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));

        assertThat(eventually(Duration.ofSeconds(10), () -> first.state() == TerminalAgent.State.STOPPED)).isTrue();
        assertThat(merchant.client().payments().inquiry(sale.paymentRequestId()).paymentStatusId()).isEqualTo(11);

        TerminalAgent restarted = track(agentOn(store));
        restarted.behave(Behaviour.approve());
        restarted.start();

        assertThat(eventually(Duration.ofSeconds(10), () ->
                merchant.client().payments().inquiry(sale.paymentRequestId()).paymentStatusId() == 4)).isTrue();
        assertThat(restarted.awaitNoPendingOrders(Duration.ofSeconds(5))).isTrue();
        assertThat(merchant.client().payments().activities(sale.paymentRequestId(), 0, 20).items().stream()
                .map(PaymentActivity::paymentStatusId)).containsExactly(1, 10, 2, 11, 4);
    }

    @Test
    void aDeviceThatLosesItsConnectionAfterTakingReportsAfterReconnecting() {
        Shop shop = shop("disconnect", Behaviour.disconnectAfterTaking());
        SaleResult sale = shop.client().payments().asyncSaleJson(Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString()));

        assertThat(eventually(Duration.ofSeconds(15), () ->
                shop.client().payments().inquiry(sale.paymentRequestId()).paymentStatusId() == 4)).isTrue();
        assertThat(shop.agent().receivedOrderIds()).hasSize(1);
    }

    @Test
    void severalPendingOrdersAreListedByDisplayCode() {
        Shop shop = shop("pending", Behaviour.ignore());
        for (String display : new String[]{"Masa 3", "Masa 1", "Masa 2"}) {
            String body = Seeds.asyncSale(shop.terminalId(), UUID.randomUUID().toString())
                    .replace("\"Kişisel Bakım\"", "\"" + display + "\"");
            shop.client().payments().asyncSaleJson(body);
        }
        assertThat(eventually(Duration.ofSeconds(5), () -> shop.agent().pendingOrders().size() == 3)).isTrue();
        assertThat(shop.agent().pendingOrders().stream().map(order -> order.displayCode()))
                .containsExactly("Masa 1", "Masa 2", "Masa 3");
    }

    private TerminalAgent agentOn(Path store) {
        return TerminalAgent.builder()
                .server(baseUri)
                .store(DeviceStore.inDirectory(store))
                .serialNo("CRASH-1")
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build();
    }
}
