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
 * A property-based test: random sequences of sales (with cargo and discount arrangements),
 * cancels, payout orders, automatic payouts on the business clock, bank failures, restarts
 * and debt changes against a real server, drawn from fixed seeds so that any failure can be
 * replayed. After every sequence the money rules hold — shares less debts add up to sales;
 * the pool, the orders and the payments balance; debts are settled once; nothing is paid
 * twice.
 */
class MarketplacePropertyIT {

    private static ConfigurableApplicationContext server;
    private static URI base;
    private static JdbcClient jdbc;
    private static SimulatedBank bank;
    private static MutableClock clock;
    private static AutomaticPayouts automaticPayouts;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    sealed interface Action permits Sale, Cancel, Start, BankFails, Restart, Payday, MemberBankFails, DebtChange {
    }

    /** A sale; {@code arrangement}, when not null, is the member product's cargo and discount. */
    record Sale(int memberCents, int ownCents, boolean withMember, Arranged arrangement) implements Action {
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

    /** The business clock moves {@code days} forward and an automatic payout run pays what is due. */
    record Payday(int days) implements Action {
    }

    record MemberBankFails(boolean failing) implements Action {
    }

    /** A change of one of the merchant's debts: 0 increase, 1 decrease, 2 delete. */
    record DebtChange(int which, int kind, int cents) implements Action {
    }

    record Cancel(int which) implements Action {
    }

    record Start(int daysBack, boolean skipExistsControl) implements Action {
    }

    record BankFails(boolean failing) implements Action {
    }

    record Restart() implements Action {
    }

    /**
     * A random sequence of 3–18 actions drawn from the seed, weighted like a busy day:
     * sales most often (most of them a member's, half of those with cargo and discount
     * arrangements), then payout orders, cancels, paydays of the automatic payouts and debt
     * changes, now and then the platform's or the member's bank failing or recovering, and
     * restarts. The same seed always gives the same sequence.
     */
    static List<Action> sequence(long seed) {
        Random random = new Random(seed);
        int length = 3 + random.nextInt(16);
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(21);
            actions.add(pick < 6 ? new Sale(1 + random.nextInt(50_000), random.nextInt(20_001), random.nextInt(4) > 0,
                    random.nextInt(3) > 0 ? new Arranged(random.nextInt(4), 1 + random.nextInt(80_000), random.nextInt(3),
                            1 + random.nextInt(2), 1 + random.nextInt(80_000)) : null)
                    : pick < 9 ? new Cancel(random.nextInt(10))
                    : pick < 12 ? new Start(random.nextInt(4), random.nextBoolean())
                    : pick < 13 ? new BankFails(random.nextBoolean())
                    : pick < 14 ? new Restart()
                    : pick < 17 ? new Payday(1 + random.nextInt(10))
                    : pick < 18 ? new MemberBankFails(random.nextBoolean())
                    : new DebtChange(random.nextInt(10), random.nextInt(3), 1 + random.nextInt(5_000)));
        }
        return actions;
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(20_261_124L, 20_261_124L + 19);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theMoneyAlwaysBalances(long seed) throws Exception {
        List<Action> actions = sequence(seed);
        start();
        KasaAdminClient admin = KasaAdminClient.create(base, "property-admin-token");
        CreatedMerchant created = admin.createMerchant("property");
        admin.setMarketplace(created.merchantId(), new Marketplace.Settings(true, true, MarketplaceIT.PLATFORM_IBAN, "Platform"));
        KasaClient client = KasaClient.builder().baseUri(base).privateKeys(created.privateKey()).publicKeys(created.publicKey()).build();
        long member = MarketplaceIT.member(base, created.publicKey(), "17.5");
        UUID terminalId = Devices.register(client, "Till");
        List<UUID> sales = new ArrayList<>();
        List<Long> paymentIds = new ArrayList<>();
        UUID lastJob = null;
        TerminalAgent[] till = {Devices.connected(base, client, terminalId)};
        till[0].behave(Behaviour.approve());
        try {
            for (Action action : actions) {
                switch (action) {
                    case Sale sale -> {
                        String body = MarketplaceIT.sale(terminalId, sale.withMember() ? member : null, sale.memberCents(),
                                sale.ownCents());
                        if (sale.withMember() && sale.arrangement() != null) {
                            body = arranged(body, sale.arrangement());
                        }
                        SaleResult result = client.payments().syncSaleJson(body);
                        sales.add(result.paymentRequestId());
                        paymentIds.add(result.paymentId());
                    }
                    case Cancel cancel -> {
                        if (!sales.isEmpty()) {
                            ignoreRefusal(() -> client.payments().syncCancel(sales.get(cancel.which() % sales.size()), false,
                                    Duration.ofSeconds(30)));
                        }
                    }
                    case Start start -> {
                        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Istanbul"));
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
                    case Payday payday -> {
                        clock.advance(Duration.ofDays(payday.days()));
                        automaticPayouts.run();
                        // The jump makes the till's connection look idle and the server ends
                        // it at its next sweep; a till connected after the jump cannot race it.
                        till[0].close();
                        till[0] = Devices.connected(base, client, terminalId);
                        till[0].behave(Behaviour.approve());
                    }
                    case MemberBankFails fails -> {
                        if (fails.failing()) {
                            bank.failAccount(MarketplaceIT.MEMBER_IBAN);
                        } else {
                            bank.healAccount(MarketplaceIT.MEMBER_IBAN);
                        }
                    }
                    case DebtChange change -> {
                        List<Marketplace.DebtItem> debts = new ArrayList<>();
                        for (long paymentId : paymentIds) {
                            debts.addAll(client.marketplace().debtsOfPayment(paymentId));
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
            }
        } finally {
            till[0].close();
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
