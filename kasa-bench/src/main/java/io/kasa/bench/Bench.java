package io.kasa.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark program. By default it starts everything itself (a PostgreSQL in a temporary
 * directory and the server jar as a child process, both on 127.0.0.1), runs the chosen
 * scenarios one after the other, prints a table and writes {@code results.json} (and the
 * server's flight recording and log) to {@code kasa-bench/target/bench/<run>/}. With
 * {@code --target} it measures a server that is already running. Whatever happens, what it
 * started is stopped when it ends.
 *
 * <p>{@code profile <file.jfr>} prints the hottest methods of any flight recording instead.
 */
public final class Bench {

    private static final int HOT_METHODS = 12;
    /**
     * The agents log each pairing and connection at INFO: thousands of lines that would bury the
     * progress lines. Held here so the setting is not collected with the logger.
     */
    private static final java.util.logging.Logger AGENT_LOG = java.util.logging.Logger.getLogger("io.kasa.terminal");

    private Bench() {
    }

    public static void main(String[] args) {
        int status;
        try {
            if (BenchOptions.asksForHelp(args)) {
                System.out.println(BenchOptions.USAGE);
                status = 0;
            } else if (args.length > 0 && args[0].equals("profile")) {
                status = profile(args);
            } else {
                RunReport report = run(BenchOptions.parse(args));
                status = report.scenarios().stream().anyMatch(s -> s.summary().equals("did not complete")) ? 1 : 0;
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            status = 2;
        } catch (Exception e) {
            System.err.println("The benchmark failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** Runs the benchmark as the options say; returns the report, also written to the run's directory. */
    static RunReport run(BenchOptions options) throws Exception {
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path directory = Path.of(options.text("out", "kasa-bench/target/bench")).resolve(runId).toAbsolutePath();
        Files.createDirectories(directory);
        Instant startedAt = Instant.now();
        double loadAtStart = loadAverage();
        AGENT_LOG.setLevel(java.util.logging.Level.WARNING);
        System.out.println("Kasa benchmark " + runId + ": " + options.scenarios() + ", results in " + directory);

        Started started = new Started();
        Thread hook = new Thread(started::close, "kasa-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Map<String, Object> target = new LinkedHashMap<>();
            Rig rig = rig(options, runId, directory, started, target);
            Ceiling commit = null;
            if (rig.ceilings() && rig.database() != null) {
                Duration length = options.duration("commit-duration", Duration.ofSeconds(10));
                System.out.println("== database ceiling: one-row insert and commit for " + length.toSeconds() + " s");
                commit = CommitCeiling.measure(rig.database(), length, runId);
            }
            CostCeiling lean = null;
            if (rig.ceilings() && rig.database() != null) {
                Duration length = options.duration("lean-duration", Duration.ofSeconds(20));
                double rate = options.rate("lean-rate", options.scenarioRate("async", "rate", 50));
                JdbcTarget leanDatabase = started.database == null ? rig.database() : started.database.leanJdbc();
                CostMeter meter = rig.costs().forDatabaseAlone(started.database == null
                        ? rig.costs().database() : BenchDatabase.LEAN_DATABASE);
                System.out.printf(Locale.ROOT, "== lean-lifecycle ceiling: %.0f sales/s for %d s%n", rate, length.toSeconds());
                lean = LeanCeiling.measure(leanDatabase, meter, rate, length, runId);
            }
            List<ScenarioResult> results = new ArrayList<>();
            for (String name : options.scenarios()) {
                Instant scenarioStart = Instant.now();
                try {
                    results.add(Scenario.named(name).run(rig, options));
                } catch (Exception | OutOfMemoryError e) {
                    System.out.println("[" + name + "] did not complete: " + e);
                    results.add(ScenarioResult.failed(name, scenarioStart, e));
                }
                if (started.server != null && !started.server.isAlive()) {
                    System.out.println("The server is gone; the remaining scenarios are skipped. Its log: "
                            + started.server.log());
                    break;
                }
            }
            results = profiled(results, started.server);
            target.put("callbacksReceived", started.inbox.received());
            target.put("callbacksUnreadable", started.inbox.unreadable());
            RunReport report = new RunReport(runId, startedAt, gitCommit(), machine(loadAtStart), target, commit, lean,
                    results);
            Report.write(report, directory.resolve("results.json"));
            System.out.println(Report.table(report));
            System.out.println("Results: " + directory.resolve("results.json"));
            return report;
        } finally {
            started.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private static Rig rig(BenchOptions options, String runId, Path directory, Started resources,
                           Map<String, Object> target) throws Exception {
        URI baseUri;
        String adminToken;
        JdbcTarget database;
        ServerProcess server = null;
        if (options.has("target")) {
            baseUri = URI.create(options.text("target", null));
            adminToken = options.text("admin-token", null);
            if (adminToken == null) {
                throw new IllegalArgumentException("--target needs --admin-token");
            }
            database = options.has("jdbc-url")
                    ? new JdbcTarget(options.text("jdbc-url", null), options.text("jdbc-user", ""),
                    options.text("jdbc-password", ""))
                    : null;
            target.put("owned", false);
        } else {
            System.out.println("Starting PostgreSQL");
            resources.database = BenchDatabase.start(options.on("fsync", true));
            database = resources.database.jdbc();
            adminToken = "kat_bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            ServerProcess.Settings settings = new ServerProcess.Settings(
                    Path.of(options.text("server-jar", "kasa-server/target/kasa-server.jar")),
                    options.text("server-heap", "1g"), options.text("server-gc", "G1"),
                    jvmOptions(options.text("server-jvm-options", "")), options.on("jfr", true));
            System.out.println("Starting the server " + settings.jar() + " with -Xmx" + settings.heap()
                    + " -XX:+Use" + settings.gc() + "GC");
            long starting = System.nanoTime();
            server = ServerProcess.start(settings, database, adminToken, directory);
            System.out.printf(Locale.ROOT, "Server up in %.1f s at %s (pid %d)%n", (System.nanoTime() - starting) / 1e9,
                    server.baseUri(), server.pid());
            resources.server = server;
            baseUri = server.baseUri();
            target.put("owned", true);
            target.put("serverJvm", "-Xmx" + settings.heap() + " -XX:+Use" + settings.gc() + "GC "
                    + String.join(" ", settings.jvmOptions()));
            target.put("serverLog", server.log().toString());
            if (server.flightRecording() != null) {
                target.put("flightRecording", server.flightRecording().toString());
            }
        }
        target.put("baseUri", baseUri.toString());
        if (database != null) {
            target.put("database", CommitCeiling.settings(database));
        }
        SaleRouter router = new SaleRouter();
        resources.inbox = CallbackInbox.start(router);
        long postmaster = resources.database == null ? 0 : resources.database.postmasterPid();
        ServerProbe probe = new ServerProbe(baseUri, adminToken, server, postmaster);
        CostMeter costs = resources.database != null
                ? new CostMeter(probe, postmaster, resources.database.monitorJdbc(), BenchDatabase.DATABASE)
                : new CostMeter(probe, 0, database, database == null ? null : DatabaseCounters.databaseOf(database));
        return new Rig(runId, baseUri, adminToken, probe, database, costs, resources.inbox, router,
                options.duration("warmup", Duration.ofSeconds(30)), options.duration("warmup-max", Duration.ofSeconds(180)),
                options.rate("warmup-rate", 0), options.duration("bridge", Duration.ofSeconds(30)),
                options.duration("drain", Duration.ofSeconds(30)),
                options.on("ceilings", true), new AtomicInteger());
    }

    /** Adds to each scenario the server's hottest methods in its window, when there is a recording. */
    private static List<ScenarioResult> profiled(List<ScenarioResult> results, ServerProcess server) {
        if (server == null || server.flightRecording() == null || !server.isAlive()) {
            return results;
        }
        try {
            server.dumpFlightRecording();
            List<HotMethods.Window> windows = results.stream()
                    .map(result -> new HotMethods.Window(result.name(), result.started(), result.ended()))
                    .toList();
            Map<String, HotMethods> profiles = HotMethods.of(server.flightRecording(), windows, HOT_METHODS);
            return results.stream().map(result -> result.withProfile(profiles.get(result.name()))).toList();
        } catch (IOException e) {
            System.out.println("Could not read the flight recording: " + e.getMessage());
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return results;
        }
    }

    private static int profile(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("profile takes one flight recording file");
        }
        Path file = Path.of(args[1]);
        HotMethods.Window all = new HotMethods.Window("all", Instant.MIN, Instant.MAX);
        System.out.println(file + ":");
        System.out.print(HotMethods.of(file, List.of(all), HOT_METHODS).get("all").describe());
        return 0;
    }

    private static List<String> jvmOptions(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static Map<String, Object> machine(double loadAtStart) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("cpu", cpuModel());
        machine.put("loadAverage", String.format(Locale.ROOT, "%.2f at the start, %.2f at the end (other work on this machine shows here)",
                loadAtStart, loadAverage()));
        return machine;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes()).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0) {
                Process dirty = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                        .redirectErrorStream(true).start();
                String changes = new String(dirty.getInputStream().readAllBytes()).strip();
                dirty.waitFor(10, TimeUnit.SECONDS);
                return changes.isEmpty() ? output : output + "+changes";
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** What the run started, stopped in reverse order by {@link #close()}, also from the shutdown hook. */
    private static final class Started implements AutoCloseable {
        volatile BenchDatabase database;
        volatile ServerProcess server;
        volatile CallbackInbox inbox;
        private boolean closed;

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (inbox != null) {
                inbox.close();
            }
            if (server != null) {
                server.close();
            }
            if (database != null) {
                database.close();
            }
        }
    }
}
