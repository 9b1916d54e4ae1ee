package io.kasa.bench;

import io.kasa.client.KasaClient;
import io.kasa.client.Page;
import io.kasa.client.Terminal;
import io.kasa.terminal.Behaviour;
import io.kasa.terminal.TerminalAgent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many idle terminals: registers and pairs them, takes the server's heap after a full
 * collection, connects them all (so many at a time), checks through the terminal list that the
 * server sees every one online, lets them idle through heartbeats, and takes the heap again:
 * the difference divided by the connections is the heap one idle connection costs. When the
 * operating system's limits leave room for fewer connections than asked, it connects as many
 * as fit and says so; when the server stops accepting connections, it stops, and reports how
 * many were connected, how the others failed, and the heap at that point.
 */
final class IdleScenario implements Scenario {

    /** Connecting stops once this many connections failed, or the server is gone. */
    static final int FAILURE_BUDGET = 200;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final int PAIR_CHUNK = 1000;

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public ScenarioResult run(Rig rig, BenchOptions options) throws Exception {
        int requested = options.scenarioInt(name(), "terminals", 20_000);
        int width = options.scenarioInt(name(), "connect-width", 64);
        Duration settle = options.scenarioDuration(name(), "settle", Duration.ofSeconds(15));
        Duration warm = options.scenarioDuration(name(), "warm", Duration.ZERO);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("terminals", requested);
        settings.put("connectWidth", width);
        settings.put("settleSeconds", settle.toMillis() / 1000.0);
        settings.put("warmSeconds", warm.toMillis() / 1000.0);
        String summary = String.format(Locale.ROOT, "%d idle connected terminals, %d connecting at a time, %d s settle",
                requested, width, settle.toSeconds());
        System.out.println("== idle: " + summary);

        List<String> notes = new ArrayList<>();
        Map<String, Object> findings = new LinkedHashMap<>();
        int planned = plan(requested, rig, notes, findings);
        Instant started = Instant.now();
        try (Shop shop = rig.shop(name(), SaleLoad.REQUEST_TIMEOUT)) {
            long pairStart = System.nanoTime();
            List<Till> tills = new ArrayList<>();
            for (int done = 0; done < planned; done += PAIR_CHUNK) {
                tills.addAll(shop.pair(Math.min(PAIR_CHUNK, planned - done), Behaviour.approve()));
                System.out.printf("[idle] registered and paired %d of %d terminals%n", tills.size(), planned);
            }
            findings.put("pairSeconds", (System.nanoTime() - pairStart) / 1e9);

            long heapBefore = rig.probe().heapAfterGc("idle-before");
            findings.put("heapAfterGcBeforeBytes", heapBefore);

            Connecting connecting = new Connecting(planned);
            ResourceMonitor monitor = new ResourceMonitor("idle", rig.probe(), connecting::progress);
            long connectStart = System.nanoTime();
            Parallel.forEach(tills, width, till -> connecting.connect(till, rig.probe()));
            Resources connectResources = monitor.stop();
            long connected = connecting.connected.get();
            double connectSeconds = (connecting.lastConnectedNanos.get() - connectStart) / 1e9;
            findings.put("attempted", connecting.attempted.get());
            findings.put("connected", connected);
            findings.put("connectSeconds", connectSeconds);
            findings.put("connectsPerSecond", connected / Math.max(connectSeconds, 1e-9));
            findings.put("connectResources", connectResources);
            if (connecting.stopped.get()) {
                findings.put("failedAfterConnected", connecting.connectedAtFirstFailure.get());
                findings.put("heapAtFailureBytes", connecting.heapAtFirstFailure.get());
                findings.put("failureReasons", connecting.reasons);
                notes.add(String.format(Locale.ROOT,
                        "connecting stopped: %d connected, first failure after %d (%s), heap then %s; server %s",
                        connected, connecting.connectedAtFirstFailure.get(), connecting.firstReason.get(),
                        ResourceMonitor.megabytes(connecting.heapAtFirstFailure.get()),
                        rig.probe().sample().alive() ? "still up" : "down"));
            } else if (!connecting.reasons.isEmpty()) {
                findings.put("failureReasons", connecting.reasons);
            }

            try {
                long online = onlineByApi(shop.client());
                findings.put("onlineByApi", online);
                if (online < connected) {
                    notes.add("the server lists " + online + " terminals online, the agents count " + connected + " connected");
                }
            } catch (RuntimeException e) {
                notes.add("the server's terminal list could not be read: " + e.getMessage());
            }

            if (!warm.isZero()) {
                // The heartbeats' code is compiled while it runs: idling first, unmeasured,
                // measures the warm server rather than its compiler.
                System.out.printf(Locale.ROOT, "[idle] idling %d s first, unmeasured, for the JIT compiler%n", warm.toSeconds());
                Thread.sleep(warm.toMillis());
            }
            Resources idleResources = settle(rig, settle, findings);
            long stillConnected = countConnected(tills);
            findings.put("connectedAfterSettle", stillConnected);

            long heapAfter = rig.probe().heapAfterGc("idle-connected");
            findings.put("heapAfterGcConnectedBytes", heapAfter);
            if (heapBefore >= 0 && heapAfter >= 0 && stillConnected > 0) {
                findings.put("heapPerConnectionBytes", (double) (heapAfter - heapBefore) / stillConnected);
            } else {
                notes.add("heap per connection not measured: it needs a forced collection, which needs the server process");
            }
            Instant ended = Instant.now();
            List<Figure> figures = List.of(connecting.latency.figure());
            return new ScenarioResult(name(), summary, settings, figures, null, null, idleResources, null, null, findings,
                    notes, started, ended, null);
        }
    }

    /**
     * Lets the connected terminals idle through their heartbeats for {@code settle} and says
     * what that cost the server and PostgreSQL, in cores. The settle is watched from
     * {@code /proc} alone, at its two edges: the metrics scrape a second that the other
     * scenarios' progress lines take costs the server more than a thousand idle terminals do.
     */
    private static Resources settle(Rig rig, Duration settle, Map<String, Object> findings) throws InterruptedException {
        System.out.printf(Locale.ROOT, "[idle] settling for %d s, unobserved%n", settle.toSeconds());
        long start = System.nanoTime();
        double server = rig.probe().cpuSeconds();
        double compiler = rig.probe().compilerCpuSeconds();
        double database = ProcessCpu.database(rig.probe().databasePid());
        double bench = ProcessCpu.bench();
        Thread.sleep(settle.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        double serverCores = (rig.probe().cpuSeconds() - server) / seconds;
        double compilerCores = (rig.probe().compilerCpuSeconds() - compiler) / seconds;
        double databaseCores = (ProcessCpu.database(rig.probe().databasePid()) - database) / seconds;
        double benchCores = (ProcessCpu.bench() - bench) / seconds;
        findings.put("idleServerCores", serverCores);
        findings.put("idleDatabaseCores", databaseCores);
        findings.put("idleCompilerCores", compilerCores);
        System.out.printf(Locale.ROOT, "[idle] idle for %.0f s: server %.4f cores (its JIT compiler %.4f), PostgreSQL %.4f cores%n",
                seconds, serverCores, compilerCores, databaseCores);
        return new Resources(serverCores, Double.NaN, benchCores, databaseCores, -1, -1, -1, seconds);
    }

    /**
     * How many terminals to connect: the number asked for, unless a file-descriptor limit of this
     * process or of the server, or the loopback's ephemeral ports, leave room for fewer.
     */
    private static int plan(int requested, Rig rig, List<String> notes, Map<String, Object> findings) {
        long room = requested;
        Optional<FdBudget> bench = FdBudget.of(ProcessHandle.current().pid());
        Optional<FdBudget> server = rig.probe().fdBudget();
        bench.ifPresent(budget -> findings.put("benchOpenFilesLimit", budget.softLimit()));
        server.ifPresent(budget -> findings.put("serverOpenFilesLimit", budget.softLimit()));
        long ports = ephemeralPorts();
        if (ports > 0) {
            findings.put("ephemeralPorts", ports);
        }
        List<String> limits = new ArrayList<>();
        if (bench.isPresent() && bench.get().headroom() < room) {
            room = bench.get().headroom();
            limits.add("this process may open " + bench.get().softLimit() + " files (hard limit "
                    + bench.get().hardLimit() + ") and has " + bench.get().open() + " open");
        }
        if (server.isPresent() && server.get().headroom() < room) {
            room = server.get().headroom();
            limits.add("the server may open " + server.get().softLimit() + " files and has " + server.get().open() + " open");
        }
        if (ports > 0 && ports - FdBudget.RESERVE < room) {
            room = ports - FdBudget.RESERVE;
            limits.add("the loopback has " + ports + " ephemeral ports (net.ipv4.ip_local_port_range)");
        }
        if (room < requested) {
            notes.add(String.format(Locale.ROOT,
                    "the operating system leaves room for %d of the %d connections asked for: %s. Each connection takes "
                            + "one file descriptor in this process and one in the server. Raise the limit for both "
                            + "before starting (ulimit -n 65536 in the shell that runs kasa-bench/run; past the hard "
                            + "limit as root, or with LimitNOFILE= in a systemd unit, or nofile in "
                            + "/etc/security/limits.conf) and, if ports run short, widen net.ipv4.ip_local_port_range",
                    room, requested, String.join("; ", limits)));
            findings.put("limitedByOperatingSystem", true);
        }
        findings.put("requested", requested);
        return (int) Math.max(1, room);
    }

    private static long ephemeralPorts() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The terminals the server itself lists as connected, page by page. */
    private static long onlineByApi(KasaClient client) {
        long online = 0;
        int pageIndex = 0;
        while (true) {
            Page<Terminal> page = client.terminals().list(pageIndex, 100);
            online += page.items().stream().filter(Terminal::isSocketConnected).count();
            if (page.items().size() < 100) {
                return online;
            }
            pageIndex++;
        }
    }

    private static long countConnected(List<Till> tills) {
        return tills.stream().filter(till -> till.agent().isConnected()).count();
    }

    /** Connects terminals and counts how it went, stopping early when connections keep failing. */
    private static final class Connecting {

        final int planned;
        final Latencies latency = new Latencies("connect (start -> welcome)");
        final AtomicInteger attempted = new AtomicInteger();
        final AtomicLong connected = new AtomicLong();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong lastConnectedNanos = new AtomicLong(System.nanoTime());
        final AtomicBoolean stopped = new AtomicBoolean();
        final AtomicLong connectedAtFirstFailure = new AtomicLong(-1);
        final AtomicLong heapAtFirstFailure = new AtomicLong(-1);
        final AtomicReference<String> firstReason = new AtomicReference<>();
        final Map<String, Integer> reasons = new ConcurrentHashMap<>();

        Connecting(int planned) {
            this.planned = planned;
        }

        void connect(Till till, ServerProbe probe) {
            if (stopped.get()) {
                return;
            }
            attempted.incrementAndGet();
            long start = System.nanoTime();
            TerminalAgent agent = till.agent();
            agent.start();
            if (agent.awaitConnected(CONNECT_TIMEOUT)) {
                long now = System.nanoTime();
                latency.recordNanos(now - start);
                connected.incrementAndGet();
                lastConnectedNanos.accumulateAndGet(now, Math::max);
                return;
            }
            String reason = agent.lastClose().map(TerminalAgent.Close::toString).orElse("no answer within "
                    + CONNECT_TIMEOUT.toSeconds() + " s") + " (" + agent.state() + ")";
            reasons.merge(reason, 1, Integer::sum);
            if (firstReason.compareAndSet(null, reason)) {
                connectedAtFirstFailure.set(connected.get());
                heapAtFirstFailure.set(probe.sample().heapBytes());
            }
            if (failed.incrementAndGet() >= FAILURE_BUDGET || !probe.sample().alive()) {
                stopped.set(true);
            }
            agent.stop();
        }

        String progress() {
            return String.format(Locale.ROOT, "connected %d of %d, failed %d", connected.get(), planned, failed.get());
        }
    }
}
