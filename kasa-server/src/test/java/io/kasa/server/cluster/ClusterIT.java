package io.kasa.server.cluster;

import io.kasa.client.CallbackDelivery;
import io.kasa.client.CallbackState;
import io.kasa.client.CreatedMerchant;
import io.kasa.client.IssuedKey;
import io.kasa.client.KasaAdminClient;
import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.Marketplace;
import io.kasa.client.PairRequest;
import io.kasa.client.PairStatus;
import io.kasa.client.SaleResult;
import io.kasa.client.TerminalRef;
import io.kasa.server.CallbackReceiver;
import io.kasa.server.Devices;
import io.kasa.server.KasaServer;
import io.kasa.server.MutableClock;
import io.kasa.server.RawHttp;
import io.kasa.server.Seeds;
import io.kasa.server.marketplace.AutomaticPayouts;
import io.kasa.server.marketplace.MarketplaceIT;
import io.kasa.server.marketplace.MoneyInvariants;
import io.kasa.server.shared.BusinessTime;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.DeviceOrder;
import io.kasa.terminal.DeviceStore;
import io.kasa.terminal.Pairing;
import io.kasa.terminal.TerminalAgent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static io.kasa.server.Devices.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several server nodes on one PostgreSQL, in one JVM on different ports. Terminals reach the
 * nodes through a {@link LoadBalancer} that sends them to node A while it runs; the merchant
 * calls node B. Everything a merchant and a device do works across the two, and what runs in
 * the background (callbacks, order expiry, the outcome deadline, payouts) happens once while
 * both nodes run it.
 */
class ClusterIT {

    private static final String ADMIN_TOKEN = "kat_cluster-admin-token-0123456789";
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Both nodes share one clock, which only the payout test moves. */
    private static final MutableClock CLOCK = new MutableClock();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Requests without keys, per source address: small, so that a test can spend a burst. */
    private static final int SOURCE_BURST = 60;
    private static final double SOURCE_PER_SECOND = 0.1;
    /** How many requests a node counts locally before it writes them to the shared bucket. */
    private static final int SYNC_TOKENS = 4;
    private static final int PAIR_CHECK_BURST = 10;
    private static final double PAIR_CHECKS_PER_SECOND = 4;
    /** Far longer than any test waits, so only the cluster's messages can make a node forget what it keeps. */
    private static final Duration CACHE_EXPIRY = Duration.ofMinutes(10);

    private static EmbeddedPostgres postgres;
    private static String databaseUrl;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static URI baseA;
    private static URI baseB;
    private static LoadBalancer toA;
    private static JdbcClient database;

    private final List<TerminalAgent> agents = new ArrayList<>();
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    /** Replaces the business clock of a node with the shared test clock; not scanned, passed as a source. */
    static final class SharedClock {
        @Bean
        @Primary
        BusinessTime sharedBusinessTime() {
            return new BusinessTime(CLOCK, ZoneId.of("Europe/Istanbul"));
        }
    }

    @BeforeAll
    static void startCluster() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("create role kasa_cluster login password 'cluster-pw'");
            sql.execute("create database kasa_cluster owner kasa_cluster");
        }
        databaseUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/kasa_cluster";
        nodeA = startNode("a");
        nodeB = startNode("b");
        baseA = baseOf(nodeA);
        baseB = baseOf(nodeB);
        toA = LoadBalancer.start(List.of(portOf(nodeA)));
        database = nodeA.getBean(JdbcClient.class);
        assertThat(eventually(PATIENCE, () -> nodeA.getBean(Cluster.class).peers().equals(Set.of("b"))
                && nodeB.getBean(Cluster.class).peers().equals(Set.of("a")))).as("the nodes know each other").isTrue();
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (toA != null) {
            toA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(TerminalAgent::close);
        requests.shutdownNow();
    }

    @Test
    void anAsyncSaleOnNodeBReachesATerminalConnectedToNodeA() {
        Merchant merchant = merchant("async");
        UUID terminalId = terminalOnA(merchant, Behaviour.approve());

        assertThat(eventually(PATIENCE, () -> merchant.viaB().terminals().connectivity(TerminalRef.id(terminalId))
                .isSocketConnected())).as("node B sees the connection held by node A").isTrue();
        assertThat(merchant.viaB().terminals().list(0, 10).items().getFirst().isSocketConnected()).isTrue();

        SaleResult sale = merchant.viaB().payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));

        assertThat(eventually(PATIENCE, () -> status(merchant.viaB(), sale.paymentRequestId()) == 4)).isTrue();
        assertThat(steps(merchant.viaB(), sale.paymentRequestId())).containsExactly("1:1", "1:10", "1:2", "1:11", "1:4");
    }

    @Test
    void aSyncSaleHeldOnNodeBIsAnsweredWhenTheDeviceReportsThroughNodeA() {
        Merchant merchant = merchant("sync");
        TerminalAgent agent = agentOnA(merchant, Behaviour.manual());
        UUID terminalId = UUID.fromString(agent.terminalId().orElseThrow());

        CompletableFuture<SaleResult> approved = hold(merchant.viaB(), Seeds.syncSale(terminalId, UUID.randomUUID().toString()));
        DeviceOrder first = agent.awaitOrder(PATIENCE).orElseThrow();
        assertThat(approved).as("held until the device reports").isNotDone();
        agent.approve(first.orderId());

        assertThat(eventually(PATIENCE, approved::isDone)).as("answered long before its wait limit").isTrue();
        assertThat(approved.join().paymentStatus()).isEqualTo(4);

        CompletableFuture<SaleResult> declined = hold(merchant.viaB(), Seeds.syncSale(terminalId, UUID.randomUUID().toString()));
        agent.decline(agent.awaitOrder(PATIENCE).orElseThrow().orderId());
        assertThat(eventually(PATIENCE, declined::isDone)).isTrue();
        assertThat(declined.join().paymentStatus()).isEqualTo(5);
    }

    @Test
    void cancelsAndRollbacksOnNodeBReachTheDeviceOnNodeA() {
        Merchant merchant = merchant("cancel");
        TerminalAgent agent = agentOnA(merchant, Behaviour.approve());
        UUID terminalId = UUID.fromString(agent.terminalId().orElseThrow());
        KasaClient viaB = merchant.viaB();

        SaleResult sale = viaB.payments().syncSaleJson(Seeds.syncSale(terminalId, UUID.randomUUID().toString()));
        assertThat(sale.paymentStatus()).isEqualTo(4);
        SaleResult cancel = viaB.payments().syncCancel(sale.paymentRequestId(), false, Duration.ofSeconds(100));
        assertThat(cancel.paymentStatus()).isEqualTo(4);
        assertThat(cancel.paymentRequestActivityTypeId()).isEqualTo(2);

        agent.behave(Behaviour.ignore());
        SaleResult pending = viaB.payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
        assertThat(eventually(PATIENCE, () -> status(viaB, pending.paymentRequestId()) == 2)).isTrue();
        assertThat(viaB.payments().rollbackSale(pending.paymentRequestId()).paymentStatus()).isEqualTo(12);
        assertThat(agent.awaitNoPendingOrders(PATIENCE)).as("the device dropped the withdrawn sale").isTrue();

        agent.behave(Behaviour.approve());
        SaleResult toCancel = viaB.payments().syncSaleJson(Seeds.syncSale(terminalId, UUID.randomUUID().toString()));
        agent.behave(Behaviour.ignore());
        viaB.payments().asyncCancel(toCancel.paymentRequestId());
        assertThat(eventually(PATIENCE, () -> status(viaB, toCancel.paymentRequestId()) == 2)).isTrue();
        assertThat(viaB.payments().rollbackCancel(toCancel.paymentRequestId()).paymentStatus()).isEqualTo(12);
        assertThat(agent.awaitNoPendingOrders(PATIENCE)).as("the device dropped the withdrawn cancel").isTrue();
        assertThat(agent.withdrawals()).hasSize(2).allSatisfy(withdrawal -> assertThat(withdrawal.reason()).isEqualTo("rollback"));
    }

    @Test
    void unpairingOnNodeBClosesTheConnectionOnNodeA() {
        Merchant merchant = merchant("unpair");
        TerminalAgent agent = agentOnA(merchant, Behaviour.approve());
        UUID terminalId = UUID.fromString(agent.terminalId().orElseThrow());

        merchant.viaB().pairing().unpair(TerminalRef.id(terminalId));

        assertThat(agent.awaitState(TerminalAgent.State.UNPAIRED, PATIENCE)).isTrue();
        assertThat(agent.lastClose()).hasValueSatisfying(close -> assertThat(close.code()).isEqualTo(4403));
        assertThat(eventually(PATIENCE, () -> !merchant.viaB().terminals().connectivity(TerminalRef.id(terminalId))
                .isSocketConnected())).isTrue();
        assertThat(holderOf(terminalId)).isNull();
    }

    @Test
    void theSameTerminalConnectingToNodeBReplacesItsConnectionOnNodeA() {
        Merchant merchant = merchant("replace");
        TerminalAgent first = agentOnA(merchant, Behaviour.approve());
        UUID terminalId = UUID.fromString(first.terminalId().orElseThrow());
        // The same device credential, reaching node B (as when a load balancer sends it elsewhere).
        Pairing pairing = first.store().load().orElseThrow();
        DeviceStore twinStore = DeviceStore.inMemory();
        twinStore.save(new Pairing(baseB, pairing.terminalId(), pairing.terminalPairId(), pairing.deviceToken(),
                pairing.livePath()));
        TerminalAgent twin = track(TerminalAgent.builder()
                .store(twinStore)
                .serialNo(first.serialNo())
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build());

        twin.start();

        assertThat(twin.awaitConnected(PATIENCE)).isTrue();
        assertThat(first.awaitState(TerminalAgent.State.REPLACED, PATIENCE)).isTrue();
        assertThat(first.lastClose()).hasValueSatisfying(close -> assertThat(close.code()).isEqualTo(4409));
        assertThat(holderOf(terminalId)).isEqualTo("b");

        SaleResult sale = merchant.viaA().payments().syncSaleJson(Seeds.syncSale(terminalId, UUID.randomUUID().toString()));
        assertThat(sale.paymentStatus()).as("a sale on node A reaches the device now on node B").isEqualTo(4);
        assertThat(twin.receivedOrderIds()).hasSize(1);
        assertThat(first.receivedOrderIds()).isEmpty();
    }

    @Test
    void eachCallbackIsDeliveredOnceWhileBothNodesDeliver() throws IOException {
        Merchant merchant = merchant("callbacks");
        UUID terminalId = terminalOnA(merchant, Behaviour.approve());
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            URI target = receiver.uri("/cluster");
            List<UUID> sales = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SaleResult sale = merchant.viaB().payments()
                        .syncSaleJson(Seeds.syncSale(terminalId, UUID.randomUUID().toString(), target));
                assertThat(sale.paymentStatus()).isEqualTo(4);
                sales.add(sale.paymentRequestId());
            }

            assertThat(eventually(Duration.ofSeconds(60), () -> sales.stream().allMatch(sale ->
                    merchant.viaA().callbacks().list(sale).stream().allMatch(d -> d.state() == CallbackState.DELIVERED))))
                    .isTrue();
            for (UUID sale : sales) {
                List<CallbackDelivery> log = merchant.viaA().callbacks().list(sale);
                assertThat(log).extracting(CallbackDelivery::sequence).containsExactly(2, 3, 4, 5);
                assertThat(log).allSatisfy(delivery -> assertThat(delivery.attemptCount()).as("tried once").isEqualTo(1));
                assertThat(receiver.forPayment(sale)).extracting(CallbackReceiver.Received::sequence).containsExactly(2, 3, 4, 5);
            }
        }
    }

    @Test
    void anUndeliveredOrderExpiresOnceAndAnUnansweredOneTurnsUnknownOnce() {
        Merchant merchant = merchant("timers");
        admin().setOrderTtl(merchant.created().merchantId(), Duration.ofSeconds(10));

        UUID offline = Devices.register(merchant.viaB(), "Offline till");
        track(Devices.paired(toA.uri(), merchant.viaB(), offline));
        SaleResult queued = merchant.viaB().payments().asyncSaleJson(Seeds.asyncSale(offline, UUID.randomUUID().toString()));
        assertThat(queued.paymentStatus()).isEqualTo(1);
        assertThat(eventually(PATIENCE, () -> status(merchant.viaB(), queued.paymentRequestId()) == 3)).isTrue();
        assertThat(steps(merchant.viaB(), queued.paymentRequestId())).containsExactly("1:1", "1:3");

        TerminalAgent silent = agentOnA(merchant, Behaviour.neverAnswer());
        UUID terminalId = UUID.fromString(silent.terminalId().orElseThrow());
        SaleResult taken = merchant.viaB().payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
        assertThat(eventually(PATIENCE, () -> status(merchant.viaB(), taken.paymentRequestId()) == 6)).isTrue();
        silent.approve(silent.receivedOrderIds().getFirst());
        assertThat(eventually(PATIENCE, () -> status(merchant.viaB(), taken.paymentRequestId()) == 4)).isTrue();
        assertThat(steps(merchant.viaB(), taken.paymentRequestId())).containsExactly("1:1", "1:10", "1:2", "1:11", "1:6", "1:4");
    }

    @Test
    void dueEarningsArePaidOnceWhileBothNodesRunPayouts() throws Exception {
        Merchant merchant = merchant("payouts");
        admin().setMarketplace(merchant.created().merchantId(),
                new Marketplace.Settings(true, false, MarketplaceIT.PLATFORM_IBAN, "Platform", true));
        UUID terminalId = terminalOnA(merchant, Behaviour.approve());
        long member = MarketplaceIT.member(baseB, merchant.created().publicKey(), "10");
        SaleResult sale = merchant.viaB().payments().syncSaleJson(MarketplaceIT.twoProducts(terminalId, member));
        assertThat(sale.paymentStatus()).isEqualTo(4);
        UUID merchantId = merchant.created().merchantId();

        CLOCK.advance(Duration.ofDays(10));
        try {
            CompletableFuture<Void> onA = CompletableFuture.runAsync(() -> nodeA.getBean(AutomaticPayouts.class).run(), requests);
            CompletableFuture<Void> onB = CompletableFuture.runAsync(() -> nodeB.getBean(AutomaticPayouts.class).run(), requests);
            CompletableFuture.allOf(onA, onB).get();
            assertThat(eventually(PATIENCE, () -> database.sql("""
                            select count(*) from earning where payment_id = :payment and status <> 'PAID'""")
                    .param("payment", sale.paymentRequestId()).query(Long.class).single() == 0)).isTrue();
        } finally {
            CLOCK.advance(Duration.ofDays(-10));
        }

        assertThat(database.sql("select count(*) from payout where merchant_id = :merchant")
                .param("merchant", merchantId).query(Long.class).single()).as("one payout per payee").isEqualTo(2);
        assertThat(database.sql("""
                        select count(*) from payout_attempt a join payout p on p.id = a.payout_id where p.merchant_id = :merchant""")
                .param("merchant", merchantId).query(Long.class).single()).as("each executed once").isEqualTo(2);
        assertThat(database.sql("""
                        select sum(t.amount) from simulated_bank_transfer t join payout p on p.id = t.id
                        where p.merchant_id = :merchant""")
                .param("merchant", merchantId).query(BigDecimal.class).single()).isEqualByComparingTo("150.00");
        assertThat(MoneyInvariants.broken(database)).isEmpty();
    }

    @Test
    void theConnectionsOfANodeThatStoppedHeartbeatingAreIgnoredAndForgotten() {
        Merchant merchant = merchant("ghost");
        UUID terminalId = Devices.register(merchant.viaB(), "Till");
        TerminalAgent agent = track(Devices.paired(toA.uri(), merchant.viaB(), terminalId));
        database.sql("insert into cluster_node (id, started_at, heartbeat_at) values ('ghost', now() - interval '2 hours', now() - interval '1 hour')")
                .update();
        database.sql("insert into live_connection (terminal_id, node_id, session_id, connected_at) values (:terminal, 'ghost', '0', now())")
                .param("terminal", terminalId).update();

        assertThat(merchant.viaB().terminals().connectivity(TerminalRef.id(terminalId)).isSocketConnected()).isFalse();
        SaleResult queued = merchant.viaB().payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
        assertThat(queued.paymentStatus()).as("waits in the queue, not sent to the dead node").isEqualTo(1);
        assertThat(eventually(PATIENCE, () -> holderOf(terminalId) == null && database.sql(
                "select count(*) from cluster_node where id = 'ghost'").query(Long.class).single() == 0)).isTrue();

        agent.start();
        assertThat(agent.awaitConnected(PATIENCE)).isTrue();
        assertThat(eventually(PATIENCE, () -> status(merchant.viaB(), queued.paymentRequestId()) == 4)).isTrue();
    }

    @Test
    void aNodeThatMissedMessagesWhileItCouldNotListenCatchesUp() throws Exception {
        Merchant merchant = merchant("gap");
        TerminalAgent agent = agentOnA(merchant, Behaviour.approve());
        UUID terminalId = UUID.fromString(agent.terminalId().orElseThrow());
        Cluster a = nodeA.getBean(Cluster.class);

        // Node A loses its listening connection and cannot open a new one; its pool is untouched.
        superuser("alter role kasa_cluster nologin");
        try {
            superuser("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'kasa-listen-a'");
            assertThat(eventually(PATIENCE, () -> !a.isListening())).isTrue();
            CompletableFuture<SaleResult> held = hold(merchant.viaB(), Seeds.syncSale(terminalId, UUID.randomUUID().toString()));
            assertThat(eventually(PATIENCE, () -> database.sql("""
                            select count(*) from payment_order o join payment p on p.id = o.payment_id
                            where p.terminal_id = :terminal and o.status_id = 10""")
                    .param("terminal", terminalId).query(Long.class).single() == 1))
                    .as("node B wrote the order and told node A, which did not hear it").isTrue();
            superuser("alter role kasa_cluster login");

            assertThat(eventually(PATIENCE, a::isListening)).isTrue();
            assertThat(eventually(PATIENCE, held::isDone)).as("node A sent the order it missed once it listened again").isTrue();
            assertThat(held.join().paymentStatus()).isEqualTo(4);
            assertThat(agent.receivedOrderIds()).hasSize(1);
        } finally {
            superuser("alter role kasa_cluster login");
        }
    }

    @Test
    void whenANodeStopsItsDevicesReconnectToAnotherAndTheClusterKeepsServing() throws Exception {
        ConfigurableApplicationContext nodeC = startNode("c");
        try (LoadBalancer toC = LoadBalancer.start(List.of(portOf(nodeC), portOf(nodeB)))) {
            assertThat(eventually(PATIENCE, () -> nodeA.getBean(Cluster.class).peers().equals(Set.of("b", "c")))).isTrue();
            assertThat(get(baseOf(nodeC).resolve("/manage/info"))).contains("\"id\":\"c\"");
            Merchant merchant = merchant("failover");
            UUID terminalId = Devices.register(merchant.viaB(), "Till");
            TerminalAgent agent = track(Devices.connected(toC.uri(), merchant.viaB(), terminalId));
            assertThat(holderOf(terminalId)).isEqualTo("c");
            assertThat(merchant.viaA().payments().syncSaleJson(Seeds.syncSale(terminalId, UUID.randomUUID().toString()))
                    .paymentStatus()).isEqualTo(4);

            nodeC.close();

            assertThat(eventually(PATIENCE, () -> "b".equals(holderOf(terminalId)) && agent.isConnected()))
                    .as("the device reconnected through the load balancer to node B").isTrue();
            assertThat(database.sql("select count(*) from cluster_node where id = 'c'").query(Long.class).single()).isZero();
            assertThat(eventually(PATIENCE, () -> nodeA.getBean(Cluster.class).peers().equals(Set.of("b")))).isTrue();
            assertThat(merchant.viaA().payments().syncSaleJson(Seeds.syncSale(terminalId, UUID.randomUUID().toString()))
                    .paymentStatus()).isEqualTo(4);
            assertThat(agent.receivedOrderIds()).hasSize(2);
        } finally {
            nodeC.close();
        }
    }

    @Test
    void aDashboardSessionOpenedOnNodeAIsServedByNodeB() throws Exception {
        Merchant merchant = merchant("dashboard");
        HttpClient browser = browser("127.0.0.1");
        IssuedKey key = merchant.created().privateKey();
        HttpResponse<String> signIn = send(browser, "POST", baseA, "/dashboard/api/session", null,
                "{\"ApiClientPrivate\":\"" + key.client() + "\",\"ApiKeyPrivate\":\"" + key.secret() + "\"}");
        assertThat(signIn.statusCode()).isEqualTo(200);
        String csrf = JSON.readTree(signIn.body()).get("Result").get("CsrfToken").asString();

        HttpResponse<String> onB = send(browser, "GET", baseB, "/dashboard/api/session", null, null);
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
        assertThat(JSON.readTree(onB.body()).get("Result").get("CsrfToken").asString()).isEqualTo(csrf);
        assertThat(send(browser, "GET", baseB, "/dashboard/api/terminals", null, null).statusCode()).isEqualTo(200);

        assertThat(send(browser, "DELETE", baseB, "/dashboard/api/session", csrf, null).statusCode()).isEqualTo(200);
        assertThat(send(browser, "GET", baseA, "/dashboard/api/session", null, null).statusCode())
                .as("signed out on node B, so on node A too").isEqualTo(401);
    }

    @Test
    void aKeyRevokedThroughNodeBEndsItsDashboardSessionOnBothNodes() throws Exception {
        Merchant merchant = merchant("revoked");
        IssuedKey key = merchant.created().privateKey();
        HttpClient browser = browser("127.0.0.1");
        String signIn = "{\"ApiClientPrivate\":\"" + key.client() + "\",\"ApiKeyPrivate\":\"" + key.secret() + "\"}";
        assertThat(send(browser, "POST", baseA, "/dashboard/api/session", null, signIn).statusCode()).isEqualTo(200);
        assertThat(send(browser, "GET", baseA, "/dashboard/api/terminals", null, null).statusCode()).isEqualTo(200);
        HttpClient secondBrowser = browser("127.0.0.1");
        assertThat(send(secondBrowser, "POST", baseA, "/dashboard/api/session", null, signIn).statusCode()).isEqualTo(200);

        KasaAdminClient.create(baseB, ADMIN_TOKEN).revokeKey(merchant.created().merchantId(), key.keyId());

        HttpResponse<String> onB = send(browser, "GET", baseB, "/dashboard/api/terminals", null, null);
        assertThat(onB.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(onB.body()).get("ClientMessage").asString()).isEqualTo("System.AuthError");
        assertThat(send(browser, "GET", baseA, "/dashboard/api/terminals", null, null).statusCode()).isEqualTo(401);
        assertThat(send(secondBrowser, "GET", baseA, "/dashboard/api/terminals", null, null).statusCode()).isEqualTo(401);
        assertThat(send(secondBrowser, "GET", baseB, "/dashboard/api/session", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aSourcesRequestRateIsOneLimitAcrossTheNodes() throws Exception {
        HttpClient caller = browser("127.0.0.70");
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(send(caller, "GET", baseA, "/dashboard/api/session", null, null).statusCode()).isEqualTo(401);
        }

        int servedByB = 0;
        HttpResponse<String> refused;
        while ((refused = send(caller, "GET", baseB, "/dashboard/api/session", null, null)).statusCode() == 401) {
            servedByB++;
            assertThat(servedByB).as("node B went on far past what was left of the burst").isLessThan(SOURCE_BURST);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(refused.body()).get("ClientMessage").asString()).isEqualTo("System.RateLimitExceeded");
        assertThat(servedByB).as("what node A took counts on node B, give or take the tokens a node counts locally")
                .isLessThanOrEqualTo(SOURCE_BURST - 20 + SYNC_TOKENS + (int) Math.ceil(seconds * SOURCE_PER_SECOND));
        assertThat(send(caller, "GET", baseA, "/dashboard/api/session", null, null).statusCode()).isEqualTo(429);
    }

    @Test
    void aSourcesWrongPairCodesCountOnEveryNode() throws Exception {
        Merchant merchant = merchant("guesses");
        UUID terminalId = Devices.register(merchant.viaB(), "Till");
        PairRequest request = merchant.viaB().pairing().request(TerminalRef.id(terminalId));
        String wrong = request.pairCode().equals("000000") ? "000001" : "000000";
        HttpClient guesser = browser("127.0.0.80");

        for (int attempt = 0; attempt < 10; attempt++) {
            URI node = attempt % 2 == 0 ? baseA : baseB;
            String code = "%06d".formatted((Integer.parseInt(wrong) + attempt * 7919) % 1_000_000);
            assertThat(pair(guesser, node, code).statusCode()).isEqualTo(422);
        }
        HttpResponse<String> blocked = pair(guesser, baseB, request.pairCode());

        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(blocked.body()).get("ClientMessage").asString()).isEqualTo("System.RateLimited");
        assertThat(merchant.viaA().pairing().status(request.pairRequestId()).status())
                .as("the refused code was not checked").isEqualTo(PairStatus.PENDING);
    }

    @Test
    void codeChecksArePacedByOneRateAcrossTheNodes() throws Exception {
        int extra = 20;
        List<Callable<Integer>> checks = new ArrayList<>();
        for (int source = 1; source <= PAIR_CHECK_BURST + extra; source++) {
            HttpClient guesser = browser("127.0.4." + source);
            URI node = source % 2 == 0 ? baseA : baseB;
            String code = "%06d".formatted(source * 7_919 % 1_000_000);
            checks.add(() -> pair(guesser, node, code).statusCode());
        }

        long started = System.nanoTime();
        try (ExecutorService sources = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> status : sources.invokeAll(checks)) {
                assertThat(status.get()).as("slowed, not refused").isEqualTo(422);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("beyond the one shared burst, the checks waited for the one shared rate")
                .isGreaterThanOrEqualTo(Duration.ofMillis((long) (extra / PAIR_CHECKS_PER_SECOND * 1000) - 100));
    }

    @Test
    void aKeyRevokedThroughNodeBIsRefusedThereAtOnceAndOnNodeAWhenItHears() {
        Merchant merchant = merchant("revoked-api");
        // both nodes have checked the pair, so both keep it
        merchant.viaA().terminals().list(0, 10);
        merchant.viaB().terminals().list(0, 10);

        KasaAdminClient.create(baseB, ADMIN_TOKEN).revokeKey(merchant.created().merchantId(), merchant.created().privateKey().keyId());

        assertThat(refusedWith("System.AuthError", () -> merchant.viaB().terminals().list(0, 10))).isTrue();
        assertThat(eventually(PATIENCE, () -> refusedWith("System.AuthError", () -> merchant.viaA().terminals().list(0, 10))))
                .as("node A forgot the pair it kept").isTrue();
    }

    @Test
    void aRotatedKeyStopsWorkingOnEveryNodeWhenItsGraceEnds() {
        Merchant merchant = merchant("grace");
        IssuedKey rotated = KasaAdminClient.create(baseB, ADMIN_TOKEN)
                .rotateKey(merchant.created().merchantId(), merchant.created().privateKey().keyId(), Duration.ofSeconds(60));
        merchant.viaA().terminals().list(0, 10);
        merchant.viaB().terminals().list(0, 10);

        CLOCK.advance(Duration.ofSeconds(61));
        try {
            assertThat(refusedWith("System.AuthError", () -> merchant.viaA().terminals().list(0, 10))).isTrue();
            assertThat(refusedWith("System.AuthError", () -> merchant.viaB().terminals().list(0, 10))).isTrue();
            KasaClient renewed = KasaClient.builder().baseUri(baseA).privateKeys(rotated).locale("en").build();
            assertThat(renewed.terminals().list(0, 10).items()).isEmpty();
        } finally {
            CLOCK.advance(Duration.ofSeconds(-61));
        }
    }

    @Test
    void aKeyRevokedWhileNodeACouldNotListenIsRefusedThereOnceItListensAgain() throws Exception {
        Merchant merchant = merchant("revoked-gap");
        merchant.viaA().terminals().list(0, 10);
        Cluster a = nodeA.getBean(Cluster.class);

        superuser("alter role kasa_cluster nologin");
        try {
            superuser("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'kasa-listen-a'");
            assertThat(eventually(PATIENCE, () -> !a.isListening())).isTrue();
            KasaAdminClient.create(baseB, ADMIN_TOKEN).revokeKey(merchant.created().merchantId(), merchant.created().privateKey().keyId());
            superuser("alter role kasa_cluster login");

            assertThat(eventually(PATIENCE, a::isListening)).isTrue();
            assertThat(eventually(PATIENCE, () -> refusedWith("System.AuthError", () -> merchant.viaA().terminals().list(0, 10))))
                    .as("node A emptied its caches after the gap").isTrue();
        } finally {
            superuser("alter role kasa_cluster login");
        }
    }

    @Test
    void aTerminalUnpairedThroughNodeBTakesNoSaleOnNodeA() {
        Merchant merchant = merchant("unpaired-sales");
        UUID terminalId = terminalOnA(merchant, Behaviour.approve());
        merchant.viaA().payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
        merchant.viaB().payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));

        merchant.viaB().pairing().unpair(TerminalRef.id(terminalId));

        assertThat(refusedWith("Terminal.Pair.NotFound", () -> merchant.viaB().payments()
                .asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString())))).isTrue();
        assertThat(eventually(PATIENCE, () -> refusedWith("Terminal.Pair.NotFound", () -> merchant.viaA().payments()
                .asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()))))).isTrue();
    }

    @Test
    void aTagDeactivatedThroughNodeBNamesNoTerminalOnNodeA() {
        Merchant merchant = merchant("tags");
        UUID terminalId = Devices.register(merchant.viaB(), "Till");
        UUID tagId = merchant.viaB().tags().add(terminalId, "Front", "front-till");
        // the tag names the terminal on both nodes: the sale gets as far as the missing pairing
        assertThat(refusedWith("Terminal.Pair.NotFound", () -> merchant.viaA().payments().asyncSaleJson(saleByTag(terminalId, "front-till"))))
                .isTrue();
        assertThat(refusedWith("Terminal.Pair.NotFound", () -> merchant.viaB().payments().asyncSaleJson(saleByTag(terminalId, "front-till"))))
                .isTrue();

        merchant.viaB().tags().update(tagId, "Front", "front-till", false);

        assertThat(refusedWith("Terminal.NotFound", () -> merchant.viaB().payments().asyncSaleJson(saleByTag(terminalId, "front-till"))))
                .isTrue();
        assertThat(eventually(PATIENCE, () -> refusedWith("Terminal.NotFound",
                () -> merchant.viaA().payments().asyncSaleJson(saleByTag(terminalId, "front-till"))))).isTrue();
    }

    @Test
    void marketplaceSettingsChangedThroughNodeBAreWhatNodeAReads() {
        Merchant merchant = merchant("settings");
        assertThat(merchant.viaA().marketplace().settings().marketplaceEnabled()).isFalse();

        merchant.viaB().marketplace().updateSettings(new Marketplace.Settings(true, true, MarketplaceIT.PLATFORM_IBAN, "Platform"));

        assertThat(merchant.viaB().marketplace().settings().manualTrigger()).isTrue();
        assertThat(eventually(PATIENCE, () -> merchant.viaA().marketplace().settings().manualTrigger())).isTrue();
        assertThat(merchant.viaA().marketplace().settings().marketplaceEnabled()).isTrue();
    }

    /**
     * A change through node A starts from the settings as they are, not from what A keeps: A
     * cannot hear of B's change (its listening is cut), and a body without AutomaticApproval
     * keeps the stored value, which B had just turned on.
     */
    @Test
    void settingsChangedThroughNodeAStartFromWhatNodeBStoredBeforeAHeardOfIt() throws Exception {
        Merchant merchant = merchant("settings-merge");
        assertThat(merchant.viaA().marketplace().settings().automaticApproval()).isFalse();
        Cluster a = nodeA.getBean(Cluster.class);

        superuser("alter role kasa_cluster nologin");
        try {
            superuser("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'kasa-listen-a'");
            assertThat(eventually(PATIENCE, () -> !a.isListening())).isTrue();
            merchant.viaB().marketplace().updateSettings(
                    new Marketplace.Settings(true, false, MarketplaceIT.PLATFORM_IBAN, "Platform", true));

            RawHttp.Answer answer = new RawHttp(baseA).request("PUT", "/api/paywall/marketplace/settings")
                    .publicKeys(merchant.created().publicKey())
                    .json("{\"MarketplaceEnabled\":true,\"ManualTrigger\":true,\"PlatformIban\":\""
                            + MarketplaceIT.PLATFORM_IBAN + "\",\"PlatformAccountTitle\":\"Platform\"}")
                    .send();

            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.json().get("Body").get("AutomaticApproval").booleanValue()).isTrue();
        } finally {
            superuser("alter role kasa_cluster login");
        }
        assertThat(merchant.viaB().marketplace().settings().automaticApproval()).isTrue();
        assertThat(merchant.viaB().marketplace().settings().manualTrigger()).isTrue();
    }

    @Test
    void aMemberDeletedThroughNodeBIsRefusedInASaleOnNodeA() {
        Merchant merchant = merchant("members");
        admin().setMarketplace(merchant.created().merchantId(),
                new Marketplace.Settings(true, false, MarketplaceIT.PLATFORM_IBAN, "Platform", true));
        UUID terminalId = terminalOnA(merchant, Behaviour.approve());
        long member = MarketplaceIT.member(baseB, merchant.created().publicKey(), "10");
        assertThat(merchant.viaA().payments().syncSaleJson(MarketplaceIT.twoProducts(terminalId, member)).paymentStatus()).isEqualTo(4);

        merchant.viaB().members().delete(member);

        assertThat(eventually(PATIENCE, () -> refusedWith("Payment.Product.InvalidMemberId",
                () -> merchant.viaA().payments().syncSaleJson(MarketplaceIT.twoProducts(terminalId, member))))).isTrue();
    }

    @Test
    void anOrderTimeToLiveSetThroughNodeBIsWhatNodeAGivesItsNextOrders() {
        Merchant merchant = merchant("order-ttl");
        UUID terminalId = Devices.register(merchant.viaB(), "Till");
        // paired but not started: its orders wait in the queue with their time-to-live
        track(Devices.paired(toA.uri(), merchant.viaB(), terminalId));
        merchant.viaA().payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
        assertThat(latestOrderTtl(terminalId)).isNotEqualTo(Duration.ofSeconds(123));

        KasaAdminClient.create(baseB, ADMIN_TOKEN).setOrderTtl(merchant.created().merchantId(), Duration.ofSeconds(123));

        assertThat(eventually(PATIENCE, () -> {
            merchant.viaA().payments().asyncSaleJson(Seeds.asyncSale(terminalId, UUID.randomUUID().toString()));
            return latestOrderTtl(terminalId).equals(Duration.ofSeconds(123));
        })).as("node A forgot the time-to-live it kept").isTrue();
    }

    /** How long the terminal's newest order may wait for the device. */
    private static Duration latestOrderTtl(UUID terminalId) {
        return Duration.ofMillis(database.sql("""
                        select (extract(epoch from o.expires_at - o.created_at) * 1000)::bigint
                        from payment_order o join payment p on p.id = o.payment_id
                        where p.terminal_id = :terminal order by o.created_at desc limit 1""")
                .param("terminal", terminalId).query(Long.class).single());
    }

    /** Seed 001's async sale naming the terminal by its tag code. */
    private static String saleByTag(UUID terminalId, String tagCode) {
        return Seeds.asyncSale(terminalId, UUID.randomUUID().toString())
                .replace("\"TerminalId\": \"" + terminalId + "\"", "\"TerminalTagCode\": \"" + tagCode + "\"");
    }

    /** Whether the call was refused with this client message (not answered, nor refused otherwise). */
    private static boolean refusedWith(String clientMessage, Supplier<?> call) {
        try {
            call.get();
            return false;
        } catch (KasaException e) {
            return e.is(clientMessage);
        }
    }

    private record Merchant(CreatedMerchant created, KasaClient viaA, KasaClient viaB) {
    }

    private Merchant merchant(String name) {
        CreatedMerchant created = admin().createMerchant(name);
        return new Merchant(created, client(baseA, created), client(baseB, created));
    }

    private static KasaClient client(URI base, CreatedMerchant created) {
        return KasaClient.builder().baseUri(base).privateKeys(created.privateKey()).publicKeys(created.publicKey())
                .locale("en").build();
    }

    private static KasaAdminClient admin() {
        return KasaAdminClient.create(baseA, ADMIN_TOKEN);
    }

    /** A terminal whose agent behaves as told and is connected, through the load balancer, to node A. */
    private TerminalAgent agentOnA(Merchant merchant, Behaviour behaviour) {
        UUID terminalId = Devices.register(merchant.viaB(), "Till");
        TerminalAgent agent = track(Devices.paired(toA.uri(), merchant.viaB(), terminalId));
        agent.behave(behaviour);
        agent.start();
        assertThat(agent.awaitConnected(PATIENCE)).as("agent connected").isTrue();
        assertThat(holderOf(terminalId)).isEqualTo("a");
        return agent;
    }

    private UUID terminalOnA(Merchant merchant, Behaviour behaviour) {
        return UUID.fromString(agentOnA(merchant, behaviour).terminalId().orElseThrow());
    }

    private TerminalAgent track(TerminalAgent agent) {
        agents.add(agent);
        return agent;
    }

    /** Sends a sync sale on another thread, allowed to be held far longer than any test waits. */
    private CompletableFuture<SaleResult> hold(KasaClient client, String sale) {
        return CompletableFuture.supplyAsync(() -> client.payments().syncSaleJson(sale, Duration.ofSeconds(100)), requests);
    }

    private static int status(KasaClient client, UUID paymentId) {
        return client.payments().inquiry(paymentId).paymentStatusId();
    }

    private static List<String> steps(KasaClient client, UUID paymentId) {
        return client.payments().activities(paymentId, 0, 50).items().stream()
                .map(activity -> activity.paymentTypeId() + ":" + activity.paymentStatusId())
                .toList();
    }

    /** The node the database names as holding the terminal's live connection, or null. */
    private static String holderOf(UUID terminalId) {
        return database.sql("select node_id from live_connection where terminal_id = :terminal")
                .param("terminal", terminalId).query(String.class).optional().orElse(null);
    }

    private static void superuser(String sql) throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    private static HttpClient browser(String address) throws IOException {
        return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).cookieHandler(new CookieManager())
                .build();
    }

    /** Sends with the cookies the client holds; the CSRF token and a JSON body when given. */
    private static HttpResponse<String> send(HttpClient client, String method, URI base, String path, String csrf,
                                             String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("locale", "en")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> pair(HttpClient client, URI node, String code) throws Exception {
        return send(client, "POST", node, "/api/device/pair", null,
                "{\"PairCode\":\"" + code + "\",\"SerialNo\":\"SN-CLUSTER\"}");
    }

    private static String get(URI uri) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            // /manage/info answers the operator's tokens only
            return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static ConfigurableApplicationContext startNode(String nodeId) throws IOException {
        String dataDir = Files.createTempDirectory("kasa-cluster-" + nodeId + "-").toString();
        return new SpringApplicationBuilder(KasaServer.class, SharedClock.class).run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--kasa.database.url=" + databaseUrl, "--kasa.database.username=kasa_cluster",
                "--kasa.database.password=cluster-pw", "--kasa.database.max-pool-size=8",
                "--kasa.data-dir=" + dataDir, "--kasa.admin-token=" + ADMIN_TOKEN, "--kasa.master-key=" + MASTER_KEY,
                "--kasa.demo.enabled=false",
                "--kasa.cluster.node-id=" + nodeId, "--kasa.cluster.heartbeat=500ms", "--kasa.cluster.node-timeout=3s",
                "--kasa.callback.allow-loopback=true", "--kasa.callback.initial-delay=100ms",
                "--kasa.callback.max-delay=300ms", "--kasa.callback.poll=100ms", "--kasa.callback.lease=10s",
                "--kasa.payment.outcome-deadline=3s", "--kasa.payment.rollback-grace=0s",
                "--kasa.marketplace.payout-interval=500ms",
                "--kasa.rate-limit.source.burst=" + SOURCE_BURST, "--kasa.rate-limit.source.per-second=" + SOURCE_PER_SECOND,
                "--kasa.rate-limit.sync-tokens=" + SYNC_TOKENS,
                "--kasa.pairing.check-burst=" + PAIR_CHECK_BURST, "--kasa.pairing.checks-per-second=" + PAIR_CHECKS_PER_SECOND,
                "--kasa.pairing.max-check-wait=30s", "--kasa.cache.expire-after-write=" + CACHE_EXPIRY.toSeconds() + "s");
    }

    private static int portOf(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static URI baseOf(ConfigurableApplicationContext node) {
        return URI.create("http://127.0.0.1:" + portOf(node));
    }
}
