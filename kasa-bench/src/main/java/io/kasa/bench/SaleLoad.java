package io.kasa.bench;

import io.kasa.client.KasaException;
import io.kasa.client.Product;
import io.kasa.client.SaleOrder;
import io.kasa.client.SaleResult;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Open-loop sales against one shop: sales sent at a fixed rate, round-robin over its terminals,
 * each on its own virtual thread, each with a callback address, then a wait for the answers
 * still out and for the final callbacks (at most the rig's drain time).
 */
final class SaleLoad {

    /** What one stretch of load measured; {@code started} and {@code ended} are its window's edges. */
    record Result(SaleRun run, Resources resources, SaleCosts costs, Throughput throughput, Errors.Counts errors,
                  String progress, Instant started, Instant ended) {
    }

    /**
     * How a warm-up went.
     *
     * @param seconds       how long it lasted
     * @param compilerShare the JIT compiler's share of the server's CPU over its last step; NaN when unknown
     * @param boundHit      whether it stopped at its longest time with the compiler still busy
     */
    record WarmUp(double seconds, double compilerShare, boolean boundHit) {
        static final WarmUp NONE = new WarmUp(0, Double.NaN, false);

        /** What a reader of the figures must know about this warm-up; empty when nothing. */
        Optional<String> note() {
            return boundHit
                    ? Optional.of(String.format(Locale.ROOT,
                    "the warm-up stopped at its bound (%.0f s) with the JIT compiler still at %.0f %% of the server's CPU",
                    seconds, compilerShare * 100))
                    : Optional.empty();
        }
    }

    static final BigDecimal AMOUNT = new BigDecimal("22.00");
    /** Sync sales ask the server to hold them this long at most. */
    static final Duration SYNC_WAIT = Duration.ofSeconds(30);
    /** Async calls time out after this; sync ones after their wait plus the client's margin. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The longest wait for a busy server to become quiet before a measurement. */
    static final Duration QUIET_WAIT = Duration.ofSeconds(30);
    /** How long each step of the warm-up past its minimum lasts. */
    static final Duration COMPILER_STEP = Duration.ofSeconds(10);
    /**
     * Over how many of the last steps the compiler's share is judged (30 s). The compiler works
     * in bursts: a 50/s run showed 8 %, 23 %, 25 %, 3.5 % over successive 5 s steps and then
     * 24 % over the measured window, so one short step lets a lull end the warm-up.
     */
    static final int JUDGED_STEPS = 3;

    private final Rig rig;
    private final Shop shop;
    private final List<Till> tills;
    private final SaleRun.Channel channel;
    private final Duration think;

    SaleLoad(Rig rig, Shop shop, SaleRun.Channel channel, Duration think) {
        this.rig = rig;
        this.shop = shop;
        this.tills = shop.tills();
        this.channel = channel;
        this.think = think;
        if (tills.isEmpty()) {
            throw new IllegalArgumentException("a shop without terminals cannot take sales");
        }
    }

    /**
     * Unmeasured load so that the server's code is compiled and its pools are warm: a quarter,
     * then half, then all of {@code rate} (or the rig's warm-up rate, when higher), a third of {@code duration} each, so that a cold
     * server is not buried under a backlog before it has compiled anything; then more of the
     * full rate, {@link #COMPILER_STEP} at a time, until the JIT compiler's share of the
     * server's CPU over the last {@link #JUDGED_STEPS} steps is under
     * {@link SaleCosts#WARM_COMPILER_SHARE}, or
     * {@code atMost} has passed since the start (a server the benchmark does not own shows no
     * compiler: it gets {@code duration} only). Then waits for the server to be quiet. No
     * warm-up at all does neither.
     */
    WarmUp warmUp(double rate, Duration duration, Duration atMost) throws InterruptedException {
        if (duration.isZero()) {
            return WarmUp.NONE;
        }
        String label = channel.name().toLowerCase(Locale.ROOT);
        rate = Math.max(rate, rig.warmupRate());
        System.out.printf(Locale.ROOT, "[%s] warming up for %d s (up to %d s while the JIT compiler is busy), up to %.0f/s%n",
                label, duration.toSeconds(), atMost.toSeconds(), rate);
        SaleRun run = new SaleRun(rig.nextTag(), channel, think);
        rig.router().register(run);
        long start = System.nanoTime();
        long end = start + Math.max(duration.toNanos(), atMost.toNanos());
        double compilerShare;
        try (OpenLoop loop = new OpenLoop()) {
            Duration third = duration.dividedBy(3);
            for (double share : new double[] {0.25, 0.5}) {
                loop.run(new RateSchedule(rate * share, third), System.nanoTime(), (key, due) -> send(run, key, due));
            }
            Duration step = third;
            Deque<CostMeter.Reading> judged = new ArrayDeque<>(List.of(rig.costs().cpuNow()));
            while (true) {
                loop.run(new RateSchedule(rate, step), System.nanoTime(), (key, due) -> send(run, key, due));
                CostMeter.Reading after = rig.costs().cpuNow();
                judged.addLast(after);
                if (judged.size() > JUDGED_STEPS + 1) {
                    judged.removeFirst();
                }
                CostMeter.Reading before = judged.getFirst();
                compilerShare = SaleCosts.compilerShare(after.compilerCpu() - before.compilerCpu(),
                        after.serverCpu() - before.serverCpu());
                long left = end - System.nanoTime();
                if (Double.isNaN(compilerShare) || compilerShare < SaleCosts.WARM_COMPILER_SHARE || left <= 0) {
                    break;
                }
                System.out.printf(Locale.ROOT,
                        "[%s] warming up: the JIT compiler took %.0f %% of the server's CPU over the last %.1f s%n",
                        label, compilerShare * 100, (after.nanos() - before.nanos()) / 1e9);
                step = Duration.ofNanos(Math.min(COMPILER_STEP.toNanos(), left));
            }
            loop.awaitFinished(answerWait());
        } finally {
            rig.router().unregister(run);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean boundHit = compilerShare >= SaleCosts.WARM_COMPILER_SHARE;
        System.out.printf(Locale.ROOT, "[%s] warmed up in %.0f s, the JIT compiler at %.1f %% of the server's CPU%s%n",
                label, seconds, compilerShare * 100, boundHit ? " (its bound)" : "");
        quiet();
        return new WarmUp(seconds, compilerShare, boundHit);
    }

    /** Waits (bounded) for the server to finish what earlier load left, and says so when it does not. */
    void quiet() throws InterruptedException {
        if (!rig.probe().awaitQuiet(QUIET_WAIT)) {
            System.out.printf("[%s] the server is still busy after %d s; measuring anyway%n",
                    channel.name().toLowerCase(Locale.ROOT), QUIET_WAIT.toSeconds());
        }
    }

    /**
     * Measures {@code schedule}; {@code label} prefixes the progress lines. The database's
     * counters are read on a quiet server (see {@link CostMeter#STATS_DELAY}); then the rig's
     * bridge sends the same rate, unmeasured, so that the window opens on a server already
     * back at this load: after the quiet wait its first requests take branches the warm-up
     * had left (new connections, timers that ran meanwhile), and the compiler spent the
     * first seconds recompiling what they invalidated. The CPU is read at the window's edges;
     * the database's counters, which need the quiet to be complete, span the bridge and the
     * window, and are divided by the sales settled in both.
     */
    Result run(String label, RateSchedule schedule) throws InterruptedException {
        SaleRun run = new SaleRun(rig.nextTag(), channel, think);
        SaleRun bridge = new SaleRun(rig.nextTag(), channel, think);
        rig.router().register(run);
        rig.router().register(bridge);
        try (OpenLoop loop = new OpenLoop(); OpenLoop bridging = new OpenLoop()) {
            CostMeter.Reading quiet = rig.costs().beforeWindow(CostMeter.STATS_DELAY);
            if (!rig.bridge().isZero()) {
                bridging.run(new RateSchedule(schedule.rate(), rig.bridge()), System.nanoTime(),
                        (key, due) -> send(bridge, key, due));
            }
            CostMeter.Reading before = rig.costs().cpuNow().with(quiet.counters());
            Instant started = Instant.now();
            ResourceMonitor monitor = new ResourceMonitor(label, rig.probe(), run::progress);
            long start = System.nanoTime();
            loop.run(schedule, start, (key, due) -> send(run, key, due));
            boolean finished = loop.awaitFinished(answerWait());
            Resources resources = monitor.stop();
            if (!finished) {
                System.out.println("[" + label + "] some sales were still unanswered after " + answerWait().toSeconds() + " s");
            }
            long unsettled = awaitCallbacks(run);
            awaitCallbacks(bridge);
            Instant ended = Instant.now();
            CostMeter.Reading after = rig.costs().afterWindow(CostMeter.STATS_DELAY);
            SaleCosts costs = SaleCosts.between(before, after, run.settledCount(),
                    run.settledCount() + bridge.settledCount());
            Throughput throughput = Throughput.of(schedule.rate(), run.answered(), schedule.duration(), start,
                    run.lastAnswerNanos());
            return new Result(run, resources, costs, throughput, run.errors().counts(unsettled), monitor.lastLine(),
                    started, ended);
        } finally {
            rig.router().unregister(run);
            rig.router().unregister(bridge);
        }
    }

    private void send(SaleRun run, long key, long intendedNanos) {
        Till till = tills.get((int) (key % tills.size()));
        String displayCode = run.displayCode(key);
        SaleOrder order = SaleOrder.of(till.ref(), rig.runId() + "-" + displayCode, AMOUNT, 1,
                        List.of(Product.of("Bench item", AMOUNT, 1, 10, 1)))
                .withDisplayCode(displayCode)
                .withCallbackAddress(rig.inbox().address().toString());
        run.sending(key, intendedNanos);
        try {
            SaleResult result = channel == SaleRun.Channel.ASYNC
                    ? shop.client().payments().asyncSale(order)
                    : shop.client().payments().syncSale(order, SYNC_WAIT);
            run.answered(key, result, System.nanoTime());
        } catch (KasaException e) {
            run.failed(key, e);
        }
    }

    /** Waits for the final callbacks of the answered sales; returns how many are still missing. */
    private long awaitCallbacks(SaleRun run) {
        long deadline = System.nanoTime() + rig.drain().toNanos();
        long unsettled = run.unsettled();
        while (unsettled > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            unsettled = run.unsettled();
        }
        return unsettled;
    }

    private Duration answerWait() {
        Duration timeout = channel == SaleRun.Channel.ASYNC ? REQUEST_TIMEOUT : SYNC_WAIT.plus(Duration.ofSeconds(30));
        return timeout.plus(Duration.ofSeconds(10));
    }
}
