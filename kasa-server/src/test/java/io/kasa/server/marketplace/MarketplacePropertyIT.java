package io.kasa.server.marketplace;

import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.Marketplace;
import io.kasa.client.SaleResult;
import io.kasa.server.Devices;
import io.kasa.server.KasaServer;
import io.kasa.server.MutableClock;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property-based test: random sequences of sales (some with cargo and discount
 * arrangements, some with the platform's own figures), approvals and rejections (of whole
 * payments or single products, now and then two at once), cancels, payout orders, bank
 * failures and restarts, earnings operations (increases, decreases, postpones, reflection
 * dates and retries of refused payouts), debt changes and automatic payout runs on days the
 * business clock moves to, against a real server, drawn from fixed seeds so that any failure
 * can be replayed. After every action the money rules hold — shares less debts add up to
 * sales; only approved earnings are pooled or paid; the pool, the orders and the payments
 * balance; debts are settled once; nothing is paid twice.
 */
class MarketplacePropertyIT {

    private static ConfigurableApplicationContext server;
    private static URI base;
    private static JdbcClient jdbc;
    private static SimulatedBank bank;
    private static MutableClock clock;
    private static AutomaticPayouts automaticPayouts;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    sealed interface Action permits Sale, Cancel, Start, BankFails, Restart, Approve, Reject, Change, PayDue, MemberBankFails,
            DebtChange {
    }

    /**
     * {@code ownFigureCents}: the platform's own figure for the member's share, or -1 for Kasa's
     * calculation; {@code arrangement}, when not null (and Kasa calculates), is the member
     * product's cargo and discount.
     */
    record Sale(int memberCents, int ownCents, boolean withMember, int ownFigureCents, Arranged arrangement) implements Action {
    }

    /** Cargo type 0-3 with a cost in cents; discount owner 0-2, type 1 (cents) or 2 (1-99 percent). */
    record Arranged(int cargoType, int cargoCents, int discountOwner, int discountType, int discountValue) {

        String cargoJson() {
            return cargoType == 0 ? "{\"CargoOwnerType\":0}"
                    : "{\"CargoOwnerType\":" + cargoType + ",\"CargoCost\":" + BigDecimal.valueOf(cargoCents, 2) + "}";
        }

        String discountJson() {
            return discountOwner == 0 ? "{\"DiscountOwnerType\":0}"
                    : "{\"DiscountOwnerType\":" + discountOwner + ",\"DiscountType\":" + discountType + ",\"Discount\":"
                    + (discountType == 1 ? BigDecimal.valueOf(discountValue, 2) : BigDecimal.valueOf(1 + discountValue % 99)) + "}";
        }
    }

    /** Approves sale {@code which}: the whole payment, or its first product; {@code racing} sends it twice at once. */
    record Approve(int which, boolean wholePayment, boolean racing) implements Action {
    }

    /** A change of one of the merchant's debts: 0 increase, 1 decrease, 2 delete. */
    record DebtChange(int which, int kind, int cents) implements Action {
    }

    record Reject(int which, boolean wholePayment) implements Action {
    }

    record Cancel(int which) implements Action {
    }

    record Start(int daysBack, boolean skipExistsControl) implements Action {
    }

    record BankFails(boolean failing) implements Action {
    }

    record Restart() implements Action {
    }

    /** One earnings operation ({@link Operation}) on one of the sales, with an amount or a number of days. */
    record Change(int which, Operation operation, int amount, boolean applyAll) implements Action {
    }

    enum Operation {
        INCREASE_PRODUCT, DECREASE_PRODUCT, INCREASE_ID, DECREASE_ID, POSTPONE_PRODUCT, POSTPONE_ID,
        REFLECTION_PRODUCT, RETRY_PRODUCT, RETRY_PAYMENT, RETRY_ID
    }

    /**
     * The business clock moves {@code days} ahead (mostly past a member's 7-day value date)
     * and the automatic payout run pays what is due.
     */
    record PayDue(int days) implements Action {
    }

    record MemberBankFails(boolean failing) implements Action {
    }

    /**
     * A random sequence of 6–24 actions drawn from the seed, weighted like a busy week:
     * sales most often (half of a member's with cargo and discount arrangements), then
     * approvals, earnings operations, payout orders, cancels, payout runs, debt changes,
     * rejections and restarts, now and then a bank account failing or recovering. The same seed always gives
     * the same sequence.
     */
    static List<Action> sequence(long seed) {
        Random random = new Random(seed);
        int length = 6 + random.nextInt(19);
        List<Action> actions = new ArrayList<>();
        Operation[] operations = Operation.values();
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(29);
            actions.add(pick < 6 ? sale(random)
                    : pick < 10 ? new Approve(random.nextInt(10), random.nextBoolean(), random.nextInt(3) == 0)
                    : pick < 11 ? new Reject(random.nextInt(10), random.nextBoolean())
                    : pick < 13 ? new Cancel(random.nextInt(10))
                    : pick < 15 ? new Start(random.nextInt(4), random.nextBoolean())
                    : pick < 16 ? new BankFails(random.nextBoolean())
                    : pick < 17 ? new Restart()
                    : pick < 22 ? new Change(random.nextInt(10), operations[random.nextInt(operations.length)],
                            random.nextInt(3) == 0 ? random.nextInt(60_000) - 5_000 : 1 + random.nextInt(2_000),
                            random.nextBoolean())
                    : pick < 25 ? new PayDue(random.nextInt(3) == 0 ? random.nextInt(3) : 7 + random.nextInt(3))
                    : pick < 27 ? new DebtChange(random.nextInt(10), random.nextInt(3), 1 + random.nextInt(5_000))
                    : new MemberBankFails(random.nextInt(3) > 0));
        }
        return actions;
    }

    /** A sale; a member's is calculated by the platform one time in three, and otherwise carries arrangements half the time. */
    private static Sale sale(Random random) {
        int memberCents = 1 + random.nextInt(50_000);
        boolean withMember = random.nextInt(4) > 0;
        int ownFigure = withMember && random.nextInt(3) == 0 ? random.nextInt(memberCents + 1) : -1;
        Arranged arrangement = ownFigure < 0 && random.nextBoolean()
                ? new Arranged(random.nextInt(4), 1 + random.nextInt(80_000), random.nextInt(3), 1 + random.nextInt(2),
                        1 + random.nextInt(80_000))
                : null;
        return new Sale(memberCents, random.nextInt(20_001), withMember, ownFigure, arrangement);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(20_261_124L, 20_261_124L + 23);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theMoneyAlwaysBalances(long seed) throws Exception {
        List<Action> actions = sequence(seed);
        start();
        KasaAdminClient admin = KasaAdminClient.create(base, "property-admin-token");
        CreatedMerchant created = admin.createMerchant("property");
        admin.setMarketplace(created.merchantId(), new Marketplace.Settings(true, true, MarketplaceIT.PLATFORM_IBAN, "Platform", false));
        KasaClient client = KasaClient.builder().baseUri(base).privateKeys(created.privateKey()).publicKeys(created.publicKey()).build();
        long member = MarketplaceIT.member(base, created.publicKey(), "17.5");
        UUID terminalId = Devices.register(client, "Till");
        List<SaleResult> sales = new ArrayList<>();
        UUID lastJob = null;
        TerminalAgent agent = Devices.connected(base, client, terminalId);
        agent.behave(Behaviour.approve());
        try {
            for (Action action : actions) {
                LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Istanbul"));
                switch (action) {
                    case Sale sale -> {
                        String body = ownFigure(MarketplaceIT.sale(terminalId, sale.withMember() ? member : null,
                                sale.memberCents(), sale.ownCents()), sale.ownFigureCents());
                        if (sale.withMember() && sale.arrangement() != null) {
                            body = arranged(body, sale.arrangement());
                        }
                        SaleResult sold = client.payments().syncSaleJson(body);
                        sales.add(sold);
                    }
                    case Approve approve -> {
                        if (!sales.isEmpty()) {
                            long payment = sales.get(approve.which() % sales.size()).paymentId();
                            java.util.concurrent.Callable<Object> call = () -> approve(client, payment, approve.wholePayment());
                            if (approve.racing()) {
                                try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                                    var first = callers.submit(() -> ignoreRefusal(call));
                                    var second = callers.submit(() -> ignoreRefusal(call));
                                    first.get();
                                    second.get();
                                }
                            } else {
                                ignoreRefusal(call);
                            }
                        }
                    }
                    case Reject reject -> {
                        if (!sales.isEmpty()) {
                            long payment = sales.get(reject.which() % sales.size()).paymentId();
                            ignoreRefusal(() -> reject.wholePayment() ? client.marketplace().rejectPayment(payment)
                                    : client.marketplace().reject(List.of(firstProduct(client, payment))));
                        }
                    }
                    case Cancel cancel -> {
                        if (!sales.isEmpty()) {
                            ignoreRefusal(() -> client.payments().syncCancel(
                                    sales.get(cancel.which() % sales.size()).paymentRequestId(), false, Duration.ofSeconds(30)));
                        }
                    }
                    case Change change -> {
                        if (!sales.isEmpty()) {
                            change(client.marketplace(), target(client.marketplace(), sales, change), change, today);
                        }
                    }
                    case PayDue due -> {
                        clock.advance(Duration.ofDays(due.days()));
                        automaticPayouts.run();
                        // a device silent for the days the clock jumped is offline: the till pairs again
                        agent.close();
                        agent = Devices.connected(base, client, terminalId);
                        agent.behave(Behaviour.approve());
                    }
                    case MemberBankFails fails -> {
                        if (fails.failing()) {
                            bank.failAccount(MarketplaceIT.MEMBER_IBAN);
                        } else {
                            bank.healAccount(MarketplaceIT.MEMBER_IBAN);
                        }
                    }
                    case Start start -> {
                        UUID job = ignoreRefusal(() -> client.marketplace().start(Marketplace.PayoutOrder
                                .of(1, today.minusDays(start.daysBack()), today).withTestMode(true)
                                .withSkipExistsControl(start.skipExistsControl())).jobId());
                        if (job != null) {
                            lastJob = job;
                            awaitFinished(job);
                        }
                    }
                    case BankFails fails -> {
                        if (fails.failing()) {
                            bank.failAccount(MarketplaceIT.PLATFORM_IBAN);
                        } else {
                            bank.healAccount(MarketplaceIT.PLATFORM_IBAN);
                        }
                    }
                    case Restart restart -> {
                        UUID job = lastJob;
                        if (job != null && ignoreRefusal(() -> client.marketplace().restart(job)) != null) {
                            awaitFinished(job);
                        }
                    }
                    case DebtChange change -> {
                        List<Marketplace.DebtItem> debts = new ArrayList<>();
                        for (SaleResult sold : sales) {
                            debts.addAll(client.marketplace().debtsOfPayment(sold.paymentId()));
                        }
                        if (!debts.isEmpty()) {
                            long debtId = debts.get(change.which() % debts.size()).debtId();
                            BigDecimal cents = BigDecimal.valueOf(change.cents(), 2);
                            ignoreRefusal(() -> {
                                switch (change.kind()) {
                                    case 0 -> client.marketplace().increaseDebt(debtId, cents);
                                    case 1 -> client.marketplace().decreaseDebt(debtId, cents);
                                    default -> client.marketplace().deleteDebt(debtId);
                                }
                                return debtId;
                            });
                        }
                    }
                }
                assertThat(MoneyInvariants.broken(jdbc)).as("after " + action + " of seed " + seed).isEmpty();
            }
        } finally {
            agent.close();
            bank.healAccount(MarketplaceIT.PLATFORM_IBAN);
            bank.healAccount(MarketplaceIT.MEMBER_IBAN);
        }
        assertThat(MoneyInvariants.broken(jdbc)).isEmpty();
        long paidTwice = jdbc.sql("""
                select count(*) from (select e.id from earning e join payout p on p.id = e.payout_id
                                      where e.status = 'PAID' group by e.id having count(*) > 1) twice""")
                .query(Long.class).single();
        assertThat(paidTwice).isZero();
    }

    /**
     * The sale a change aims at: the drawn one, or for a retry the first sale whose first
     * product's member share the bank refused, when there is one (a retry of nothing failed
     * is only a refusal).
     */
    private static long target(Marketplace marketplace, List<SaleResult> sales, Change change) {
        long drawn = sales.get(change.which() % sales.size()).paymentId();
        if (!change.operation().name().startsWith("RETRY")) {
            return drawn;
        }
        return sales.stream().map(SaleResult::paymentId)
                .filter(payment -> Integer.valueOf(11).equals(marketplace.earningsOfPayment(payment).getFirst().subMerchantEarningStatusId()))
                .findFirst().orElse(drawn);
    }

    /**
     * The change on the sale's first product (its member's share, or the platform's when it
     * has no member) or on that share by id; a refusal must be a 4xx, and a refused change
     * must change nothing, which the money rules after it check.
     */
    private static void change(Marketplace marketplace, long paymentId, Change change, LocalDate today) throws Exception {
        Marketplace.ProductEarning product = marketplace.earningsOfPayment(paymentId).getFirst();
        long share = product.subMerchantEarningId() != null ? product.subMerchantEarningId()
                : product.merchantEarningId() != null ? product.merchantEarningId() : Long.MAX_VALUE;
        BigDecimal amount = BigDecimal.valueOf(change.amount(), 2);
        int days = Math.floorMod(change.amount(), 400);
        LocalDate weekday = today.plusDays(1 + Math.floorMod(change.amount(), 20));
        LocalDate newDate = change.applyAll() ? null : weekday;
        ignoreRefusal(() -> {
            switch (change.operation()) {
                case INCREASE_PRODUCT -> marketplace.increaseProduct(product.productId(), amount, change.applyAll());
                case DECREASE_PRODUCT -> marketplace.decreaseProduct(product.productId(), amount, change.applyAll());
                case INCREASE_ID -> marketplace.increaseEarning(share, amount);
                case DECREASE_ID -> marketplace.decreaseEarning(share, amount);
                case POSTPONE_PRODUCT -> marketplace.postponeProduct(product.productId(), days, change.applyAll());
                case POSTPONE_ID -> marketplace.postponeEarning(share, days);
                case REFLECTION_PRODUCT -> marketplace.reflectProduct(product.productId(), weekday, change.applyAll());
                case RETRY_PRODUCT -> marketplace.retryProduct(product.productId(), newDate, change.applyAll());
                case RETRY_PAYMENT -> marketplace.retryPayment(paymentId, newDate);
                case RETRY_ID -> marketplace.retryEarning(share, newDate);
            }
            return change;
        });
    }

    /** Approves with the calculator each product was calculated by: Kasa's, then the platform's for what is left. */
    private static Object approve(KasaClient client, long payment, boolean wholePayment) {
        Marketplace.ApprovalRequest request = wholePayment ? Marketplace.ApprovalRequest.payment(payment)
                : Marketplace.ApprovalRequest.products(payment, List.of(firstProduct(client, payment)));
        Marketplace.Approval kasa = wholePayment ? client.marketplace().approvePayment(request)
                : client.marketplace().approveProducts(request);
        if (!kasa.fail().isEmpty()) {
            return wholePayment ? client.marketplace().approvePaymentSelf(request) : client.marketplace().approveProductsSelf(request);
        }
        return kasa;
    }

    private static long firstProduct(KasaClient client, long payment) {
        return client.marketplace().approvalReport(payment).notApproved().stream().findFirst()
                .or(() -> client.marketplace().approvalReport(payment).approved().stream().findFirst())
                .orElseThrow().productId();
    }

    private static String ownFigure(String sale, int cents) {
        if (cents < 0) {
            return sale;
        }
        return sale.replaceFirst("\"MemberId\":", "\"MemberEarningCalculated\":true,\"MemberEarning\":"
                + java.math.BigDecimal.valueOf(cents, 2) + ",\"MemberId\":");
    }

    /** The sale's member product (its first) with the arrangement's cargo and discount. */
    private static String arranged(String sale, Arranged arrangement) {
        ObjectNode body = (ObjectNode) JSON.readTree(sale);
        ObjectNode product = (ObjectNode) body.get("Products").get(0);
        product.set("Cargo", JSON.readTree(arrangement.cargoJson()));
        product.set("Discount", JSON.readTree(arrangement.discountJson()));
        return JSON.writeValueAsString(body);
    }

    private static void awaitFinished(UUID jobId) {
        assertThat(Devices.eventually(Duration.ofSeconds(10), () -> {
            String status = jdbc.sql("select status from payout_job where id = :id").param("id", jobId).query(String.class).single();
            return status.equals("SUCCEEDED") || status.equals("FAILED");
        })).isTrue();
    }

    private static <T> T ignoreRefusal(java.util.concurrent.Callable<T> call) throws Exception {
        try {
            return call.call();
        } catch (KasaException refused) {
            assertThat(refused.httpStatus()).as(refused.getMessage()).isBetween(400, 499);
            return null;
        }
    }

    private static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            String dataDir = Files.createTempDirectory("kasa-property-").toString();
            server = new SpringApplicationBuilder(KasaServer.class, MutableClock.InServer.class).run("--server.port=0",
                    "--server.address=127.0.0.1", "--kasa.data-dir=" + dataDir, "--kasa.admin-token=property-admin-token",
                    "--kasa.demo.enabled=false", "--kasa.marketplace.payout-interval=7d");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort());
        jdbc = server.getBean(JdbcClient.class);
        bank = server.getBean(SimulatedBank.class);
        clock = server.getBean(MutableClock.class);
        automaticPayouts = server.getBean(AutomaticPayouts.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
