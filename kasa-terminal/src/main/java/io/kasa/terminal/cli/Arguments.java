package io.kasa.terminal.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.kasa.terminal.Behaviour;

/**
 * Parses {@code <command> [--name value | --name=value | --flag]...}. {@code -h} or {@code --help}
 * anywhere an option may stand asks for help, {@code --version} alone for the version;
 * everything else unexpected is a usage error.
 */
final class Arguments {

    static final Duration DEFAULT_THINK = Duration.ofMillis(1500);
    static final long MAX_THINK_MS = 3_600_000;

    private static final Set<String> PAIR_OPTIONS = Set.of("server", "code", "store", "serial", "model");
    private static final Set<String> RUN_OPTIONS = Set.of("store", "behaviour", "think-ms", "interactive");
    /** Options that take no value. */
    private static final Set<String> FLAGS = Set.of("interactive");

    private Arguments() {
    }

    static Invocation parse(String... args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("a command is required");
        }
        String command = args[0];
        if (isHelp(command) || command.equals("help")) {
            return new Invocation.Help();
        }
        if (command.equals("--version") || command.equals("version")) {
            if (args.length > 1) {
                throw new UsageException("--version takes no other argument");
            }
            return new Invocation.Version();
        }
        Set<String> allowed = switch (command) {
            case "pair" -> PAIR_OPTIONS;
            case "run" -> RUN_OPTIONS;
            default -> throw new UsageException("unknown command '" + command + "'");
        };
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String token = args[i];
            if (isHelp(token)) {
                return new Invocation.Help();
            }
            if (!token.startsWith("--") || token.length() == 2) {
                throw new UsageException("unexpected argument '" + token + "'");
            }
            int equals = token.indexOf('=');
            String name = equals >= 0 ? token.substring(2, equals) : token.substring(2);
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name + " for " + command);
            }
            if (FLAGS.contains(name)) {
                if (equals >= 0) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                if (!flags.add(name)) {
                    throw new UsageException("option --" + name + " is given twice");
                }
                continue;
            }
            String value;
            if (equals >= 0) {
                value = token.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "";
            }
            if (value.isBlank()) {
                throw new UsageException("option --" + name + " needs a value");
            }
            if (options.putIfAbsent(name, value) != null) {
                throw new UsageException("option --" + name + " is given twice");
            }
        }
        return switch (command) {
            case "pair" -> {
                requirePresent(options, "server", "code", "store");
                yield new Invocation.Pair(server(options.get("server")), options.get("code"),
                        path(options.get("store")), options.get("serial"), options.get("model"));
            }
            case "run" -> {
                requirePresent(options, "store");
                boolean interactive = flags.contains("interactive");
                if (interactive && (options.containsKey("behaviour") || options.containsKey("think-ms"))) {
                    throw new UsageException("--interactive leaves every order to you; it cannot be combined with"
                            + " --behaviour or --think-ms");
                }
                Behaviour behaviour = interactive
                        ? Behaviour.manual()
                        : scripted(options.getOrDefault("behaviour", "approve"), think(options.get("think-ms")));
                yield new Invocation.Run(path(options.get("store")), behaviour, interactive);
            }
            default -> throw new IllegalStateException(command);
        };
    }

    private static Behaviour scripted(String answer, Duration think) throws UsageException {
        return switch (answer) {
            case "approve" -> Behaviour.approveAfter(think);
            case "decline" -> Behaviour.declineAfter(think);
            default -> throw new UsageException("--behaviour must be approve or decline: " + answer);
        };
    }

    private static Duration think(String value) throws UsageException {
        if (value == null) {
            return DEFAULT_THINK;
        }
        if (!value.matches("\\d{1,7}") || Long.parseLong(value) > MAX_THINK_MS) {
            throw new UsageException("--think-ms must be a whole number of milliseconds from 0 to " + MAX_THINK_MS
                    + ": " + value);
        }
        return Duration.ofMillis(Long.parseLong(value));
    }

    private static boolean isHelp(String token) {
        return token.equals("-h") || token.equals("--help");
    }

    private static void requirePresent(Map<String, String> options, String... names) throws UsageException {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!options.containsKey(name)) {
                missing.add("--" + name);
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("missing " + String.join(", ", missing));
        }
    }

    private static URI server(String value) throws UsageException {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new UsageException("--server is not a URL: " + value);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new UsageException("--server must be an http:// or https:// URL with a host: " + value);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException("--server must not have a query or fragment: " + value);
        }
        return uri;
    }

    private static Path path(String value) throws UsageException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("--store is not a valid path: " + value);
        }
    }
}
