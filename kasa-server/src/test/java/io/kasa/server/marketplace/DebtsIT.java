package io.kasa.server.marketplace;

import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.Marketplace;
import io.kasa.client.SaleResult;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import io.kasa.server.MutableClock;
import io.kasa.server.RawHttp;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Cargo, discounts and debts end to end (docs/marketplace.md): arrangements on real sales
 * through the terminal agent, the debts they raise, their netting off automatic payouts on
 * the business clock, the bank refusing, cancels after payout, and the merchant's changes.
 * The money rules are checked after every test. The server is its own, with a clock the
 * tests move forward; automatic payouts run only when a test runs them.
 */
@Import(MutableClock.InServer.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "kasa.admin-token=" + KasaServerIT.ADMIN_TOKEN,
        "kasa.demo.enabled=false",
        "kasa.marketplace.payout-interval=7d"
})
class DebtsIT {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("kasa-debts-").toString();
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
    KasaAdminClient admin;
    CreatedMerchant created;
    KasaClient merchant;
    UUID terminalId;
    TerminalAgent agent;

    @BeforeEach
    void shop() {
        baseUri = URI.create("http://127.0.0.1:" + port);
        admin = KasaAdminClient.create(baseUri, KasaServerIT.ADMIN_TOKEN);
        created = admin.createMerchant("debts");
        merchant = KasaClient.builder().baseUri(baseUri).privateKeys(created.privateKey()).publicKeys(created.publicKey())
                .locale("en").build();
        terminalId = Devices.register(merchant, "Till");
        agent = Devices.connected(baseUri, merchant, terminalId);
        agent.behave(Behaviour.approve());
    }

    @AfterEach
    void moneyBalances() {
        agent.close();
        assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
    }

    @Test
    void aSellerDiscountBeyondTheMembersShareIsADebtNettedWholeOffTheMembersNextPayouts() {
        marketplace(false);
        String iban = iban();
        long member = member(iban, "50");

        SaleResult discounted = sale(member, "10.00", null, "{\"DiscountOwnerType\":2,\"DiscountType\":1,\"Discount\":100}");

        Marketplace.ProductEarning shares = merchant.marketplace().earningsOfPayment(discounted.paymentId()).getFirst();
        assertThat(shares.subMerchantEarning()).as("the member's 55.00 of 110.00 covers none of the 100.00").isNull();
        assertThat(shares.merchantEarning()).isEqualByComparingTo("55.00");
        List<Marketplace.DebtItem> debts = merchant.marketplace().debtsOfPayment(discounted.paymentId());
        assertThat(debts).singleElement().satisfies(debt -> {
            assertThat(debt.type()).isEqualTo(1);
            assertThat(debt.typeName()).isEqualTo("Discount");
            assertThat(debt.memberId()).isEqualTo(member);
            assertThat(debt.memberName()).isEqualTo("Berber Ali");
            assertThat(debt.currency()).isEqualTo("TRY");
            assertThat(debt.productId()).isEqualTo(shares.productId());
            assertThat(debt.productAmount()).isEqualByComparingTo("10.00");
            assertThat(debt.debtAmount()).isEqualByComparingTo("45.00");
            assertThat(debt.debtStatusId()).as("open").isEqualTo(1);
            assertThat(debt.debtTransactionId()).isNull();
            assertThat(debt.cargo()).isNull();
            assertThat(debt.discount().discountId()).isNotNull();
            assertThat(debt.discount().discountOwnerType()).isEqualTo(2);
            assertThat(debt.discount().discountType()).isEqualTo(1);
            assertThat(debt.discount().discount()).isEqualByComparingTo("100.00");
        });
        assertThat(merchant.marketplace().debtsOfProduct(shares.productId())).isEqualTo(debts);

        sale(member, "60.00", null, null);
        jump(Duration.ofDays(10));
        automaticPayouts.run();
        assertThat(bank.received(iban, 1)).as("30.00 cannot carry the 45.00 debt, which stays whole")
                .isEqualByComparingTo("30.00");
        assertThat(merchant.marketplace().debtsOfPayment(discounted.paymentId()).getFirst().debtStatusId()).isEqualTo(1);

        sale(member, "200.00", null, null);
        jump(Duration.ofDays(10));
        automaticPayouts.run();
        assertThat(bank.received(iban, 1)).as("100.00 less the 45.00 debt").isEqualByComparingTo("85.00");
        Marketplace.DebtItem settled = merchant.marketplace().debtsOfPayment(discounted.paymentId()).getFirst();
        assertThat(settled.debtStatusId()).as("settled").isEqualTo(3);
        assertThat(settled.debtTransactionId()).isEqualTo(merchant.marketplace().earningsOfMember(member, 0, 50).data().stream()
                .filter(earning -> earning.earning().compareTo(new BigDecimal("100.00")) == 0).findFirst().orElseThrow()
                .marketPlaceEarningTransactionId());
        refused(44, 409, () -> merchant.marketplace().increaseDebt(settled.debtId(), BigDecimal.ONE));
        refused(44, 409, () -> merchant.marketplace().deleteDebt(settled.debtId()));
    }

    @Test
    void aPayoutTheBankRefusesGivesItsDebtsBackAndTheNextOneSettlesThem() {
        marketplace(false);
        String iban = iban();
        long member = member(iban, "10");
        SaleResult cargo = sale(member, "10.00", "{\"CargoOwnerType\":2,\"CargoCost\":15,\"CurrencyId\":1}", null);
        Marketplace.DebtItem debt = merchant.marketplace().debtsOfPayment(cargo.paymentId()).getFirst();
        assertThat(debt.typeName()).isEqualTo("Cargo");
        assertThat(debt.debtAmount()).as("15.00 less the member's 9.00").isEqualByComparingTo("6.00");
        assertThat(debt.cargo().cargoOwnerType()).isEqualTo(2);
        assertThat(debt.cargo().cargoCost()).isEqualByComparingTo("15.00");
        assertThat(merchant.marketplace().earningsOfPayment(cargo.paymentId()).getFirst().merchantEarning())
                .as("the platform's 1.00 and the cargo").isEqualByComparingTo("16.00");
        SaleResult hundred = sale(member, "100.00", null, null);

        bank.failAccount(iban);
        try {
            jump(Duration.ofDays(10));
            automaticPayouts.run();
            assertThat(bank.received(iban, 1)).isEqualByComparingTo("0");
            Marketplace.DebtItem open = merchant.marketplace().debtsOfPayment(cargo.paymentId()).getFirst();
            assertThat(open.debtStatusId()).as("open again").isEqualTo(1);
            assertThat(open.debtTransactionId()).isNull();
        } finally {
            bank.healAccount(iban);
        }
        // the refused payout's earnings wait for the merchant's retry, as in Paywall
        merchant.marketplace().retryPayment(hundred.paymentId(), null);
        jump(Duration.ofDays(1));
        automaticPayouts.run();
        assertThat(bank.received(iban, 1)).as("90.00 less the 6.00 debt").isEqualByComparingTo("84.00");
        assertThat(merchant.marketplace().debtsOfPayment(cargo.paymentId()).getFirst().debtStatusId()).isEqualTo(3);
    }

    /**
     * A node that dies after the bank moved a payout that netted a debt, before the answer was
     * recorded, leaves the payout in flight with its debt netted: a later run executes the same
     * transfer again (the bank moves nothing twice) and settles the debt once. The death is a
     * trigger that fails the transaction recording the bank's answer, as a killed node never
     * commits it.
     */
    @Test
    void aPayoutInterruptedAfterTheBankMovedItIsFinishedLaterAndSettlesItsDebtOnce() {
        marketplace(false);
        String iban = iban();
        long member = member(iban, "10");
        SaleResult cargo = sale(member, "10.00", "{\"CargoOwnerType\":2,\"CargoCost\":15}", null);
        sale(member, "100.00", null, null);
        long debtId = debt(cargo).debtId();

        jdbc.sql("""
                create function die_before_settled() returns trigger language plpgsql
                as $$ begin raise exception 'the node died'; end $$""").update();
        jdbc.sql("""
                create trigger die_before_settled before update on debt for each row
                when (new.status = 'SETTLED' and new.id = %d) execute function die_before_settled()""".formatted(debtId)).update();
        try {
            jump(Duration.ofDays(10));
            org.assertj.core.api.Assertions.assertThatThrownBy(automaticPayouts::run).hasMessageContaining("the node died");
        } finally {
            jdbc.sql("drop trigger die_before_settled on debt").update();
            jdbc.sql("drop function die_before_settled()").update();
        }
        assertThat(bank.received(iban, 1)).as("the bank moved the netted payout").isEqualByComparingTo("84.00");
        Marketplace.DebtItem netted = debt(cargo);
        assertThat(netted.debtStatusId()).as("still in the payout in flight").isEqualTo(2);

        jump(Duration.ofMinutes(3));
        automaticPayouts.run();

        assertThat(bank.received(iban, 1)).as("moved once").isEqualByComparingTo("84.00");
        Marketplace.DebtItem settled = debt(cargo);
        assertThat(settled.debtStatusId()).isEqualTo(3);
        assertThat(settled.debtTransactionId()).isEqualTo(netted.debtTransactionId());
    }

    @Test
    void aCancelAfterPayoutMakesTheMemberOweWhatWasPaidAndACancelBeforeItReversesTheOpenDebts() {
        marketplace(false);
        String iban = iban();
        long member = member(iban, "10");
        SaleResult paid = sale(member, "100.00", null, null);
        jump(Duration.ofDays(10));
        automaticPayouts.run();
        assertThat(bank.received(iban, 1)).isEqualByComparingTo("90.00");

        assertThat(merchant.payments().syncCancel(paid.paymentRequestId(), false, Duration.ofSeconds(30)).paymentStatus())
                .isEqualTo(4);
        assertThat(merchant.marketplace().debtsOfPayment(paid.paymentId())).singleElement().satisfies(debt -> {
            assertThat(debt.type()).isEqualTo(3);
            assertThat(debt.typeName()).isEqualTo("Cancel");
            assertThat(debt.debtAmount()).isEqualByComparingTo("90.00");
            assertThat(debt.debtStatusId()).isEqualTo(1);
            assertThat(debt.cargo()).isNull();
            assertThat(debt.discount()).isNull();
        });

        SaleResult withDebt = sale(member, "10.00", "{\"CargoOwnerType\":2,\"CargoCost\":15}", null);
        assertThat(merchant.payments().syncCancel(withDebt.paymentRequestId(), false, Duration.ofSeconds(30)).paymentStatus())
                .isEqualTo(4);
        assertThat(merchant.marketplace().debtsOfPayment(withDebt.paymentId())).singleElement()
                .satisfies(debt -> assertThat(debt.debtStatusId()).as("reversed with its sale").isEqualTo(5));
        refused(265, 409, () -> merchant.marketplace().deleteDebt(
                merchant.marketplace().debtsOfPayment(withDebt.paymentId()).getFirst().debtId()));

        sale(member, "200.00", null, null);
        jump(Duration.ofDays(10));
        automaticPayouts.run();
        assertThat(bank.received(iban, 1)).as("90.00, then 180.00 less the 90.00 owed").isEqualByComparingTo("180.00");
        assertThat(merchant.marketplace().debtsOfPayment(paid.paymentId()).getFirst().debtStatusId()).isEqualTo(3);
    }

    @Test
    void theMerchantChangesAnOpenDebtAndThePlatformsShareMovesWithItUntilItIsSent() {
        marketplace(true);
        long member = member(iban(), "10");
        SaleResult cargo = sale(member, "10.00", "{\"CargoOwnerType\":2,\"CargoCost\":15}", null);
        long debtId = merchant.marketplace().debtsOfPayment(cargo.paymentId()).getFirst().debtId();

        merchant.marketplace().increaseDebt(debtId, new BigDecimal("4.00"));
        assertThat(debt(cargo).debtAmount()).isEqualByComparingTo("10.00");
        assertThat(platformShare(cargo)).isEqualByComparingTo("20.00");
        merchant.marketplace().decreaseDebt(debtId, new BigDecimal("2.50"));
        assertThat(debt(cargo).debtAmount()).isEqualByComparingTo("7.50");
        assertThat(platformShare(cargo)).isEqualByComparingTo("17.50");

        refused(45, 400, () -> merchant.marketplace().decreaseDebt(debtId, new BigDecimal("7.50")));
        refused(45, 400, () -> merchant.marketplace().increaseDebt(debtId, BigDecimal.ZERO));
        refused(45, 400, () -> merchant.marketplace().increaseDebt(debtId, new BigDecimal("-1")));
        refused(1001, 400, () -> merchant.marketplace().increaseDebt(debtId, new BigDecimal("0.001")));
        refused(1001, 400, () -> merchant.marketplace().increaseDebt(debtId, new BigDecimal("999999999999.99")));
        refused(1001, 400, () -> merchant.marketplace().increaseDebt(debtId, new BigDecimal("1000000000000")));
        refused(43, 404, () -> merchant.marketplace().increaseDebt(Long.MAX_VALUE, BigDecimal.ONE));
        KasaClient stranger = KasaClient.builder().baseUri(baseUri).publicKeys(admin.createMerchant("stranger").publicKey())
                .locale("en").build();
        refused(43, 404, () -> stranger.marketplace().deleteDebt(debtId));
        refused(5005, 404, () -> stranger.marketplace().debtsOfPayment(cargo.paymentId()));
        refused(5005, 404, () -> stranger.marketplace().debtsOfProduct(debt(cargo).productId()));
        assertThat(garbage("PUT", "/api/paywall/marketplace/debt/increase/id", "{\"Id\":" + debtId + ",\"Debt\":\"much\"}"))
                .contains("Debt");
        assertThat(garbage("PUT", "/api/paywall/marketplace/debt/decrease/id", "{\"Id\":\"x1\",\"Debt\":1}")).contains("Id");
        assertThat(garbage("DELETE", "/api/paywall/marketplace/debt/delete/id", "{}")).contains("Id");
        for (String header : List.of("abc", "0", "-1", "1.5", "99999999999999999999", " ")) {
            RawHttp.Answer report = new RawHttp(baseUri).get("/api/paywall/marketplace/report/debt/product")
                    .publicKeys(created.publicKey()).header("productid", header).send();
            assertThat(report.status()).as("productid '%s'", header).isEqualTo(400);
            assertThat(report.json().get("Message").asString()).contains("productid");
        }
        assertThat(debt(cargo).debtAmount()).as("no refused change moved anything").isEqualByComparingTo("7.50");

        merchant.marketplace().deleteDebt(debtId);
        assertThat(debt(cargo).debtStatusId()).as("deleted").isEqualTo(4);
        assertThat(platformShare(cargo)).as("the platform bears the deleted debt").isEqualByComparingTo("10.00");
        refused(265, 409, () -> merchant.marketplace().increaseDebt(debtId, BigDecimal.ONE));

        SaleResult second = sale(member, "10.00", "{\"CargoOwnerType\":2,\"CargoCost\":15}", null);
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Europe/Istanbul"));
        Marketplace.PayoutJob job = merchant.marketplace().start(
                Marketplace.PayoutOrder.of(1, today.minusDays(1), today).withTestMode(true));
        assertThat(Devices.eventually(Duration.ofSeconds(15), () -> "SUCCEEDED".equals(jdbc.sql(
                "select status from payout_job where id = :id").param("id", job.jobId()).query(String.class).single())))
                .isTrue();
        refused(265, 409, () -> merchant.marketplace().decreaseDebt(debt(second).debtId(), BigDecimal.ONE));
        assertThat(debt(second).debtAmount()).isEqualByComparingTo("6.00");
    }

    /**
     * The merchant deleting a debt while two payout runs claim the member's earnings: each
     * ends one way — the debt netted and settled, or deleted and not netted — never both,
     * never a deadlock, and the money rules hold.
     */
    @Test
    void aDebtChangedWhilePayoutsRunIsEitherNettedOrChangedNeverBoth() throws Exception {
        marketplace(true);
        for (int round = 0; round < 4; round++) {
            String iban = iban();
            long member = member(iban, "10");
            SaleResult cargo = sale(member, "10.00", "{\"CargoOwnerType\":2,\"CargoCost\":15}", null);
            sale(member, "100.00", null, null);
            long debtId = debt(cargo).debtId();
            jump(Duration.ofDays(10));
            try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var runs = List.of(callers.submit(() -> automaticPayouts.run()), callers.submit(() -> automaticPayouts.run()));
                var delete = callers.submit(() -> {
                    try {
                        merchant.marketplace().deleteDebt(debtId);
                        return 0;
                    } catch (KasaException refused) {
                        return refused.errorCode();
                    }
                });
                for (var run : runs) {
                    run.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
                int refusal = delete.get(60, java.util.concurrent.TimeUnit.SECONDS);
                Marketplace.DebtItem after = debt(cargo);
                if (refusal == 0) {
                    assertThat(after.debtStatusId()).as("deleted, so not netted").isEqualTo(4);
                    assertThat(bank.received(iban, 1)).isEqualByComparingTo("90.00");
                } else {
                    assertThat(refusal).isEqualTo(44);
                    assertThat(after.debtStatusId()).as("netted first").isIn(2, 3);
                }
            }
            assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
        }
    }

    /**
     * A cancel racing the merchant's approval, rejection, postpone or debt change of the same
     * sale: the two take the sale's locks in one order (the cancel its payment row first, then
     * both the marketplace's lock of the sale, its earnings, its debts), so each round ends
     * with the cancel done and the other either done before it or refused after it — never a
     * deadlock, never an error — and nothing of the sale left to pay: every share reversed or
     * rejected, the arrangement debt reversed.
     */
    @Test
    void aCancelRacingTheMerchantsDecisionsAndChangesOfItsSaleEndsOneWayOrTheOther() throws Exception {
        marketplace(false, false);
        long member = member(iban(), "10");
        List<String> operations = List.of("approve", "reject", "postpone", "increase debt");
        for (int round = 0; round < 2 * operations.size(); round++) {
            String operation = operations.get(round % operations.size());
            SaleResult cargo = sale(member, "10.00", "{\"CargoOwnerType\":2,\"CargoCost\":15}", null);
            Marketplace.DebtItem debt = debt(cargo);
            if (operation.equals("postpone")) {
                merchant.marketplace().approvePayment(Marketplace.ApprovalRequest.payment(cargo.paymentId()));
            }
            java.util.concurrent.Callable<Object> change = switch (operation) {
                case "approve" -> () -> merchant.marketplace().approvePayment(Marketplace.ApprovalRequest.payment(cargo.paymentId()));
                case "reject" -> () -> merchant.marketplace().rejectPayment(cargo.paymentId());
                case "postpone" -> () -> {
                    merchant.marketplace().postponeProduct(debt.productId(), 1, true);
                    return null;
                };
                default -> () -> {
                    merchant.marketplace().increaseDebt(debt.debtId(), BigDecimal.ONE);
                    return null;
                };
            };
            // The change is repeated for as long as the cancel is in flight, so that one of them
            // meets the cancel's status change, which reverses the earnings and debts.
            java.util.concurrent.atomic.AtomicBoolean cancelling = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var changed = callers.submit(() -> {
                    go.await();
                    java.util.Set<Integer> answers = new java.util.TreeSet<>();
                    boolean last;
                    do {
                        last = !cancelling.get();
                        try {
                            change.call();
                            answers.add(0);
                        } catch (KasaException refused) {
                            answers.add(refused.errorCode());
                        }
                    } while (!last);
                    return answers;
                });
                var cancelled = callers.submit(() -> {
                    go.await();
                    try {
                        return merchant.payments().syncCancel(cargo.paymentRequestId(), false, Duration.ofSeconds(30))
                                .paymentStatus();
                    } finally {
                        cancelling.set(false);
                    }
                });
                go.countDown();
                assertThat(cancelled.get(60, java.util.concurrent.TimeUnit.SECONDS)).as(operation + ": the cancel").isEqualTo(4);
                assertThat(changed.get(60, java.util.concurrent.TimeUnit.SECONDS))
                        .as(operation + ": done, or refused as changed by the cancel").isSubsetOf(0, 362, 265);
            }
            assertThat(jdbc.sql("""
                            select distinct e.status from earning e join marketplace_product mp on mp.id = e.product_id
                            where mp.paywall_payment_id = :payment""")
                    .param("payment", cargo.paymentId()).query(String.class).list())
                    .as(operation + ": nothing of the cancelled sale is left to pay").isSubsetOf("REVERSED", "REJECTED").isNotEmpty();
            assertThat(merchant.marketplace().debtsOfPayment(cargo.paymentId())).as(operation + ": its debt")
                    .singleElement().satisfies(after -> assertThat(after.debtStatusId()).as("reversed").isEqualTo(5));
            assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
        }
    }

    /**
     * An arrangement debt waits with its sale's earnings: no payout nets it before the product
     * is approved, and rejecting the product reverses it, since the member is then paid
     * nothing for the sale. The platform's own figures exclude arrangements.
     */
    @Test
    void anArrangementDebtIsNettedOnlyOnceItsProductIsApprovedAndARejectionReversesIt() {
        marketplace(false, false);
        String iban = iban();
        long member = member(iban, "50");
        SaleResult discounted = sale(member, "10.00", null, "{\"DiscountOwnerType\":2,\"DiscountType\":1,\"Discount\":100}");
        Marketplace.DebtItem debt = merchant.marketplace().debtsOfPayment(discounted.paymentId()).getFirst();
        assertThat(debt.debtStatusId()).as("open").isEqualTo(1);

        SaleResult paid = sale(member, "200.00", null, null);
        merchant.marketplace().approvePayment(Marketplace.ApprovalRequest.payment(paid.paymentId()));
        jump(Duration.ofDays(10));
        automaticPayouts.run();
        assertThat(bank.received(iban, 1)).as("the member's 100.00, with nothing netted: the discount's sale waits for approval")
                .isEqualByComparingTo("100.00");
        assertThat(merchant.marketplace().debtsOfPayment(discounted.paymentId()).getFirst().debtStatusId()).isEqualTo(1);

        assertThat(merchant.marketplace().rejectPayment(discounted.paymentId()).success()).hasSize(1);
        assertThat(merchant.marketplace().debtsOfPayment(discounted.paymentId()).getFirst().debtStatusId())
                .as("reversed with the rejected shares").isEqualTo(5);
        refused(265, 409, () -> merchant.marketplace().deleteDebt(debt.debtId()));

        String ownFigures = saleJson(member, "20.00", "{\"CargoOwnerType\":2,\"CargoCost\":5}", null)
                .replaceFirst("\"MemberId\":", "\"MemberEarningCalculated\":true,\"MemberEarning\":15,\"MemberId\":");
        RawHttp.Answer refusedSale = new RawHttp(baseUri).post("/api/payment/sync/sale").privateKeys(created.privateKey())
                .header("locale", "en").json(ownFigures).send();
        assertThat(refusedSale.status()).as(refusedSale.text()).isEqualTo(400);
        assertThat(refusedSale.json().get("Message").asString()).contains("Products[0].Cargo").contains("MemberEarningCalculated");
    }

    /**
     * The walkthrough of docs/marketplace.md, as real requests and the answers they get: a sale
     * with two members' products, its approval, a postpone, the payouts on the business clock,
     * a cancel after payout that leaves both members owing, and the next sale's payout netting
     * one member's debt. The figures the walkthrough shows are asserted here; each request and
     * answer is written to {@code target/marketplace-walkthrough.md}, from which the page's are
     * taken.
     */
    @Test
    void theWalkthroughOfTheMarketplacePageRunsAsWritten() throws IOException {
        marketplace(false, false);
        StringBuilder log = new StringBuilder("# Marketplace walkthrough, as run by DebtsIT\n");
        String aliIban = iban();
        String ayseIban = iban();
        long ali = recorded(log, "Create Berber Ali (10 % commission, paid 7 days after approval)", "POST",
                "/api/paywall/member", memberJson("Berber Ali", "Ali Yılmaz", aliIban, "10")).json().get("Body").get("Id").longValue();
        long ayse = recorded(log, "Create Kuaför Ayşe (20 % commission)", "POST", "/api/paywall/member",
                memberJson("Kuaför Ayşe", "Ayşe Demir", ayseIban, "20")).json().get("Body").get("Id").longValue();

        ObjectNode saleBody = (ObjectNode) JSON.readTree(Seeds.syncSale(terminalId, "walkthrough-1"));
        saleBody.put("Amount", new BigDecimal("300.00"));
        ObjectNode haircut = (ObjectNode) saleBody.get("Products").get(0);
        haircut.put("Name", "Saç kesimi").put("Amount", new BigDecimal("100.00")).put("MemberId", ali);
        ((tools.jackson.databind.node.ArrayNode) saleBody.get("Products")).addObject().put("Name", "Boya").put("TaxGroupId", 20)
                .put("UnitCodeId", 4).put("Amount", new BigDecimal("200.00")).put("Quantity", 1).put("MemberId", ayse);
        RawHttp.Answer sold = recordedPrivate(log, "The sale: 100.00 of Ali's, 200.00 of Ayşe's", "POST", "/api/payment/sync/sale",
                JSON.writeValueAsString(saleBody));
        long paymentId = sold.json().get("Result").get("PaymentId").longValue();
        UUID paymentRequestId = UUID.fromString(sold.json().get("Result").get("PaymentRequestId").asString());
        RawHttp.Answer calculated = recorded(log, "Its earnings wait for approval (status 1, no reflection date)", "GET",
                "/api/paywall/marketplace/report/earning/payment", null, "paymentid", Long.toString(paymentId));
        assertThat(calculated.json().get("Body").valueStream().map(p -> p.get("SubMerchantEarningStatusId").intValue()))
                .containsOnly(1);
        long boya = calculated.json().get("Body").get(1).get("ProductId").longValue();

        recorded(log, "Approve the whole payment with Kasa's calculator", "POST", "/api/paywall/marketplace/approve/pw/payment",
                "{\"PaymentId\":" + paymentId + ",\"Payout\":{\"DescriptionApply\":true,\"Description\":\"Aralık hakedişi\"},"
                        + "\"SameReflectionDateWithMember\":false}");
        recorded(log, "Postpone Ayşe's earning of the Boya product by 2 days", "PUT", "/api/paywall/marketplace/earning/postpone/product",
                "{\"ProductId\":" + boya + ",\"Day\":2,\"ApplyAll\":false}");
        RawHttp.Answer approved = recorded(log, "The earnings now, approved and dated", "GET",
                "/api/paywall/marketplace/report/earning/payment", null, "paymentid", Long.toString(paymentId));
        assertThat(approved.json().get("Body").get(0).get("SubMerchantEarning").decimalValue()).isEqualByComparingTo("90.00");
        assertThat(approved.json().get("Body").get(1).get("SubMerchantEarning").decimalValue()).isEqualByComparingTo("160.00");

        LocalDate aliDate = reflectionDate(approved, 0);
        LocalDate ayseDate = reflectionDate(approved, 1);
        assertThat(ayseDate).as("two days later, past a weekend").isAfterOrEqualTo(aliDate.plusDays(2));
        payDay(aliDate);
        assertThat(bank.received(aliIban, 1)).as("Ali's 90.00 on his reflection date").isEqualByComparingTo("90.00");
        assertThat(bank.received(ayseIban, 1)).as("Ayşe's waits two more days").isEqualByComparingTo("0");
        payDay(ayseDate);
        assertThat(bank.received(ayseIban, 1)).isEqualByComparingTo("160.00");
        recorded(log, "Both members are paid", "GET", "/api/paywall/marketplace/report/earning/payment", null,
                "paymentid", Long.toString(paymentId));

        assertThat(merchant.payments().syncCancel(paymentRequestId, false, Duration.ofSeconds(30)).paymentStatus()).isEqualTo(4);
        RawHttp.Answer owed = recorded(log, "After the sale is cancelled, each member owes what was paid", "GET",
                "/api/paywall/marketplace/report/debt/payment", null, "paymentid", Long.toString(paymentId));
        assertThat(owed.json().get("Body").valueStream().map(d -> d.get("DebtAmount").decimalValue().setScale(2).toPlainString()))
                .containsExactlyInAnyOrder("90.00", "160.00");

        ObjectNode next = (ObjectNode) JSON.readTree(Seeds.syncSale(terminalId, "walkthrough-2"));
        next.put("Amount", new BigDecimal("300.00"));
        ((ObjectNode) next.get("Products").get(0)).put("Name", "Saç kesimi ve sakal").put("Amount", new BigDecimal("300.00"))
                .put("MemberId", ali);
        long nextPayment = recordedPrivate(log, "Ali's next sale: 300.00", "POST", "/api/payment/sync/sale",
                JSON.writeValueAsString(next)).json().get("Result").get("PaymentId").longValue();
        recorded(log, "Approved", "POST", "/api/paywall/marketplace/approve/pw/payment", "{\"PaymentId\":" + nextPayment + "}");
        payDay(reflectionDate(recorded(log, "Dated", "GET", "/api/paywall/marketplace/report/earning/payment", null,
                "paymentid", Long.toString(nextPayment)), 0));
        assertThat(bank.received(aliIban, 1)).as("90.00, then 270.00 less the 90.00 he owes").isEqualByComparingTo("270.00");
        RawHttp.Answer settled = recorded(log, "Ali's debt is settled by that payout; Ayşe's waits for hers", "GET",
                "/api/paywall/marketplace/report/debt/payment", null, "paymentid", Long.toString(paymentId));
        assertThat(settled.json().get("Body").valueStream().map(d -> d.get("DebtStatusId").intValue())).containsExactlyInAnyOrder(3, 1);

        Path written = Path.of("target", "marketplace-walkthrough.md");
        Files.createDirectories(written.getParent());
        Files.writeString(written, log);
    }

    /** The member's reflection date of the report's {@code index}th product. */
    private static LocalDate reflectionDate(RawHttp.Answer report, int index) {
        return LocalDateTime.parse(report.json().get("Body").get(index).get("SubMerchantReflectionDate").asString()).toLocalDate();
    }

    /** Moves the business clock to {@code day} (the tests before may have moved it anywhere) and runs the payouts. */
    private void payDay(LocalDate day) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Istanbul"));
        jump(Duration.ofDays(ChronoUnit.DAYS.between(today, day)));
        automaticPayouts.run();
    }

    private String memberJson(String name, String title, String iban, String commission) {
        return """
                {"IsSubMerchant":true,"MemberType":1,"MemberExternalId":"%s","MemberName":"%s","MemberTitle":"%s",
                 "MemberIdentityNumber":"10000000146","MemberEmail":"uye@example.com","MemberPhone":"+905551112233",
                 "MemberAddress":"Kadıköy, İstanbul","ContactName":"%s","ContactLastname":"%s",
                 "BankAccounts":[{"CurrencyId":1,"Title":"%s","Iban":"%s"}],
                 "ValueDate":{"CalculationType":1,"CalculationValue":7,"Commission":%s}}"""
                .formatted(UUID.randomUUID(), name, title, title.split(" ")[0], title.split(" ")[1], title, iban, commission);
    }

    /** A marketplace call with the public pair, checked to succeed, and written to the log with its answer. */
    private RawHttp.Answer recorded(StringBuilder log, String title, String method, String path, String body, String... headers) {
        RawHttp.Request request = new RawHttp(baseUri).request(method, path).publicKeys(created.publicKey()).header("locale", "en");
        return record(log, title, method, path, body, request, headers);
    }

    /** A Physical call with the private pair, likewise. */
    private RawHttp.Answer recordedPrivate(StringBuilder log, String title, String method, String path, String body) {
        RawHttp.Request request = new RawHttp(baseUri).request(method, path).privateKeys(created.privateKey()).header("locale", "en");
        return record(log, title, method, path, body, request);
    }

    private static RawHttp.Answer record(StringBuilder log, String title, String method, String path, String body,
                                         RawHttp.Request request, String... headers) {
        StringBuilder shown = new StringBuilder(method + " " + path + "\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            shown.append(headers[i]).append(": ").append(headers[i + 1]).append('\n');
        }
        if (body != null) {
            request.json(body);
            shown.append('\n').append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body))).append('\n');
        }
        RawHttp.Answer answer = request.send();
        assertThat(answer.status()).as(title + ": " + answer.text()).isEqualTo(200);
        log.append("\n### ").append(title).append("\n\n```http\n").append(shown).append("```\n\n```json\n")
                .append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer.json())).append("\n```\n");
        return answer;
    }

    @Test
    void arrangementsAreCheckedWithPaywallsCodesAndARefusedSaleRecordsNothing() {
        marketplace(true);
        long member = member(iban(), "10");
        refusedSale(40, "Cargo.CargoOwnerType", member, "{\"CargoOwnerType\":4,\"CargoCost\":1}", null);
        refusedSale(40, "Cargo.CargoOwnerType", member, "{\"CargoOwnerType\":-1}", null);
        refusedSale(41, "Cargo.CurrencyId", member, "{\"CargoOwnerType\":1,\"CargoCost\":1,\"CurrencyId\":2}", null);
        refusedSale(42, "Cargo.CargoCost", member, "{\"CargoOwnerType\":2,\"CargoCost\":0}", null);
        refusedSale(42, "Cargo.CargoCost", member, "{\"CargoOwnerType\":1}", null);
        refusedSale(42, "Cargo.CargoCost", member, "{\"CargoOwnerType\":2,\"CargoCost\":1.005}", null);
        refusedSale(42, "Cargo.CargoCost", member, "{\"CargoOwnerType\":2,\"CargoCost\":1234567890123}", null);
        refusedSale(54, "Cargo.CargoCost", member, "{\"CargoOwnerType\":0,\"CargoCost\":5}", null);
        refusedSale(36, "Discount.DiscountOwnerType", member, null, "{\"DiscountOwnerType\":3,\"DiscountType\":1,\"Discount\":1}");
        refusedSale(37, "Discount.DiscountType", member, null, "{\"DiscountOwnerType\":1,\"DiscountType\":3,\"Discount\":1}");
        refusedSale(37, "Discount.DiscountType", member, null, "{\"DiscountOwnerType\":2,\"Discount\":1}");
        refusedSale(38, "Discount.Discount", member, null, "{\"DiscountOwnerType\":2,\"DiscountType\":2,\"Discount\":100}");
        refusedSale(38, "Discount.Discount", member, null, "{\"DiscountOwnerType\":2,\"DiscountType\":2,\"Discount\":0}");
        refusedSale(38, "Discount.Discount", member, null, "{\"DiscountOwnerType\":2,\"DiscountType\":2,\"Discount\":9.999}");
        refusedSale(39, "Discount.Discount", member, null, "{\"DiscountOwnerType\":1,\"DiscountType\":1,\"Discount\":-5}");
        refusedSale(39, "Discount.Discount", member, null, "{\"DiscountOwnerType\":1,\"DiscountType\":1}");
        refusedSale(55, "Discount.DiscountType", member, null, "{\"DiscountOwnerType\":0,\"DiscountType\":1}");
        refusedSale(56, "Discount.Discount", member, null, "{\"DiscountOwnerType\":0,\"Discount\":3}");
        refusedSale(53, "Products[0].Cargo", null, "{\"CargoOwnerType\":1,\"CargoCost\":1}", null);
        refusedSale(55, "Products[0].Discount", null, null, "{\"DiscountOwnerType\":1,\"DiscountType\":1,\"Discount\":1}");
        refusedSale(1001, "CargoOwnerType", member, "{\"CargoOwnerType\":\"kargo\"}", null);
        KasaException async = catchThrowableOfType(KasaException.class, () -> merchant.payments().asyncSaleJson(
                saleJson(member, "10.00", "{\"CargoOwnerType\":9}", null)));
        assertThat(async.errorCode()).as("the async sale reads the same products").isEqualTo(40);
        refusedSale(39, "Discount.Discount", member, null, "{\"DiscountOwnerType\":2,\"DiscountType\":1,\"Discount\":999999999990.00}");
        refusedSale(38, "Discount.Discount", member, null, "{\"DiscountOwnerType\":2,\"DiscountType\":2,\"Discount\":99.99}",
                "999999999.99");
        refusedSale(42, "Cargo.CargoCost", member, "{\"CargoOwnerType\":2,\"CargoCost\":999999999990.00}", null);
        assertThat(merchant.payments().list(io.kasa.client.PaymentQuery.page(0, 10)).items())
                .as("no refused sale was recorded").isEmpty();

        assertThat(sale(member, "10.00", "{\"CargoOwnerType\":2,\"CargoCost\":999999999989.98}",
                "{\"DiscountOwnerType\":1,\"DiscountType\":1,\"Discount\":0.01}").paymentStatus())
                .as("the largest cargo the price before the discount leaves room for").isEqualTo(4);
        SaleResult edges = sale(member, "10.00", "{\"CargoOwnerType\":3}",
                "{\"DiscountOwnerType\":2,\"DiscountType\":2,\"Discount\":99.99}");
        assertThat(edges.paymentStatus()).as("a 99.99 % discount and cargo type 3 without a cost are accepted").isEqualTo(4);
        assertThat(sale(member, "10.00", "{\"CargoOwnerType\":0}", "{\"DiscountOwnerType\":0}").paymentStatus())
                .as("arrangements that say none are accepted").isEqualTo(4);

        admin.setMarketplace(created.merchantId(), new Marketplace.Settings(false, false, MarketplaceIT.PLATFORM_IBAN, "Platform"));
        refusedSale(53, "marketplace", member, "{\"CargoOwnerType\":2,\"CargoCost\":1}", null);
    }

    // --- fixtures ---

    /**
     * Moves the business clock forward. The jump makes the till's connection look idle, and
     * the server ends it at its next sweep; a till paired and connected after the jump is
     * fresh, so the test's next sale cannot race that sweep.
     */
    private void jump(Duration by) {
        clock.advance(by);
        agent.close();
        agent = Devices.connected(baseUri, merchant, terminalId);
        agent.behave(Behaviour.approve());
    }

    /** Marketplace on, earnings approved as they are calculated: these tests are about what follows. */
    private void marketplace(boolean manualTrigger) {
        marketplace(manualTrigger, true);
    }

    private void marketplace(boolean manualTrigger, boolean automaticApproval) {
        admin.setMarketplace(created.merchantId(),
                new Marketplace.Settings(true, manualTrigger, MarketplaceIT.PLATFORM_IBAN, "Platform A.Ş.", automaticApproval));
    }

    /** A member with a 7-day value date, the commission, and a TRY account of its own. */
    private long member(String iban, String commission) {
        return MarketplaceIT.member(baseUri, created.publicKey(), iban, commission);
    }

    /** A TR IBAN with a valid check, unique to the test, so that what the bank received is the test's alone. */
    private static String iban() {
        String bban = "00061" + "0" + String.format("%016d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
        BigInteger number = new BigInteger(bban + "2927" + "00");
        int check = 98 - number.mod(BigInteger.valueOf(97)).intValue();
        return "TR" + String.format("%02d", check) + bban;
    }

    private SaleResult sale(long member, String amount, String cargo, String discount) {
        SaleResult sale = merchant.payments().syncSaleJson(saleJson(member, amount, cargo, discount));
        assertThat(sale.paymentStatus()).isEqualTo(4);
        return sale;
    }

    /** Seed 002 with one product of {@code amount}, the member's when given, with the arrangements. */
    private String saleJson(Long member, String amount, String cargo, String discount) {
        ObjectNode sale = (ObjectNode) JSON.readTree(Seeds.syncSale(terminalId, UUID.randomUUID().toString()));
        sale.put("Amount", new BigDecimal(amount));
        ObjectNode product = (ObjectNode) sale.get("Products").get(0);
        product.put("Amount", new BigDecimal(amount));
        if (member != null) {
            product.put("MemberId", member);
        }
        if (cargo != null) {
            product.set("Cargo", JSON.readTree(cargo));
        }
        if (discount != null) {
            product.set("Discount", JSON.readTree(discount));
        }
        return JSON.writeValueAsString(sale);
    }

    private void refusedSale(int code, String named, Long member, String cargo, String discount) {
        refusedSale(code, named, member, cargo, discount, "10.00");
    }

    private void refusedSale(int code, String named, Long member, String cargo, String discount, String amount) {
        KasaException failure = catchThrowableOfType(KasaException.class,
                () -> merchant.payments().syncSaleJson(saleJson(member, amount, cargo, discount)));
        assertThat(failure).as("refused with " + code + ": " + cargo + " " + discount).isNotNull();
        assertThat(failure.errorCode()).as(failure.getMessage()).isEqualTo(code);
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.message()).as("names the field").contains(named);
    }

    private static void refused(int code, int status, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        KasaException failure = catchThrowableOfType(KasaException.class, call);
        assertThat(failure).as("refused with " + code).isNotNull();
        assertThat(failure.errorCode()).as(failure.getMessage()).isEqualTo(code);
        assertThat(failure.httpStatus()).as(failure.getMessage()).isEqualTo(status);
        assertThat(failure.message()).isNotBlank();
    }

    /** A raw request that must be refused in the marketplace envelope with a 400; returns its message. */
    private String garbage(String method, String path, String body) {
        RawHttp.Answer answer = new RawHttp(baseUri).request(method, path).publicKeys(created.publicKey()).json(body).send();
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().get("Result").asBoolean()).isFalse();
        assertThat(answer.json().has("Body")).isTrue();
        return answer.json().get("Message").asString();
    }

    private Marketplace.DebtItem debt(SaleResult sale) {
        return merchant.marketplace().debtsOfPayment(sale.paymentId()).getFirst();
    }

    private BigDecimal platformShare(SaleResult sale) {
        return merchant.marketplace().earningsOfPayment(sale.paymentId()).getFirst().merchantEarning();
    }
}
