package io.kasa.server.crash;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.kasa.client.BankAccount;
import io.kasa.client.Callback;
import io.kasa.client.CallbackVerificationException;
import io.kasa.client.CallbackVerifier;
import io.kasa.client.CreatedMerchant;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.Marketplace;
import io.kasa.client.MemberDetails;
import io.kasa.client.TerminalRef;
import io.kasa.client.TerminalRegistration;
import io.kasa.client.ValueDate;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.Devices;
import io.kasa.server.marketplace.MarketplaceIT;
import io.kasa.server.marketplace.MoneyInvariants;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.DeviceOrder;
import io.kasa.terminal.DeviceStore;
import io.kasa.terminal.Outcome;
import io.kasa.terminal.TerminalAgent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test (SPEC §12: nothing lost when a node is SIGKILLed at any moment). While sales
 * flow through several terminals, a node is killed at random moments and started again, many
 * times; then every sale must have exactly one outcome, every callback must have arrived at
 * least once and in order, no payment may be duplicated, the devices and the server must
 * agree on what was charged, and the marketplace's money must balance.
 *
 * <p>The test runs the built jar: one PostgreSQL of its own, {@code kasa.crash.nodes} server
 * processes on it (default 1; with several, the terminals stay on the first and the merchant's
 * calls are spread over all), a callback receiver and terminal agents in this JVM. Settings,
 * all system properties: {@code kasa.crash.kills} (default 5), {@code kasa.crash.seed} (default
 * random; printed, and a failing run is replayed with it as far as timing allows),
 * {@code kasa.crash.nodes}, {@code kasa.crash.terminals} (default 3). The long run is
 * documented in {@code docs/operations.md}.
 */
class CrashRecoveryIT {

    private static final String ADMIN_TOKEN = "kat_crash-admin-token-0123456789";
    private static final Duration PACE = Duration.ofMillis(80);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);

    /** What the server must do quickly for the test to be short: every timer shortened, loopback callbacks allowed. */
    private static final List<String> NODE_SETTINGS = List.of(
            "--kasa.callback.allow-loopback=true",
            "--kasa.callback.timeout=2s",
            "--kasa.callback.lease=3s",
            "--kasa.callback.initial-delay=200ms",
            "--kasa.callback.max-delay=1s",
            "--kasa.callback.poll=100ms",
            "--kasa.device.heartbeat=1s",
            "--kasa.device.idle-timeout=5s",
            "--kasa.payment.order-ttl=15s",
            "--kasa.payment.outcome-deadline=3s",
            "--kasa.payment.timer-interval=250ms",
            "--kasa.marketplace.payout-interval=1s",
            "--kasa.marketplace.recovery-interval=1s",
            "--kasa.marketplace.stalled-after=3s",
            "--kasa.database.max-pool-size=10",
            // Nodes start, and restart after a kill, while the others serve the traffic: on a
            // machine with every core busy, opening the first connection (a PostgreSQL backend
            // forked and logged in) can take longer than the 2 s that decide an outage, and a
            // node that gives up at start fails the run for a reason this test is not about.
            "--kasa.database.connection-timeout=10s");

    @Test
    void everySaleEndsOnceAndEveryCallbackArrivesWhileNodesAreKilled() throws Exception {
        long seed = Long.getLong("kasa.crash.seed", new SecureRandom().nextLong());
        int kills = Integer.getInteger("kasa.crash.kills", 5);
        int nodeCount = Integer.getInteger("kasa.crash.nodes", 2);
        int terminalCount = Integer.getInteger("kasa.crash.terminals", 3);
        System.out.printf("CrashRecoveryIT: seed %d, %d kills, %d nodes, %d terminals (-Dkasa.crash.seed=%d replays it)%n",
                seed, kills, nodeCount, terminalCount, seed);
        Path work = Files.createDirectories(Path.of("target", "crash-recovery").toAbsolutePath())
                .resolve("seed-" + seed + "-" + System.currentTimeMillis());
        long started = System.nanoTime();

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             CallbackReceiver receiver = CallbackReceiver.start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/kasa_crash";
            try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
                sql.execute("create role kasa_crash login password 'crash-pw'");
                sql.execute("create database kasa_crash owner kasa_crash");
            }
            byte[] masterKey = new byte[32];
            new Random(seed).nextBytes(masterKey);
            Map<String, String> environment = Map.of(
                    "KASA_DATABASE_URL", url, "KASA_DATABASE_USERNAME", "kasa_crash", "KASA_DATABASE_PASSWORD", "crash-pw",
                    "KASA_ADMIN_TOKEN", ADMIN_TOKEN, "KASA_MASTER_KEY", Base64.getEncoder().encodeToString(masterKey));

            try (HikariDataSource database = dataSource(url);
                 ServerNodes nodes = new ServerNodes(nodeCount, environment, NODE_SETTINGS, work)) {
                nodes.startAll();
                JdbcClient jdbc = JdbcClient.create(database);
                Shop shop = Shop.open(nodes, terminalCount, work.resolve("devices"), receiver.uri("/crash"));
                try {
                    Random random = new Random(seed);
                    SaleTraffic traffic = new SaleTraffic(nodes, shop.clients(), shop.tills(), shop.members(),
                            receiver.uri("/crash"), jdbc, new Random(random.nextLong()), PACE);
                    int killed = runWithKills(nodes, traffic, random, kills);

                    List<String> problems = new ArrayList<>(settle(jdbc, shop, receiver));
                    problems.addAll(traffic.surprises());
                    problems.addAll(checkSales(jdbc, shop, traffic));
                    problems.addAll(checkCallbacks(jdbc, shop, receiver));
                    problems.addAll(checkDevices(jdbc, shop));
                    problems.addAll(checkEarnings(jdbc, shop));
                    problems.addAll(MoneyInvariants.broken(jdbc));

                    Summary summary = Summary.of(jdbc, shop, traffic, receiver, killed, started);
                    System.out.println("CrashRecoveryIT: " + summary + "; logs in " + work);
                    assertThat(problems).as("seed %d; node logs in %s", seed, work).isEmpty();
                    assertThat(summary.sales()).as("sales went through").isPositive();
                    if (killed > 0) {
                        assertThat(traffic.retriedSales()).as("some sales lost their answer to a kill and were retried").isPositive();
                    }
                    assertThat(summary.jobsSucceeded()).as("payout orders ran").isPositive();
                    assertThat(summary.automaticPayouts()).as("automatic payouts ran").isPositive();
                } finally {
                    shop.close();
                }
            }
        }
    }

    /**
     * Runs the traffic while this thread kills a random node at random moments, restarting each
     * on its port and waiting until it is healthy before the next kill; the traffic goes on for
     * 40 more requests after the last restart (one of them a payout order), so the restarted node
     * serves new requests too.
     */
    private static int runWithKills(ServerNodes nodes, SaleTraffic traffic, Random random, int kills) throws Exception {
        AtomicBoolean loadOn = new AtomicBoolean(true);
        List<Throwable> driverFailure = new ArrayList<>();
        Thread driver = Thread.ofVirtual().name("sale-traffic").start(() -> {
            try {
                traffic.run(loadOn::get);
            } catch (InterruptedException | RuntimeException e) {
                driverFailure.add(e);
            }
        });
        int killed = 0;
        try {
            awaitCondition(Duration.ofSeconds(30), () -> traffic.issued() >= 15, "the traffic started");
            for (int k = 1; k <= kills; k++) {
                Thread.sleep(300 + random.nextInt(2_700));
                ServerNodes.Node victim = nodes.node(random.nextInt(nodes.size()));
                // kill while a sync sale waits on the victim, so that a sale's answer is lost
                // for certain, not only when a kill happens to land on one
                awaitCondition(Duration.ofSeconds(30), () -> traffic.syncSaleInFlight(victim),
                        "a sync sale in flight on " + victim);
                nodes.kill(victim);
                killed++;
                long down = System.nanoTime();
                nodes.restart(victim);
                System.out.printf("CrashRecoveryIT: kill %d/%d of %s after %d requests, up again in %d ms%n",
                        k, kills, victim, traffic.issued(), (System.nanoTime() - down) / 1_000_000);
            }
            int issued = traffic.issued();
            awaitCondition(Duration.ofSeconds(60), () -> traffic.issued() >= issued + 40,
                    "the traffic went on after the last restart, a payout order included");
        } finally {
            loadOn.set(false);
            driver.join();
        }
        assertThat(driverFailure).as("the traffic ran to its end").isEmpty();
        return killed;
    }

    /**
     * Waits until everything owed has happened: every order of the merchant is final and no
     * device holds one, every callback is delivered and arrived, and no payout is unfinished.
     * What did not happen in time is a problem; the checks that follow say what exactly is missing.
     */
    private static List<String> settle(JdbcClient jdbc, Shop shop, CallbackReceiver receiver) {
        List<String> problems = new ArrayList<>();
        awaitOrNote(problems, () -> jdbc.sql("""
                        select count(*) from payment_order o join payment p on p.id = o.payment_id
                        where p.merchant_id = :merchant and o.status_id not in (3, 4, 5, 12)""")
                .param("merchant", shop.merchantId()).query(Long.class).single() == 0
                && shop.tills().stream().allMatch(till -> till.agent().pendingOrders().isEmpty()),
                "every order has its outcome and no device holds one");
        awaitOrNote(problems, () -> {
            Set<String> arrived = new HashSet<>();
            receiver.received().forEach(callback -> arrived.add(callback.eventId()));
            return jdbc.sql("""
                            select a.id from payment_activity a join payment p on p.id = a.payment_id
                            where p.merchant_id = :merchant and p.callback_address is not null and a.sequence >= 2""")
                    .param("merchant", shop.merchantId()).query(UUID.class).list().stream()
                    .allMatch(event -> arrived.contains(event.toString()));
        }, "every callback arrived");
        awaitOrNote(problems, () -> jdbc.sql("""
                        select (select count(*) from payout_job where status in ('CREATED', 'RUNNING'))
                             + (select count(*) from payout where status = 'IN_FLIGHT')""")
                .query(Long.class).single() == 0, "no payout is unfinished");
        return problems;
    }

    private static void awaitOrNote(List<String> problems, BooleanSupplier condition, String what) {
        if (!Devices.eventually(SETTLE_LIMIT, condition)) {
            problems.add("not within " + SETTLE_LIMIT.toSeconds() + " s after the traffic stopped: " + what);
        }
    }

    /**
     * One row per MerchantUniqueCode, each from a sale the back-end sent, every answer for a code
     * naming that row; each payment one sale order and at most one live cancel; each order exactly
     * one final activity, its last; the payment mirroring its latest activity, sequences 1..n.
     */
    private static List<String> checkSales(JdbcClient jdbc, Shop shop, SaleTraffic traffic) {
        List<String> problems = new ArrayList<>();
        Map<String, UUID> stored = new HashMap<>();
        jdbc.sql("select merchant_unique_code, id from payment where merchant_id = :merchant")
                .param("merchant", shop.merchantId())
                .query((row, n) -> stored.put(row.getString(1), row.getObject(2, UUID.class)))
                .list();
        Set<String> sent = new HashSet<>();
        for (SaleTraffic.SaleRecord sale : traffic.sales()) {
            String code = sale.sale.code();
            sent.add(code);
            UUID row = stored.get(code);
            Set<UUID> answered = new HashSet<>(sale.answers);
            if (!answered.isEmpty() && (answered.size() > 1 || !answered.contains(row))) {
                problems.add("sale " + code + " was answered with " + answered + " but stored as " + row);
            }
            if (answered.isEmpty() && sale.refusal != null && row != null) {
                Integer status = jdbc.sql("select status_id from payment_order where payment_id = :id and type_id = 1")
                        .param("id", row).query(Integer.class).single();
                if (status != 3) {
                    problems.add("sale " + code + " was refused with " + sale.refusal + " but its order ended in " + status);
                }
            }
        }
        stored.keySet().stream().filter(code -> !sent.contains(code))
                .forEach(code -> problems.add("payment " + stored.get(code) + " has a code the back-end never sent: " + code));
        jdbc.sql("""
                        select o.id, o.status_id, count(*) filter (where a.status_id in (3, 4, 5, 12)) as finals,
                               (array_agg(a.status_id order by a.sequence desc))[1] as last_status
                        from payment_order o join payment p on p.id = o.payment_id
                        left join payment_activity a on a.order_id = o.id
                        where p.merchant_id = :merchant
                        group by o.id, o.status_id
                        having count(*) filter (where a.status_id in (3, 4, 5, 12)) <> 1
                            or (array_agg(a.status_id order by a.sequence desc))[1] is distinct from o.status_id""")
                .param("merchant", shop.merchantId())
                .query((row, n) -> "order " + row.getObject("id") + " in status " + row.getInt("status_id") + " has "
                        + row.getInt("finals") + " final activities, the last in " + row.getObject("last_status"))
                .list().forEach(problems::add);
        jdbc.sql("""
                        select p.id from payment p
                        where p.merchant_id = :merchant and (
                            (select count(*) from payment_order o where o.payment_id = p.id and o.type_id = 1) <> 1
                            or (select count(*) from payment_order o
                                where o.payment_id = p.id and o.type_id = 2 and o.status_id not in (3, 5, 12)) > 1)""")
                .param("merchant", shop.merchantId())
                .query((row, n) -> "payment " + row.getObject(1) + " has other than one sale order, or two live cancels")
                .list().forEach(problems::add);
        jdbc.sql("""
                        select p.id from payment p
                        join lateral (select count(*) as n, min(sequence) as first, max(sequence) as last,
                                             (array_agg(id order by sequence desc))[1] as latest,
                                             (array_agg(status_id order by sequence desc))[1] as latest_status,
                                             (array_agg(type_id order by sequence desc))[1] as latest_type
                                      from payment_activity a where a.payment_id = p.id) h on true
                        where p.merchant_id = :merchant
                          and (h.first <> 1 or h.last <> h.n or p.activity_id <> h.latest
                               or p.payment_status_id <> h.latest_status or p.payment_type_id <> h.latest_type)""")
                .param("merchant", shop.merchantId())
                .query((row, n) -> "payment " + row.getObject(1) + " does not mirror its history of activities 1..n")
                .list().forEach(problems::add);
        return problems;
    }

    /**
     * Every status change after creation of every payment was called back at least once, with
     * its own event id, sequence and status, signed with the merchant's key; per payment the
     * first arrivals come in sequence order, none skipped. Nothing arrived that did not happen.
     */
    private static List<String> checkCallbacks(JdbcClient jdbc, Shop shop, CallbackReceiver receiver) {
        record Event(UUID id, UUID paymentId, int sequence, int statusId, int typeId) {
        }
        List<String> problems = new ArrayList<>();
        Map<UUID, Event> events = new HashMap<>();
        Map<UUID, List<Integer>> expected = new HashMap<>();
        jdbc.sql("""
                        select a.id, a.payment_id, a.sequence, a.status_id, a.type_id
                        from payment_activity a join payment p on p.id = a.payment_id
                        where p.merchant_id = :merchant and p.callback_address is not null and a.sequence >= 2
                        order by a.payment_id, a.sequence""")
                .param("merchant", shop.merchantId())
                .query((row, n) -> new Event(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getInt(3),
                        row.getInt(4), row.getInt(5)))
                .list().forEach(event -> {
                    events.put(event.id(), event);
                    expected.computeIfAbsent(event.paymentId(), id -> new ArrayList<>()).add(event.sequence());
                });
        CallbackVerifier verifier = CallbackVerifier.forKeys(List.of(shop.webhookKey())).withTolerance(Duration.ofHours(1));
        Map<UUID, List<Integer>> firstArrivals = new LinkedHashMap<>();
        Set<UUID> seen = new HashSet<>();
        for (CallbackReceiver.Received received : receiver.received()) {
            Callback callback;
            try {
                callback = verifier.verify(received.body(), received.signature());
            } catch (CallbackVerificationException e) {
                problems.add("callback " + received.eventId() + " does not verify: " + e.reason());
                continue;
            }
            Event event = events.get(callback.paymentRequestActivityId());
            if (event == null) {
                problems.add("callback " + received.eventId() + " is for no status change of the merchant's payments");
                continue;
            }
            if (!callback.paymentRequestActivityId().toString().equals(received.eventId())
                    || received.sequence() != event.sequence() || callback.paymentStatusId() != event.statusId()
                    || callback.paymentTypeId() != event.typeId() || !callback.paymentRequestId().equals(event.paymentId())) {
                problems.add("callback " + received.eventId() + " (sequence " + received.sequence() + ", status "
                        + callback.paymentStatusId() + ") does not match its change " + event);
            }
            if (seen.add(event.id())) {
                firstArrivals.computeIfAbsent(event.paymentId(), id -> new ArrayList<>()).add(event.sequence());
            }
        }
        expected.forEach((payment, sequences) -> {
            List<Integer> arrived = firstArrivals.getOrDefault(payment, List.of());
            if (!arrived.equals(sequences)) {
                problems.add("payment " + payment + ": callbacks " + sequences + " are owed, first arrivals were " + arrived);
            }
        });
        return problems;
    }

    /**
     * The devices and the server agree: an order a device settled as approved is Successful,
     * as declined is Failed; one it dropped ended in 3 or 12; and every order the server
     * records as approved or declined was reported so by its device.
     */
    private static List<String> checkDevices(JdbcClient jdbc, Shop shop) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> stored = new HashMap<>();
        jdbc.sql("""
                        select o.id, o.status_id from payment_order o join payment p on p.id = o.payment_id
                        where p.merchant_id = :merchant""")
                .param("merchant", shop.merchantId())
                .query((row, n) -> stored.put(row.getObject(1).toString(), row.getInt(2)))
                .list();
        Set<String> reported = new HashSet<>();
        for (SaleTraffic.Till till : shop.tills()) {
            for (String orderId : till.agent().receivedOrderIds()) {
                DeviceOrder order = till.agent().order(orderId).orElse(null);
                Integer status = stored.get(orderId);
                if (order == null || status == null) {
                    problems.add("order " + orderId + " is " + (order == null ? "gone from its device" : "unknown to the server"));
                    continue;
                }
                int expected = switch (order.progress()) {
                    case SETTLED -> order.outcome().result() == Outcome.Result.APPROVED ? 4 : 5;
                    case WITHDRAWN -> status == 12 ? 12 : 3;
                    default -> -1;
                };
                if (order.progress() == DeviceOrder.Progress.SETTLED) {
                    reported.add(orderId);
                }
                if (status != expected) {
                    problems.add("order " + orderId + " is " + order.progress() + " on its device but " + status + " on the server");
                }
            }
        }
        stored.forEach((orderId, status) -> {
            if ((status == 4 || status == 5) && !reported.contains(orderId)) {
                problems.add("order " + orderId + " ended in " + status + " but no device reported it");
            }
        });
        return problems;
    }

    /**
     * No earning is lost or made up: every product of a successful sale has its shares, no
     * other sale has any, and a successful cancel left none waiting to be paid.
     */
    private static List<String> checkEarnings(JdbcClient jdbc, Shop shop) {
        List<String> problems = new ArrayList<>();
        jdbc.sql("""
                        select pr.id from payment_product pr
                        join payment p on p.id = pr.payment_id
                        join payment_order o on o.payment_id = p.id and o.type_id = 1 and o.status_id = 4
                        where p.merchant_id = :merchant and not exists (select 1 from earning e where e.product_id = pr.id)""")
                .param("merchant", shop.merchantId())
                .query((row, n) -> "product " + row.getObject(1) + " of a successful sale has no earnings")
                .list().forEach(problems::add);
        jdbc.sql("""
                        select distinct e.payment_id from earning e
                        join payment_order o on o.payment_id = e.payment_id and o.type_id = 1
                        where e.merchant_id = :merchant and o.status_id <> 4""")
                .param("merchant", shop.merchantId())
                .query((row, n) -> "payment " + row.getObject(1) + " has earnings but its sale did not succeed")
                .list().forEach(problems::add);
        jdbc.sql("""
                        select distinct e.payment_id from earning e
                        join payment_order o on o.payment_id = e.payment_id and o.type_id = 2 and o.status_id = 4
                        where e.merchant_id = :merchant and e.status in ('POOLED', 'SCHEDULED')""")
                .param("merchant", shop.merchantId())
                .query((row, n) -> "payment " + row.getObject(1) + " was cancelled but its earnings still wait to be paid")
                .list().forEach(problems::add);
        return problems;
    }

    private static void awaitCondition(Duration limit, BooleanSupplier condition, String what) {
        assertThat(Devices.eventually(limit, condition)).as("within %s: %s", limit, what).isTrue();
    }

    private static HikariDataSource dataSource(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("kasa_crash");
        config.setPassword("crash-pw");
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /**
     * The merchant, set up through the operator and merchant APIs: marketplace on with the
     * manual trigger, two members, and terminals paired with agents that keep their orders in
     * directories and hold their connections to the first node.
     */
    private record Shop(UUID merchantId, String webhookKey, List<KasaClient> clients, List<Long> members,
                        List<SaleTraffic.Till> tills) implements AutoCloseable {

        static Shop open(ServerNodes nodes, int terminalCount, Path deviceDir, URI callbacks) {
            URI first = nodes.node(0).base();
            KasaAdminClient admin = KasaAdminClient.create(first, ADMIN_TOKEN);
            CreatedMerchant created = admin.createMerchant("crash");
            admin.setMarketplace(created.merchantId(), new Marketplace.Settings(true, true, MarketplaceIT.PLATFORM_IBAN, "Platform", true));
            List<KasaClient> clients = nodes.all().stream()
                    // SaleTraffic retries lost answers itself and counts them: the SDK sends each call once.
                    .map(node -> KasaClient.builder().baseUri(node.base()).privateKeys(created.privateKey())
                            .publicKeys(created.publicKey()).requestTimeout(Duration.ofSeconds(20)).maxRetries(0).build())
                    .toList();
            KasaClient merchant = clients.getFirst();
            List<Long> members = List.of(member(merchant, "berber", "12.50"), member(merchant, "kuafor", "30"));
            List<SaleTraffic.Till> tills = new ArrayList<>();
            for (int i = 0; i < terminalCount; i++) {
                UUID terminalId = merchant.terminals().register(TerminalRegistration.of("Till " + i, "SN-CRASH-" + i));
                String code = merchant.pairing().request(TerminalRef.id(terminalId)).pairCode();
                TerminalAgent agent = TerminalAgent.builder()
                        .server(first)
                        .store(DeviceStore.inDirectory(deviceDir.resolve("till-" + i)))
                        .serialNo("CRASH-" + i)
                        .model("kasa-agent")
                        .appVersion("crash-test")
                        .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                        .behaviour(Behaviour.approveAfter(Duration.ofMillis(100 + 100L * i)))
                        .build();
                tills.add(new SaleTraffic.Till(terminalId, agent));
                try {
                    agent.pair(code);
                } catch (Exception e) {
                    throw new AssertionError("pairing till " + i + " failed", e);
                }
                agent.start();
                assertThat(agent.awaitConnected(Duration.ofSeconds(20))).as("till %d connected", i).isTrue();
            }
            return new Shop(created.merchantId(), created.webhookKey().secret(), clients, members, tills);
        }

        private static long member(KasaClient merchant, String externalId, String commission) {
            return merchant.members().create(MemberDetails.of(true, 1, externalId, "Berber Ali", "Ali Yılmaz",
                            "ali@example.com", "+905551112233", "Kadıköy, İstanbul")
                    .withMemberIdentityNumber("10000000146")
                    .withContact("Ali", "Yılmaz")
                    .withBankAccounts(List.of(BankAccount.of(1, "Ali Yılmaz", MarketplaceIT.MEMBER_IBAN)))
                    .withValueDate(ValueDate.plusDays(7, new BigDecimal(commission)))).id();
        }

        @Override
        public void close() {
            tills.forEach(till -> till.agent().close());
        }
    }

    /** What the run did, for the log and the documentation. */
    private record Summary(int kills, long sales, long syncSales, int cancels, int repeats, long retriedSales,
                           int lostAnswers, long callbacks, long callbackDuplicates, long jobsSucceeded,
                           long automaticPayouts, int payoutOrders, int payoutRefusals, Map<Integer, Long> outcomes, long seconds) {

        static Summary of(JdbcClient jdbc, Shop shop, SaleTraffic traffic, CallbackReceiver receiver, int kills, long started) {
            List<SaleTraffic.SaleRecord> sales = traffic.sales();
            Map<Integer, Long> outcomes = new TreeMap<>();
            jdbc.sql("""
                            select o.status_id, count(*) from payment_order o join payment p on p.id = o.payment_id
                            where p.merchant_id = :merchant and o.type_id = 1 group by o.status_id""")
                    .param("merchant", shop.merchantId())
                    .query((row, n) -> outcomes.put(row.getInt(1), row.getLong(2))).list();
            List<CallbackReceiver.Received> callbacks = receiver.received();
            long distinct = callbacks.stream().map(CallbackReceiver.Received::eventId).distinct().count();
            return new Summary(kills, sales.size(), sales.stream().filter(sale -> sale.sale.sync()).count(), traffic.cancels(),
                    traffic.repeats(), traffic.retriedSales(), traffic.lostAnswers(), distinct, callbacks.size() - distinct,
                    jdbc.sql("select count(*) from payout_job where merchant_id = :merchant and status = 'SUCCEEDED' and earning_count > 0")
                            .param("merchant", shop.merchantId()).query(Long.class).single(),
                    jdbc.sql("select count(*) from payout where merchant_id = :merchant and job_id is null and status = 'SUCCEEDED'")
                            .param("merchant", shop.merchantId()).query(Long.class).single(),
                    traffic.payoutOrders(), traffic.payoutRefusals(), outcomes, (System.nanoTime() - started) / 1_000_000_000);
        }

        @Override
        public String toString() {
            return kills + " kills, " + sales + " sales (" + syncSales + " sync; sale outcomes by status " + outcomes + "), "
                    + cancels + " cancels, " + repeats + " repeated sales, " + retriedSales + " sales retried after "
                    + lostAnswers + " lost answers, " + callbacks + " callbacks (" + callbackDuplicates + " duplicates), "
                    + jobsSucceeded + " payout orders paid of " + payoutOrders + " accepted (" + payoutRefusals + " refused while one ran), "
                    + automaticPayouts
                    + " automatic payouts, " + seconds + " s";
        }
    }
}
