package io.kasa.server.payment;

import io.kasa.client.ClientMessages;
import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.Marketplace;
import io.kasa.client.KasaClient;
import io.kasa.client.PairRequest;
import io.kasa.client.SaleResult;
import io.kasa.client.TerminalRef;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.MutableClock;
import io.kasa.server.RawDevice;
import io.kasa.server.Seeds;
import io.kasa.server.marketplace.AutomaticPayouts;
import io.kasa.server.marketplace.MarketplaceIT;
import io.kasa.server.marketplace.MoneyInvariants;
import io.kasa.server.marketplace.SimulatedBank;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.kasa.server.Devices.eventually;
import static io.kasa.server.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules that depend on time — rollback's five-second rule and the outcome deadline —
 * on a server of its own whose clock the test moves forward, so no test sleeps for them.
 */
@Import(MutableClock.InServer.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "kasa.admin-token=" + KasaServerIT.ADMIN_TOKEN,
        "kasa.demo.enabled=false",
        "kasa.callback.allow-loopback=false",
        "kasa.callback.initial-delay=100ms",
        "kasa.callback.max-delay=300ms",
        "kasa.callback.poll=100ms"
})
class ClockedPaymentsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("kasa-clocked-").toString();
        registry.add("kasa.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @Autowired
    AutomaticPayouts automaticPayouts;
    @Autowired
    SimulatedBank bank;
    @Autowired
    JdbcClient jdbc;

    URI baseUri;
    CreatedMerchant created;
    KasaClient merchant;

    @BeforeEach
    void merchant() {
        baseUri = URI.create("http://127.0.0.1:" + port);
        created = KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN).createMerchant("clocked");
        merchant = KasaClient.builder().baseUri(baseUri).privateKeys(created.privateKey()).publicKeys(created.publicKey())
                .locale("en").build();
    }

    /** Member and platform earnings are paid on their payable date, each once, even with two runs at the same time. */
    @Test
    void earningsArePaidOnTheirPayableDateOnceEvenWhenTwoNodesRunAtOnce() throws Exception {
        KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN).setMarketplace(created.merchantId(),
                new Marketplace.Settings(true, false, MarketplaceIT.PLATFORM_IBAN, "Platform", true));
        UUID terminalId = Devices.register(merchant, "Till");
        try (TerminalAgent agent = Devices.connected(baseUri, merchant, terminalId)) {
            agent.behave(Behaviour.approve());
            long member = MarketplaceIT.member(baseUri, created.publicKey(), "10");
            BigDecimal memberBefore = bank.received(MarketplaceIT.MEMBER_IBAN, 1);
            BigDecimal platformBefore = bank.received(MarketplaceIT.PLATFORM_IBAN, 1);
            SaleResult sale = merchant.payments().syncSaleJson(MarketplaceIT.twoProducts(terminalId, member));
            assertThat(sale.paymentStatus()).isEqualTo(4);

            automaticPayouts.run();
            assertThat(bank.received(MarketplaceIT.MEMBER_IBAN, 1)).as("not due yet").isEqualByComparingTo(memberBefore);

            clock.advance(Duration.ofDays(10));
            try (var nodes = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var one = nodes.submit(() -> automaticPayouts.run());
                var two = nodes.submit(() -> automaticPayouts.run());
                one.get();
                two.get();
            }

            assertThat(bank.received(MarketplaceIT.MEMBER_IBAN, 1).subtract(memberBefore)).isEqualByComparingTo("90.00");
            assertThat(bank.received(MarketplaceIT.PLATFORM_IBAN, 1).subtract(platformBefore)).isEqualByComparingTo("60.00");
            assertThat(merchant.marketplace().earningsOfPayment(sale.paymentId())).allSatisfy(product ->
                    assertThat(product.merchantEarningStatusId()).isEqualTo(4));
            assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
        }
    }

    /**
     * Earnings wait for approval however long it takes and are never paid before it; approval
     * counts the member's value date from the approval day, and the bank gets the approval's
     * transfer description. Rejected earnings are never paid.
     */
    @Test
    void onlyApprovedEarningsArePaidOnTheValueDateCountedFromTheApprovalWithItsDescription() {
        KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN).setMarketplace(created.merchantId(),
                new Marketplace.Settings(true, false, MarketplaceIT.PLATFORM_IBAN, "Platform", false));
        UUID terminalId = Devices.register(merchant, "Till");
        try (TerminalAgent agent = Devices.connected(baseUri, merchant, terminalId)) {
            agent.behave(Behaviour.approve());
            long member = MarketplaceIT.member(baseUri, created.publicKey(), "10");
            SaleResult sale = merchant.payments().syncSaleJson(MarketplaceIT.twoProducts(terminalId, member));
            SaleResult rejected = merchant.payments().syncSaleJson(MarketplaceIT.twoProducts(terminalId, member));
            assertThat(sale.paymentStatus()).isEqualTo(4);
            assertThat(merchant.marketplace().rejectPayment(rejected.paymentId()).success()).hasSize(2);
            BigDecimal memberBefore = bank.received(MarketplaceIT.MEMBER_IBAN, 1);
            BigDecimal platformBefore = bank.received(MarketplaceIT.PLATFORM_IBAN, 1);

            clock.advance(Duration.ofDays(10));
            automaticPayouts.run();
            assertThat(bank.received(MarketplaceIT.MEMBER_IBAN, 1)).as("not approved: never due").isEqualByComparingTo(memberBefore);

            java.time.LocalDate approvalDay = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Europe/Istanbul"));
            Marketplace.Approval approval = merchant.marketplace().approvePayment(
                    Marketplace.ApprovalRequest.payment(sale.paymentId()).withPayoutDescription("Aralık hakedişi"));
            assertThat(approval.success()).hasSize(2);
            java.time.LocalDate due = approvalDay.plusDays(7);
            while (due.getDayOfWeek().getValue() > 5) {
                due = due.plusDays(1);
            }
            assertThat(merchant.marketplace().earningsOfPayment(sale.paymentId()).getFirst().subMerchantReflectionDate().toLocalDate())
                    .as("seven days after the approval, not after the sale").isEqualTo(due);
            automaticPayouts.run();
            assertThat(bank.received(MarketplaceIT.MEMBER_IBAN, 1)).as("due only on its new date").isEqualByComparingTo(memberBefore);

            clock.advance(Duration.ofDays(10));
            automaticPayouts.run();

            assertThat(bank.received(MarketplaceIT.MEMBER_IBAN, 1).subtract(memberBefore)).isEqualByComparingTo("90.00");
            assertThat(bank.received(MarketplaceIT.PLATFORM_IBAN, 1).subtract(platformBefore)).isEqualByComparingTo("60.00");
            assertThat(bank.descriptions(MarketplaceIT.MEMBER_IBAN).getLast()).isEqualTo("Aralık hakedişi");
            assertThat(bank.descriptions(MarketplaceIT.PLATFORM_IBAN).getLast()).isEqualTo("Aralık hakedişi");
            assertThat(merchant.marketplace().earningsOfPayment(rejected.paymentId())).allSatisfy(product ->
                    assertThat(product.merchantEarningStatusId()).as("rejected, never paid").isEqualTo(7));
            assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
        }
    }

    /**
     * A node that dies after the bank moved a payout's money, before the earnings were marked
     * paid, leaves the payout in flight: a later run executes it again (the bank moves nothing
     * twice) and the earnings end paid once. The death is a trigger that fails the transaction
     * recording the bank's answer, as a killed node never commits it.
     */
    @Test
    void aPayoutInterruptedAfterTheBankMovedTheMoneyIsFinishedByALaterRunAndPaysOnce() {
        KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN).setMarketplace(created.merchantId(),
                new Marketplace.Settings(true, false, MarketplaceIT.PLATFORM_IBAN, "Platform", true));
        UUID terminalId = Devices.register(merchant, "Till");
        UUID paymentId;
        try (TerminalAgent agent = Devices.connected(baseUri, merchant, terminalId)) {
            agent.behave(Behaviour.approve());
            long member = MarketplaceIT.member(baseUri, created.publicKey(), "10");
            SaleResult sale = merchant.payments().syncSaleJson(MarketplaceIT.twoProducts(terminalId, member));
            assertThat(sale.paymentStatus()).isEqualTo(4);
            paymentId = sale.paymentRequestId();
        }
        automaticPayouts.run();
        BigDecimal memberBefore = bank.received(MarketplaceIT.MEMBER_IBAN, 1);
        BigDecimal platformBefore = bank.received(MarketplaceIT.PLATFORM_IBAN, 1);

        jdbc.sql("""
                create function die_before_paid() returns trigger language plpgsql
                as $$ begin raise exception 'the node died'; end $$""").update();
        jdbc.sql("""
                create trigger die_before_paid before update on earning for each row
                when (new.status = 'PAID' and new.payment_id = '%s') execute function die_before_paid()"""
                .formatted(paymentId)).update();
        try {
            clock.advance(Duration.ofDays(10));
            assertThatThrownBy(automaticPayouts::run).hasMessageContaining("the node died");
        } finally {
            jdbc.sql("drop trigger die_before_paid on earning").update();
            jdbc.sql("drop function die_before_paid()").update();
        }
        assertThat(jdbc.sql("""
                        select distinct p.status from earning e join payout p on p.id = e.payout_id
                        where e.payment_id = :payment and e.status = 'ORDERED'""")
                .param("payment", paymentId).query(String.class).list())
                .as("the interrupted payout is still in flight").containsExactly("IN_FLIGHT");

        clock.advance(Duration.ofMinutes(3));
        automaticPayouts.run();

        assertThat(jdbc.sql("select status from earning where payment_id = :payment").param("payment", paymentId)
                .query(String.class).list()).containsOnly("PAID");
        assertThat(bank.received(MarketplaceIT.MEMBER_IBAN, 1).subtract(memberBefore)).isEqualByComparingTo("90.00");
        assertThat(bank.received(MarketplaceIT.PLATFORM_IBAN, 1).subtract(platformBefore)).isEqualByComparingTo("60.00");
        assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
    }

    @Test
    void anOrderTheDeviceHasNotTakenCanBeWithdrawnOnlyAfterItsFirstFiveSeconds() {
        UUID terminalId = Devices.register(merchant, "Till");
        try (TerminalAgent agent = Devices.connected(baseUri, merchant, terminalId)) {
            agent.behave(Behaviour.ignore());
            SaleResult sale = merchant.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
            assertThat(sale.paymentStatus()).isEqualTo(2);

            var tooEarly = refused(ClientMessages.PAYMENT_ASYNC_NOT_CONVENIENT_STATUS_FOR_THIS_OPERATION,
                    () -> merchant.payments().rollbackSale(sale.paymentRequestId()));
            assertThat(tooEarly.message()).contains("5 seconds");

            clock.advance(Duration.ofSeconds(5));
            SaleResult withdrawn = merchant.payments().rollbackSale(sale.paymentRequestId());

            assertThat(withdrawn.paymentStatus()).isEqualTo(12);
            assertThat(eventually(Duration.ofSeconds(5), () -> agent.withdrawals().size() == 1
                    && agent.pendingOrders().isEmpty())).as("the device dropped the order").isTrue();
            refused(ClientMessages.PAYMENT_ASYNC_NOT_CONVENIENT_STATUS_FOR_THIS_OPERATION,
                    () -> merchant.payments().rollbackSale(sale.paymentRequestId()));
        }
    }

    @Test
    void anOrderTheDeviceHasTakenCannotBeWithdrawn() {
        UUID terminalId = Devices.register(merchant, "Till");
        try (TerminalAgent agent = Devices.connected(baseUri, merchant, terminalId)) {
            agent.behave(Behaviour.neverAnswer());
            SaleResult sale = merchant.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
            assertThat(eventually(Duration.ofSeconds(5), () ->
                    merchant.payments().inquiry(sale.paymentRequestId()).paymentStatusId() == 11)).isTrue();
            clock.advance(Duration.ofSeconds(6));

            refused(ClientMessages.PAYMENT_ASYNC_NOT_CONVENIENT_STATUS_FOR_THIS_OPERATION,
                    () -> merchant.payments().rollbackSale(sale.paymentRequestId()));
            assertThat(merchant.payments().inquiry(sale.paymentRequestId()).paymentStatusId()).isEqualTo(11);
        }
    }

    @Test
    void aSilentDeviceMakesTheOutcomeUnknownAndItsLateReportSettlesItOnce() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");
        String token = pairByHand(terminalId);
        RawDevice device = RawDevice.authenticated(liveUri(), token);
        SaleResult sale = merchant.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
        JsonNode order = device.next("order");
        String orderId = order.get("orderId").asString();
        device.send("{\"type\":\"received\",\"orderId\":\"" + orderId + "\"}");
        device.send("{\"type\":\"taken\",\"orderId\":\"" + orderId + "\"}");
        assertThat(device.next("ack").get("of").asString()).isEqualTo("taken");

        clock.advance(Duration.ofMinutes(6));

        assertThat(eventually(Duration.ofSeconds(10), () ->
                merchant.payments().inquiry(sale.paymentRequestId()).paymentStatusId() == 6)).isTrue();
        device.close();
        RawDevice back = RawDevice.authenticated(liveUri(), token);
        JsonNode resent = back.next("order");
        assertThat(resent.get("orderId").asString()).isEqualTo(orderId);
        assertThat(resent.get("taken").asBoolean()).isTrue();

        back.send("{\"type\":\"outcome\",\"orderId\":\"" + orderId + "\",\"result\":\"approved\","
                + "\"card\":{\"maskedPan\":\"454360******1234\",\"brand\":\"VISA\"}}");
        assertThat(back.next("ack").get("of").asString()).isEqualTo("outcome");
        back.send("{\"type\":\"outcome\",\"orderId\":\"" + orderId + "\",\"result\":\"declined\"}");
        assertThat(back.next("ack").get("of").asString()).as("a repeated report is acknowledged").isEqualTo("outcome");

        assertThat(merchant.payments().inquiry(sale.paymentRequestId()).paymentStatusId()).isEqualTo(4);
        assertThat(merchant.payments().activities(sale.paymentRequestId(), 0, 20).items().stream()
                .map(activity -> activity.paymentStatusId())).containsExactly(1, 10, 2, 11, 6, 4);
    }

    /**
     * The device never confirmed the order, so it expired (3). A device that takes it or
     * reports on it anyway is told to drop it, or has its report acknowledged, and nothing
     * changes.
     */
    @Test
    void aTakeOrAnOutcomeForAnExpiredOrderChangesNothing() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");
        String token = pairByHand(terminalId);
        RawDevice device = RawDevice.authenticated(liveUri(), token);
        SaleResult sale = merchant.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
        String orderId = device.next("order").get("orderId").asString();

        clock.advance(Duration.ofMinutes(6));

        assertThat(eventually(Duration.ofSeconds(10), () ->
                merchant.payments().inquiry(sale.paymentRequestId()).paymentStatusId() == 3)).isTrue();
        // The jump of the clock also ended the connection by its idle timeout; the device comes back.
        device.close();
        RawDevice back = RawDevice.authenticated(liveUri(), token);
        JsonNode dropped = back.next("withdraw");
        assertThat(dropped.get("orderId").asString()).isEqualTo(orderId);
        assertThat(dropped.get("reason").asString()).isEqualTo("expired");

        back.send("{\"type\":\"taken\",\"orderId\":\"" + orderId + "\"}");
        assertThat(back.next(message -> !message.get("type").asString().equals("ping")).get("type").asString())
                .as("a take after the deadline").isEqualTo("withdraw");
        back.send("{\"type\":\"outcome\",\"orderId\":\"" + orderId + "\",\"result\":\"approved\"}");
        assertThat(back.next("ack").get("of").asString()).as("acknowledged, so the device can forget it").isEqualTo("outcome");

        assertThat(merchant.payments().inquiry(sale.paymentRequestId()).paymentStatusId()).isEqualTo(3);
        assertThat(merchant.payments().activities(sale.paymentRequestId(), 0, 20).items().stream()
                .map(activity -> activity.paymentStatusId())).containsExactly(1, 10, 3);
    }

    /** A device that missed the withdraw and reports anyway: acknowledged, and the order stays withdrawn. */
    @Test
    void aTakeOrAnOutcomeForAWithdrawnOrderChangesNothing() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");
        RawDevice device = RawDevice.authenticated(liveUri(), pairByHand(terminalId));
        SaleResult sale = merchant.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
        String orderId = device.next("order").get("orderId").asString();
        device.send("{\"type\":\"received\",\"orderId\":\"" + orderId + "\"}");
        assertThat(eventually(Duration.ofSeconds(5), () ->
                merchant.payments().inquiry(sale.paymentRequestId()).paymentStatusId() == 2)).isTrue();
        clock.advance(Duration.ofSeconds(5));

        assertThat(merchant.payments().rollbackSale(sale.paymentRequestId()).paymentStatus()).isEqualTo(12);
        assertThat(device.next("withdraw").get("reason").asString()).isEqualTo("rollback");

        device.send("{\"type\":\"taken\",\"orderId\":\"" + orderId + "\"}");
        assertThat(device.next(message -> !message.get("type").asString().equals("ping")).get("type").asString())
                .isEqualTo("withdraw");
        device.send("{\"type\":\"outcome\",\"orderId\":\"" + orderId + "\",\"result\":\"approved\"}");
        assertThat(device.next("ack").get("of").asString()).isEqualTo("outcome");

        assertThat(merchant.payments().inquiry(sale.paymentRequestId()).paymentStatusId()).isEqualTo(12);
        assertThat(merchant.payments().activities(sale.paymentRequestId(), 0, 20).items().stream()
                .map(activity -> activity.paymentStatusId())).containsExactly(1, 10, 2, 12);
    }

    /**
     * The merchant's rollback and the device's take of the same order, sent together once the
     * five seconds have passed, many times over: each race ends one way only. Either the
     * rollback wins (200, Withdrawn, and the take is answered with a withdraw) or the take
     * wins (the rollback is refused as not convenient, and the take is acknowledged). Never a
     * server error, never a closed socket: both paths lock the payment before its order, so
     * they queue instead of deadlocking. Every other round the device takes the order without
     * acknowledging its receipt first, so the take moves it straight from socket-sent.
     */
    @Test
    void aRollbackRacingTheDevicesTakeEndsOneWayOnly() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");
        RawDevice device = RawDevice.authenticated(liveUri(), pairByHand(terminalId));
        int withdrawn = 0;
        int taken = 0;
        try (var merchantSide = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < 30; round++) {
                SaleResult sale = merchant.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
                String orderId = device.next("order").get("orderId").asString();
                boolean receipt = round % 2 == 0;
                if (receipt) {
                    device.send("{\"type\":\"received\",\"orderId\":\"" + orderId + "\"}");
                    assertThat(eventually(Duration.ofSeconds(10), () ->
                            merchant.payments().inquiry(sale.paymentRequestId()).paymentStatusId() == 2)).isTrue();
                }
                clock.advance(Duration.ofSeconds(5));

                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                int thisRound = round;
                var rollback = merchantSide.submit(() -> {
                    go.await();
                    try {
                        return merchant.payments().rollbackSale(sale.paymentRequestId()).paymentStatus();
                    } catch (io.kasa.client.KasaException refusal) {
                        assertThat(refusal.clientMessage()).as("round %d: %s", thisRound, refusal.getMessage())
                                .isEqualTo(ClientMessages.PAYMENT_ASYNC_NOT_CONVENIENT_STATUS_FOR_THIS_OPERATION);
                        assertThat(refusal.httpStatus()).isEqualTo(422);
                        return -1;
                    }
                });
                go.countDown();
                device.send("{\"type\":\"taken\",\"orderId\":\"" + orderId + "\"}");
                JsonNode answer = device.next(message -> orderId.equals(message.path("orderId").asString(null))
                        && (message.get("type").asString().equals("ack")
                        || message.path("reason").asString("").equals("withdrawn")));
                int rolledBack = rollback.get(30, java.util.concurrent.TimeUnit.SECONDS);

                assertThat(device.isOpen()).as("round %d: the device's socket", round).isTrue();
                var statuses = merchant.payments().activities(sale.paymentRequestId(), 0, 20).items().stream()
                        .map(activity -> activity.paymentStatusId()).toList();
                if (rolledBack == 12) {
                    withdrawn++;
                    assertThat(answer.get("type").asString()).as("round %d: the take of a withdrawn order", round)
                            .isEqualTo("withdraw");
                    assertThat(statuses).as("round %d", round)
                            .isEqualTo(receipt ? List.of(1, 10, 2, 12) : List.of(1, 10, 12));
                } else {
                    taken++;
                    assertThat(rolledBack).as("round %d: the rollback's answer", round).isEqualTo(-1);
                    assertThat(answer.get("type").asString()).as("round %d: the take", round).isEqualTo("ack");
                    assertThat(statuses).as("round %d", round)
                            .isEqualTo(receipt ? List.of(1, 10, 2, 11) : List.of(1, 10, 11));
                }
            }
        }
        assertThat(withdrawn + taken).isEqualTo(30);
        device.close();
    }

    /** Loopback targets are refused on this server; past the give-up time the callback is dead. */
    @Test
    void aRefusedTargetFailsWithItsReasonAndTheCallbackDiesAfterTheGiveUpTime() throws Exception {
        UUID terminalId = Devices.register(merchant, "Till");
        try (TerminalAgent agent = Devices.connected(baseUri, merchant, terminalId);
             CallbackReceiver receiver = CallbackReceiver.start()) {
            agent.behave(Behaviour.ignore());
            SaleResult sale = merchant.payments().asyncSaleJson(
                    Seeds.asyncSale(terminalId, UUID.randomUUID().toString(), receiver.uri("/internal")));
            assertThat(eventually(Duration.ofSeconds(10), () -> !merchant.callbacks().list(sale.paymentRequestId()).isEmpty()
                    && merchant.callbacks().list(sale.paymentRequestId()).getFirst().attempts().size() >= 2)).isTrue();
            var first = merchant.callbacks().list(sale.paymentRequestId()).getFirst();
            assertThat(first.lastError()).contains("refused").contains("loopback");
            assertThat(receiver.received()).isEmpty();

            clock.advance(Duration.ofDays(3).plusMinutes(1));

            assertThat(eventually(Duration.ofSeconds(10), () -> merchant.callbacks().list(sale.paymentRequestId()).stream()
                    .allMatch(delivery -> delivery.state() == io.kasa.client.CallbackState.DEAD))).isTrue();
            assertThat(receiver.received()).isEmpty();
        }
    }

    private URI liveUri() {
        return URI.create("ws://127.0.0.1:" + port + "/api/device/live");
    }

    private String pairByHand(UUID terminalId) throws Exception {
        return Devices.deviceToken(baseUri, merchant, terminalId, "RAW-CLOCK");
    }
}
