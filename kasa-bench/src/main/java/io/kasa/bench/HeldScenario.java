package io.kasa.bench;

import io.kasa.client.KasaException;
import io.kasa.client.PaymentStatus;
import io.kasa.client.Product;
import io.kasa.client.SaleOrder;
import io.kasa.client.SaleResult;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.DeviceOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many sync sales held at once: terminals that hold every order until told ({@link Behaviour#manual()}),
 * sync sales sent until all of them are held (each answer waits for its outcome), a check that
 * they are all held at the same moment (every request still unanswered and every order on a
 * terminal; the server exposes no count of its own), the server's heap after a full collection
 * against the heap before, then the release: every order approved, every sale expected to
 * answer Successful.
 */
final class HeldScenario implements Scenario {

    /** The longest the server holds a sync sale, and what the sales ask for. */
    static final Duration SERVER_WAIT = Duration.ofSeconds(120);
    /** Holding must be verified and measured well before the server's wait ends. */
    static final Duration HOLD_DEADLINE = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "held";
    }

    @Override
    public ScenarioResult run(Rig rig, BenchOptions options) throws Exception {
        int held = options.scenarioInt(name(), "held", 5_000);
        int terminals = options.scenarioInt(name(), "terminals", Math.max(1, held / 10));
        double rate = options.scenarioRate(name(), "rate", 1_000);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("held", held);
        settings.put("terminals", terminals);
        settings.put("sendRate", rate);
        String summary = String.format(Locale.ROOT, "%d sync sales held at once over %d terminals, sent at %.0f/s",
                held, terminals, rate);
        System.out.println("== held: " + summary);
        List<String> notes = new ArrayList<>();
        Map<String, Object> findings = new LinkedHashMap<>();

        SaleRun run = new SaleRun(rig.nextTag(), SaleRun.Channel.SYNC, Duration.ZERO);
        try (Shop shop = rig.shop(name(), SaleLoad.REQUEST_TIMEOUT)) {
            List<Till> tills = shop.open(terminals, Behaviour.manual());
            long heapBefore = rig.probe().heapAfterGc("held-before");
            findings.put("heapAfterGcBeforeBytes", heapBefore);

            Latencies release = new Latencies("release (approve -> sync answer)");
            Map<Long, Long> releasedAt = new ConcurrentHashMap<>();
            LongAdder answered = new LongAdder();
            LongAdder successful = new LongAdder();
            LongAdder early = new LongAdder();
            rig.router().register(run);
            Instant started = Instant.now();
            try (OpenLoop loop = new OpenLoop()) {
                ResourceMonitor monitor = new ResourceMonitor("held", rig.probe(), () -> String.format(Locale.ROOT,
                        "sent %d held by terminals %d answered %d errors %d", run.sent(), holding(tills),
                        answered.sum(), run.errors().total()));
                long start = System.nanoTime();
                loop.run(RateSchedule.forCount(rate, held), start, (key, due) -> {
                    Till till = tills.get((int) (key % tills.size()));
                    String displayCode = run.displayCode(key);
                    SaleOrder order = SaleOrder.of(till.ref(), rig.runId() + "-" + displayCode, SaleLoad.AMOUNT, 1,
                                    List.of(Product.of("Bench item", SaleLoad.AMOUNT, 1, 10, 1)))
                            .withDisplayCode(displayCode)
                            .withCallbackAddress(rig.inbox().address().toString());
                    run.sending(key, due);
                    try {
                        SaleResult result = shop.client().payments().syncSale(order, SERVER_WAIT);
                        long now = System.nanoTime();
                        run.answered(key, result, now);
                        answered.increment();
                        Long approvedAt = releasedAt.get(key);
                        if (approvedAt != null) {
                            release.recordNanos(now - approvedAt);
                        } else {
                            early.increment();
                        }
                        if (result.paymentStatus() == PaymentStatus.SUCCESSFUL.id()) {
                            successful.increment();
                        }
                    } catch (KasaException e) {
                        answered.increment();
                        run.failed(key, e);
                    }
                });

                long heldAtOnce = awaitHeld(tills, run, answered, held);
                findings.put("heldAtOnce", heldAtOnce);
                findings.put("sendSeconds", (System.nanoTime() - start) / 1e9);
                if (heldAtOnce < held) {
                    notes.add(String.format(Locale.ROOT, "only %d of %d sales were held at once (terminals hold %d orders,"
                                    + " %d requests answered early, %d errors; first: %s)", heldAtOnce, held,
                            holding(tills), answered.sum(), run.errors().total(), run.errors().first()));
                }
                long heapHeld = rig.probe().heapAfterGc("held");
                findings.put("heapAfterGcHeldBytes", heapHeld);
                if (heapBefore >= 0 && heapHeld >= 0 && heldAtOnce > 0) {
                    findings.put("heapPerHeldSaleBytes", (double) (heapHeld - heapBefore) / heldAtOnce);
                } else {
                    notes.add("heap per held sale not measured: it needs a forced collection, which needs the server process");
                }
                Resources resources = monitor.stop();

                System.out.println("[held] releasing " + holding(tills) + " orders");
                Parallel.forEach(tills, 64, till -> {
                    for (DeviceOrder order : till.agent().pendingOrders()) {
                        keyOf(run, order).ifPresent(key -> releasedAt.put(key, System.nanoTime()));
                        till.agent().approve(order.orderId());
                    }
                });
                boolean finished = loop.awaitFinished(SERVER_WAIT.plus(Duration.ofSeconds(30)));
                if (!finished) {
                    notes.add("some held sales were still unanswered at the end");
                }
                findings.put("answered", answered.sum());
                findings.put("answeredSuccessful", successful.sum());
                findings.put("answeredBeforeRelease", early.sum());
                Instant ended = Instant.now();
                long unsettled = awaitCallbacks(run, rig.drain());
                List<Figure> figures = List.of(run.dispatch().figure(), release.figure());
                if (run.errors().first() != null) {
                    notes.add("first error: " + run.errors().first());
                }
                return new ScenarioResult(name(), summary, settings, figures, null, run.errors().counts(unsettled),
                        resources, null, null, findings, notes, started, ended, null);
            }
        } finally {
            rig.router().unregister(run);
        }
    }

    /**
     * Waits until every sale sent is held, that is unanswered with its order on a terminal, or
     * until {@link #HOLD_DEADLINE}; returns the most sales seen held at one moment.
     */
    private static long awaitHeld(List<Till> tills, SaleRun run, LongAdder answered, int target) throws InterruptedException {
        long deadline = System.nanoTime() + HOLD_DEADLINE.toNanos();
        long most = 0;
        while (System.nanoTime() < deadline) {
            long unanswered = run.sent() - answered.sum();
            long onTerminals = holding(tills);
            most = Math.max(most, Math.min(unanswered, onTerminals));
            if (most >= target) {
                break;
            }
            Thread.sleep(250);
        }
        return most;
    }

    private static long holding(List<Till> tills) {
        return tills.stream().mapToLong(till -> till.agent().pendingOrders().size()).sum();
    }

    private static Optional<Long> keyOf(SaleRun run, DeviceOrder order) {
        String prefix = run.tag() + "-";
        String code = order.displayCode();
        if (code == null || !code.startsWith(prefix)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(code.substring(prefix.length())));
    }

    private static long awaitCallbacks(SaleRun run, Duration drain) throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        while (run.unsettled() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return run.unsettled();
    }
}
