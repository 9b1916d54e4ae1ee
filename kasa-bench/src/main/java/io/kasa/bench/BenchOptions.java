package io.kasa.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line: scenario names, then {@code --option value} (or {@code --option=value}).
 * A scenario option ({@link #SCENARIO_OPTIONS}) given plainly applies to every scenario that
 * reads it; {@code --<scenario>.<option>} applies to that scenario only and wins.
 */
final class BenchOptions {

    static final List<String> SCENARIOS = List.of("async", "sync", "ramp", "idle", "held");

    static final Set<String> RUN_OPTIONS = Set.of("target", "admin-token", "jdbc-url", "jdbc-user", "jdbc-password",
            "server-jar", "server-heap", "server-gc", "server-jvm-options", "jfr", "out", "ceilings",
            "commit-duration", "lean-duration", "lean-rate", "warmup", "warmup-max", "warmup-rate", "bridge", "drain", "fsync");

    /** The options each scenario reads. */
    static final Map<String, Set<String>> SCENARIO_OPTIONS = Map.of(
            "async", Set.of("rate", "duration", "terminals", "think"),
            "sync", Set.of("rate", "duration", "terminals", "think"),
            "ramp", Set.of("rates", "step", "p99-limit", "terminals", "think"),
            "idle", Set.of("terminals", "settle", "warm", "connect-width"),
            "held", Set.of("held", "terminals", "rate"));

    static final String USAGE = """
            Usage: kasa-bench/run [scenario...] [--option value ...]   (--help: this text)
            Scenarios: async sync ramp idle held, or all (the default), run in that order.
            Run options:
              --target URL              measure a running server instead of starting one
              --admin-token TOKEN       that server's admin token (required with --target)
              --jdbc-url URL --jdbc-user U --jdbc-password P
                                        that server's PostgreSQL, for the commit ceiling
              --server-jar PATH         default kasa-server/target/kasa-server.jar
              --server-heap SIZE        -Xmx of the server, default 1g
              --server-gc NAME          collector, as in -XX:+Use<NAME>GC, default G1
              --server-jvm-options "…"  more JVM options for the server
              --jfr on|off              flight recording of the server, default on
              --fsync on|off            the started PostgreSQL's fsync, default on (as in production;
                                        the server's own embedded database runs with it off)
              --out DIR                 results go to DIR/<run>/, default kasa-bench/target/bench
              --ceilings on|off         measure the ceilings beside the figures, default on
              --commit-duration D       length of the database commit loop, default 10s
              --lean-duration D         length of the lean-lifecycle ceiling, default 20s
              --lean-rate N             its sales per second, default --rate (or async's), else 50
              --warmup D                unmeasured load before async, sync and ramp, default 30s
              --warmup-max D            the warm-up goes on while the server's JIT compiler takes
                                        5 % of its CPU or more, up to this, default 180s
              --warmup-rate N           the warm-up's sales per second when higher than the
                                        scenario's rate, default the scenario's rate
              --bridge D                unmeasured load at the window's rate after the quiet
                                        reading of the database's counters, default 30s
              --drain D                 longest wait for callbacks after the last send, default 30s
            Scenario options (plain: every scenario that uses it; --<scenario>.<option>: one):
              --rate N --duration D --terminals N --think D      async, sync; held uses --rate to send
              --rates A,B,C --step D --p99-limit D                ramp
              --settle D --warm D --connect-width N               idle (--terminals is the count)
              --held N                                            held (--terminals spreads them)
            Durations: 500ms, 10s, 2m (a bare number is seconds).
            """;

    private final List<String> scenarios;
    private final Map<String, String> values;

    private BenchOptions(List<String> scenarios, Map<String, String> values) {
        this.scenarios = scenarios;
        this.values = values;
    }

    /** Whether the command line asks for the usage ({@code --help}, {@code -h} or {@code help}) instead of a run. */
    static boolean asksForHelp(String... args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h") || arg.equals("help"));
    }

    /** @throws IllegalArgumentException on an unknown scenario or option, or an option without a value */
    static BenchOptions parse(String... args) {
        List<String> scenarios = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value;
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                checkName(name);
                values.put(name, value);
            } else if (arg.equals("all")) {
                scenarios.addAll(SCENARIOS);
            } else if (SCENARIOS.contains(arg)) {
                scenarios.add(arg);
            } else {
                throw new IllegalArgumentException("unknown scenario: " + arg + " (one of " + SCENARIOS + " or all)");
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(SCENARIOS);
        }
        List<String> ordered = SCENARIOS.stream().filter(scenarios::contains).toList();
        return new BenchOptions(ordered, values);
    }

    private static void checkName(String name) {
        int dot = name.indexOf('.');
        if (dot > 0) {
            String scenario = name.substring(0, dot);
            String option = name.substring(dot + 1);
            if (!SCENARIO_OPTIONS.getOrDefault(scenario, Set.of()).contains(option)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        } else if (!RUN_OPTIONS.contains(name)
                && SCENARIO_OPTIONS.values().stream().noneMatch(options -> options.contains(name))) {
            throw new IllegalArgumentException("unknown option --" + name);
        }
    }

    /** The scenarios to run, each once, in the order of {@link #SCENARIOS}. */
    List<String> scenarios() {
        return scenarios;
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean on(String name, boolean fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException("--" + name + " takes on or off: " + value);
        };
    }

    Duration duration(String name, Duration fallback) {
        String value = values.get(name);
        return value == null ? fallback : parseDuration(name, value);
    }

    double rate(String name, double fallback) {
        String value = values.get(name);
        return value == null ? fallback : parseRate(name, value);
    }

    /** A scenario option: {@code --<scenario>.<name>}, else {@code --<name>}, else the scenario's default. */
    String scenarioText(String scenario, String name, String fallback) {
        return values.getOrDefault(scenario + "." + name, values.getOrDefault(name, fallback));
    }

    int scenarioInt(String scenario, String name, int fallback) {
        String value = scenarioText(scenario, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.replace("_", ""));
            if (number <= 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a positive whole number: " + value);
        }
    }

    double scenarioRate(String scenario, String name, double fallback) {
        String value = scenarioText(scenario, name, null);
        return value == null ? fallback : parseRate(name, value);
    }

    Duration scenarioDuration(String scenario, String name, Duration fallback) {
        String value = scenarioText(scenario, name, null);
        return value == null ? fallback : parseDuration(name, value);
    }

    List<Double> scenarioRates(String scenario, String name, List<Double> fallback) {
        String value = scenarioText(scenario, name, null);
        if (value == null) {
            return fallback;
        }
        List<Double> rates = new ArrayList<>();
        for (String part : value.split(",")) {
            rates.add(parseRate(name, part.strip()));
        }
        return List.copyOf(rates);
    }

    static Duration parseDuration(String name, String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        try {
            Duration duration;
            if (text.endsWith("ms")) {
                duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.endsWith("s")) {
                duration = Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            } else if (text.endsWith("m")) {
                duration = Duration.ofSeconds(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 60));
            } else {
                duration = Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
            }
            if (duration.isNegative()) {
                throw new NumberFormatException();
            }
            return duration;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a duration such as 500ms, 10s or 2m: " + value);
        }
    }

    private static double parseRate(String name, String value) {
        try {
            double rate = Double.parseDouble(value);
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new NumberFormatException();
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a positive rate per second: " + value);
        }
    }
}
