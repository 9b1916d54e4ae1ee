package io.kasa.server.crash;

import io.kasa.client.ClientMessages;
import io.kasa.client.Inquiry;
import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.Marketplace;
import io.kasa.client.SaleResult;
import io.kasa.server.Seeds;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The merchant's back-end during the crash test: at a steady pace it sends async and sync
 * sales, cancels of successful sales, repeats of answered sales and payout orders,
 * round-robin to the nodes. A request whose answer was lost — the connection reset by a
 * kill, refused while the node was down, or timed out — is sent again once its node is up,
 * with the same MerchantUniqueCode and the same body, until an answer comes. Every sale, every
 * answer and every surprise is kept for the checks after the run.
 */
final class SaleTraffic {

    static final Duration SYNC_WAIT = Duration.ofSeconds(10);
    static final int IN_FLIGHT = 12;
    private static final Duration NODE_DOWN_LIMIT = Duration.ofMinutes(3);
    private static final JsonMapper SEED_JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Europe/Istanbul");
    private static final Set<Integer> FINAL = Set.of(3, 4, 5, 12);

    /** A paired terminal and the agent that acts as its device. */
    record Till(UUID terminalId, TerminalAgent agent) {
    }

    /** One sale as the back-end sends it: the same code and body on every try. */
    record Sale(String code, UUID terminalId, boolean sync, String body) {
    }

    /** What became of one sale: the payment id of every answer (first tries, retries and repeats alike). */
    static final class SaleRecord {
        final Sale sale;
        final List<UUID> answers = new CopyOnWriteArrayList<>();
        final AtomicInteger lost = new AtomicInteger();
        volatile String refusal;

        SaleRecord(Sale sale) {
            this.sale = sale;
        }

        UUID paymentId() {
            return answers.isEmpty() ? null : answers.getFirst();
        }
    }

    private final ServerNodes nodes;
    private final List<KasaClient> clients;
    private final List<Till> tills;
    private final List<Long> members;
    private final URI callbackTarget;
    private final JdbcClient jdbc;
    private final Random random;
    private final Duration pace;

    private final List<SaleRecord> sales = new CopyOnWriteArrayList<>();
    private final Set<UUID> cancelTried = ConcurrentHashMap.newKeySet();
    private final List<String> surprises = new CopyOnWriteArrayList<>();
    private final AtomicInteger cancels = new AtomicInteger();
    private final AtomicInteger repeats = new AtomicInteger();
    private final AtomicInteger payoutOrders = new AtomicInteger();
    private final AtomicInteger payoutRefusals = new AtomicInteger();
    private final AtomicInteger lostAnswers = new AtomicInteger();
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicIntegerArray syncSalesInFlight;
    private int nextNode;

    SaleTraffic(ServerNodes nodes, List<KasaClient> clients, List<Till> tills, List<Long> members, URI callbackTarget,
                JdbcClient jdbc, Random random, Duration pace) {
        this.nodes = nodes;
        this.syncSalesInFlight = new AtomicIntegerArray(nodes.size());
        this.clients = List.copyOf(clients);
        this.tills = List.copyOf(tills);
        this.members = List.copyOf(members);
        this.callbackTarget = callbackTarget;
        this.jdbc = jdbc;
        this.random = random;
        this.pace = pace;
    }

    /**
     * Sends requests at the pace until {@code keepGoing} says stop, then waits until every
     * request sent has its answer. At most {@link #IN_FLIGHT} requests are under way at once,
     * as a back-end with a bounded pool of workers: while a node is down its requests wait for
     * it and the pace slows, instead of a pile of retries falling on it when it is back. The
     * mix: about 4 in 10 async sales, 4 in 10 sync sales, 1 in 8 cancels, the rest repeats of
     * answered sales; a payout order every 40 requests; every 25 requests the calendar moves on
     * (see {@link #makeEarningsDue()}).
     */
    void run(BooleanSupplier keepGoing) throws InterruptedException {
        Semaphore workers = new Semaphore(IN_FLIGHT);
        try (ExecutorService inFlight = Executors.newVirtualThreadPerTaskExecutor()) {
            long next = System.nanoTime();
            while (keepGoing.getAsBoolean()) {
                if (!workers.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
                int tick = issued.incrementAndGet();
                ServerNodes.Node node = nodes.node(nextNode++ % nodes.size());
                Runnable request = pick(tick, node);
                inFlight.submit(() -> {
                    try {
                        request.run();
                    } catch (RuntimeException | AssertionError e) {
                        surprises.add("a request failed outright: " + e);
                    } finally {
                        workers.release();
                    }
                });
                next = Math.max(next + pace.toNanos(), System.nanoTime() - pace.toNanos());
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
    }

    /** Chooses the next request on the driver's thread, so that the seed decides the mix. */
    private Runnable pick(int tick, ServerNodes.Node node) {
        if (tick % 40 == 0) {
            return () -> orderPayout(node);
        }
        if (tick % 25 == 0) {
            return this::makeEarningsDue;
        }
        int draw = random.nextInt(100);
        if (draw < 42) {
            return newSale(node, false);
        }
        if (draw < 82) {
            return newSale(node, true);
        }
        if (draw < 94) {
            boolean sync = random.nextBoolean();
            boolean push = random.nextBoolean();
            List<UUID> candidates = sales.stream().map(SaleRecord::paymentId)
                    .filter(id -> id != null && !cancelTried.contains(id)).toList();
            if (!candidates.isEmpty()) {
                UUID target = candidates.get(random.nextInt(Math.max(1, candidates.size() / 2)));
                cancelTried.add(target);
                return () -> cancel(node, target, sync, push);
            }
            return newSale(node, false);
        }
        List<SaleRecord> answered = sales.stream().filter(r -> r.paymentId() != null).toList();
        if (answered.isEmpty()) {
            return newSale(node, true);
        }
        SaleRecord again = answered.get(random.nextInt(answered.size()));
        repeats.incrementAndGet();
        return () -> send(node, again);
    }

    private Runnable newSale(ServerNodes.Node node, boolean sync) {
        Till till = tills.get(random.nextInt(tills.size()));
        if (random.nextInt(5) == 0) {
            till.agent().behaveNext(Behaviour.declineAfter(Duration.ofMillis(50 + random.nextInt(200))));
        }
        String code = UUID.randomUUID().toString();
        SaleRecord record = new SaleRecord(new Sale(code, till.terminalId(), sync, body(till.terminalId(), code, sync)));
        sales.add(record);
        return () -> send(node, record);
    }

    /**
     * Seed 001's or 002's body with amounts of its own: a first line that may belong to a
     * member and, usually, a second line of the platform's own; sync sales ask for a push
     * when the terminal is offline half of the time.
     */
    private String body(UUID terminalId, String code, boolean sync) {
        String seed = sync ? Seeds.syncSale(terminalId, code, callbackTarget) : Seeds.asyncSale(terminalId, code, callbackTarget);
        ObjectNode sale = (ObjectNode) SEED_JSON.readTree(seed);
        BigDecimal first = BigDecimal.valueOf(100 + random.nextInt(50_000), 2);
        BigDecimal second = random.nextInt(4) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(1 + random.nextInt(20_000), 2);
        ObjectNode line = (ObjectNode) sale.get("Products").get(0);
        line.put("Amount", first);
        if (random.nextInt(3) > 0) {
            line.put("MemberId", members.get(random.nextInt(members.size())));
        }
        if (second.signum() > 0) {
            ((ArrayNode) sale.get("Products")).addObject().put("Name", "Şampuan").put("TaxGroupId", 20)
                    .put("UnitCodeId", 4).put("Amount", second).put("Quantity", 1);
        }
        sale.put("Amount", first.add(second));
        if (sync) {
            sale.put("SendNotificationDeviceDisconnected", random.nextBoolean());
        }
        return SEED_JSON.writeValueAsString(sale);
    }

    /** Sends the sale (again) until an answer comes; every answer's payment id is kept. */
    private void send(ServerNodes.Node node, SaleRecord record) {
        Sale sale = record.sale;
        if (sale.sync()) {
            syncSalesInFlight.incrementAndGet(node.index());
        }
        try {
            SaleResult result = answered(node, "sale " + sale.code(), record.lost, client -> sale.sync()
                    ? client.payments().syncSaleJson(sale.body(), SYNC_WAIT)
                    : client.payments().asyncSaleJson(sale.body()));
            record.answers.add(result.paymentRequestId());
        } catch (KasaException refused) {
            record.refusal = refused.clientMessage();
            if (!(sale.sync() && refused.is(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE))) {
                surprises.add("sale " + sale.code() + " was refused: " + refused.getMessage());
            }
        } finally {
            if (sale.sync()) {
                syncSalesInFlight.decrementAndGet(node.index());
            }
        }
    }

    /**
     * Cancels a sale that the inquiry shows successful; one still under way is left to be
     * picked again later, one that ended otherwise is never cancelled. A cancel has no
     * idempotency key: a retry after a lost answer may find the first try's cancel and be
     * refused for it.
     */
    private void cancel(ServerNodes.Node node, UUID paymentId, boolean sync, boolean push) {
        AtomicInteger lost = new AtomicInteger();
        Inquiry inquiry = answered(node, "inquiry " + paymentId, lost, client -> client.payments().inquiry(paymentId));
        if (inquiry.paymentTypeId() != 1 || inquiry.paymentStatusId() != 4) {
            if (inquiry.paymentTypeId() == 1 && !FINAL.contains(inquiry.paymentStatusId())) {
                cancelTried.remove(paymentId);
            }
            return;
        }
        cancels.incrementAndGet();
        lost.set(0);
        try {
            answered(node, "cancel " + paymentId, lost, client -> sync
                    ? client.payments().syncCancel(paymentId, push, SYNC_WAIT)
                    : client.payments().asyncCancel(paymentId));
        } catch (KasaException refused) {
            boolean afterLostAnswer = lost.get() > 0 && refused.is(ClientMessages.PAYMENT_ASYNC_ALREADY_HAS_REFUND_OR_CANCEL);
            boolean offline = sync && refused.is(ClientMessages.PAYMENT_ASYNC_CLOUD_NOT_SEND_TO_DEVICE);
            if (!afterLostAnswer && !offline) {
                surprises.add("cancel of " + paymentId + " was refused: " + refused.getMessage());
            }
        }
    }

    /**
     * Orders a payout of the pool for yesterday and today once the node is up. Refused while a
     * job of the currency is still running (550); not retried when its answer is lost, as the
     * next one takes whatever this one did not.
     */
    private void orderPayout(ServerNodes.Node node) {
        if (!nodes.awaitUp(node, NODE_DOWN_LIMIT)) {
            throw new IllegalStateException(node + " stayed down for " + NODE_DOWN_LIMIT + " while a payout order waited");
        }
        LocalDate today = LocalDate.now(BUSINESS_ZONE);
        try {
            clients.get(node.index()).marketplace().start(Marketplace.PayoutOrder.of(1, today.minusDays(1), today)
                    .withTestMode(true).withSkipExistsControl(true));
            payoutOrders.incrementAndGet();
        } catch (KasaException e) {
            if (e.httpStatus() == KasaException.NO_RESPONSE) {
                lostAnswers.incrementAndGet();
            } else if (e.errorCode() == 550) {
                payoutRefusals.incrementAndGet();
            } else {
                surprises.add("payout order refused: " + e.getMessage());
            }
        }
    }

    /**
     * The calendar: member earnings come due days after the sale, longer than a test runs, so
     * now and then the scheduled ones are made payable today, as if those days had passed, and
     * the automatic payouts pay them while nodes are being killed. Rows another transaction
     * holds are skipped, so the test never waits on the server's locks.
     */
    private void makeEarningsDue() {
        jdbc.sql("""
                        update earning set payable_date = earning_date
                        where id in (select id from earning where status = 'SCHEDULED' and payable_date > earning_date
                                     for update skip locked)""")
                .update();
    }

    /**
     * The call's answer, or the refusal it got (thrown). An answer that does not come — the
     * node was killed or is down, or the call timed out — is asked for again once the node is
     * up; so is a 503 (the server asks to come back), after its {@code Retry-After}. Any other
     * 5xx answer is a surprise, and asked for again too.
     */
    private <T> T answered(ServerNodes.Node node, String what, AtomicInteger lost, Function<KasaClient, T> call) {
        while (true) {
            if (!nodes.awaitUp(node, NODE_DOWN_LIMIT)) {
                throw new IllegalStateException(node + " stayed down for " + NODE_DOWN_LIMIT + " while " + what + " waited");
            }
            try {
                return call.apply(clients.get(node.index()));
            } catch (KasaException e) {
                if (e.httpStatus() != KasaException.NO_RESPONSE && e.httpStatus() < 500) {
                    throw e;
                }
                lost.incrementAndGet();
                lostAnswers.incrementAndGet();
                if (e.httpStatus() == 503) {
                    pause(e.retryAfter().orElse(Duration.ofMillis(250)));
                } else if (e.httpStatus() >= 500) {
                    surprises.add(what + " answered " + e.getMessage());
                }
            }
        }
    }

    private static void pause(Duration retryAfter) {
        try {
            Thread.sleep(retryAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    List<SaleRecord> sales() {
        return List.copyOf(sales);
    }

    List<String> surprises() {
        return List.copyOf(surprises);
    }

    int cancels() {
        return cancels.get();
    }

    int repeats() {
        return repeats.get();
    }

    int payoutOrders() {
        return payoutOrders.get();
    }

    /** Payout orders refused because one was still running (550). */
    int payoutRefusals() {
        return payoutRefusals.get();
    }

    int lostAnswers() {
        return lostAnswers.get();
    }

    int issued() {
        return issued.get();
    }

    /** Whether a sync sale sent to the node waits for its answer now (held while its device decides). */
    boolean syncSaleInFlight(ServerNodes.Node node) {
        return syncSalesInFlight.get(node.index()) > 0;
    }

    /** How many sales were retried after a lost answer. */
    long retriedSales() {
        return sales.stream().filter(r -> r.lost.get() > 0).count();
    }
}
