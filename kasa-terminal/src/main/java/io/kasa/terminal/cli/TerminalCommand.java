package io.kasa.terminal.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.kasa.terminal.DeviceStore;
import io.kasa.terminal.PairResult;
import io.kasa.terminal.Pairing;
import io.kasa.terminal.PairingException;
import io.kasa.terminal.TerminalAgent;

/**
 * The terminal agent on the command line: {@code pair} once with a code, then {@code run}.
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
public final class TerminalCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: java -jar kasa-terminal.jar <command> [options]

            Commands:
              pair   Exchange a pair code for a device token and keep it in the store.
                     For an async code, print that the device waits for the merchant's
                     confirmation and wait for it (up to 30 minutes) before storing.
                       --server <url>   Kasa base URL, e.g. https://pos.example.com (required)
                       --code <code>    the 6-digit pair code (required)
                       --store <dir>    directory for device.json, created if missing (required)
                       --serial <s>     serial number sent to Kasa (default: derived from the
                                        host name and the store path, the same on every run)
                       --model <m>      device model sent to Kasa
              run    Connect with the stored pairing and keep the live connection until
                     interrupted (Ctrl-C, SIGTERM); answer the orders the server sends.
                     Prints each state change and each step of each order on one line.
                       --store <dir>    directory holding device.json and orders/ (required)
                       --behaviour <b>  approve (default) or decline every order
                       --think-ms <n>   milliseconds from taking an order to answering
                                        it (default 1500)
                       --interactive    you answer each order instead: the pending orders
                                        are listed by display code; type a <n> to approve
                                        or d <n> to decline the n-th, l to list, q to quit

            Options are written --name value or --name=value; --interactive takes no value.
              -h, --help                print this text
              --version                 print the agent's version

            Exit status: 0 success; 1 failure (pairing refused, server unreachable, not
            paired, or unpaired or replaced while running); 2 usage error.
            """;

    private TerminalCommand() {
    }

    public static void main(String[] args) {
        quietLogging();
        System.exit(execute(args, System.in, System.out, System.err));
    }

    /**
     * The command prints what matters itself, so the agent's log is cut to warnings and errors, one
     * line each. A logging configuration given with {@code -Djava.util.logging.config.file} wins.
     */
    private static void quietLogging() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        }
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }

    /** Runs one command line without input; returns the exit status. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, InputStream.nullInputStream(), out, err);
    }

    /** Runs one command line; {@code in} carries the commands of {@code run --interactive}. Returns the exit status. */
    static int execute(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Invocation invocation;
        try {
            invocation = Arguments.parse(args);
        } catch (UsageException e) {
            err.println("kasa-terminal: " + e.getMessage());
            err.println();
            err.print(USAGE_TEXT);
            return USAGE;
        }
        return switch (invocation) {
            case Invocation.Help help -> {
                out.print(USAGE_TEXT);
                yield OK;
            }
            case Invocation.Version version -> {
                out.println("kasa-terminal " + version());
                yield OK;
            }
            case Invocation.Pair pair -> pair(pair, out, err);
            case Invocation.Run run -> run(run, in, out, err);
        };
    }

    private static int pair(Invocation.Pair invocation, PrintStream out, PrintStream err) {
        String serial = invocation.serial() != null
                ? invocation.serial()
                : defaultSerial(hostName(), invocation.store());
        TerminalAgent agent = TerminalAgent.builder()
                .server(invocation.server())
                .store(DeviceStore.inDirectory(invocation.store()))
                .serialNo(serial)
                .model(invocation.model())
                .build();
        try {
            PairResult result = agent.pair(invocation.code(), waiting -> out.println("Waiting for the merchant to confirm"
                    + " the pairing of device " + serial + " with terminal " + waiting.terminalId() + "..."));
            out.println("Paired device " + serial + ".");
            out.println("TerminalId:     " + result.terminalId());
            out.println("TerminalPairId: " + result.terminalPairId());
            out.println("Stored in:      " + storeFile(invocation.store()));
            return OK;
        } catch (PairingException e) {
            err.println(explain(e));
            return FAILED;
        } catch (IOException e) {
            err.println("Cannot reach " + invocation.server() + ": " + describe(e));
            return FAILED;
        } catch (UncheckedIOException e) {
            err.println("Cannot store the pairing: " + describe(e));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted.");
            return FAILED;
        }
    }

    private static int run(Invocation.Run invocation, InputStream in, PrintStream out, PrintStream err) {
        DeviceStore store = DeviceStore.inDirectory(invocation.store());
        Optional<Pairing> pairing;
        try {
            pairing = store.load();
        } catch (UncheckedIOException e) {
            err.println("Cannot read the pairing: " + describe(e));
            return FAILED;
        }
        if (pairing.isEmpty()) {
            err.println("Not paired: " + storeFile(invocation.store())
                    + " does not exist. Pair first: pair --server <url> --code <code> --store " + invocation.store());
            return FAILED;
        }
        TerminalAgent agent = TerminalAgent.builder().store(store).behaviour(invocation.behaviour()).build();
        CountDownLatch finished = new CountDownLatch(1);
        agent.onStateChange(state -> {
            out.println(stateLine(Instant.now(), state, agent));
            out.flush();
            if (state == TerminalAgent.State.UNPAIRED || state == TerminalAgent.State.REPLACED
                    || state == TerminalAgent.State.STOPPED) {
                finished.countDown();
            }
        });
        Till till = invocation.interactive()
                ? new Till(agent, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out)
                : null;
        agent.onProgress(order -> {
            out.println(OrderLines.step(Instant.now(), order));
            out.flush();
            if (till != null) {
                till.progressed(order);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(agent::stop, "kasa-terminal-shutdown"));
        if (till != null) {
            agent.onOrder(till::arrived);
        }
        out.println("Terminal " + pairing.get().terminalId() + " using " + pairing.get().liveUri()
                + (invocation.interactive() ? ", interactive" : ", behaviour " + invocation.behaviour()));
        try {
            agent.start();
        } catch (UncheckedIOException e) {
            err.println("Cannot read the stored orders: " + describe(e));
            return FAILED;
        }
        if (till != null) {
            // A daemon: a person who never types must not keep the process alive after the agent ends.
            Thread reader = new Thread(till, "kasa-terminal-till");
            reader.setDaemon(true);
            reader.start();
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.stop();
            return FAILED;
        }
        return switch (agent.state()) {
            case UNPAIRED -> {
                err.println("The server no longer accepts this device (" + agent.lastClose().map(String::valueOf).orElse("no pairing")
                        + "). The token was removed; pair again with a new code.");
                yield FAILED;
            }
            case REPLACED -> {
                err.println("Another connection of terminal " + pairing.get().terminalId()
                        + " took over (4409); this one stops.");
                yield FAILED;
            }
            default -> OK;
        };
    }

    /**
     * The version the jar's manifest names ({@code Implementation-Version}, written by the build);
     * "development build" when run from compiled classes, which have no manifest.
     */
    static String version() {
        String version = TerminalCommand.class.getPackage().getImplementationVersion();
        return version != null ? version : "(development build)";
    }

    /** Where the pairing is kept, written as a person reads a path: absolute, without {@code .} or {@code ..} steps. */
    static Path storeFile(Path store) {
        return store.toAbsolutePath().normalize().resolve(DeviceStore.FILE_NAME);
    }

    static String stateLine(Instant at, TerminalAgent.State state, TerminalAgent agent) {
        String detail = switch (state) {
            case CONNECTED -> "terminal " + agent.terminalId().orElse("?");
            case BACKING_OFF, UNPAIRED, REPLACED -> agent.lastClose().map(close -> "after " + close).orElse("");
            default -> "";
        };
        String line = at.truncatedTo(ChronoUnit.MILLIS) + " " + state;
        return detail.isEmpty() ? line : line + " " + detail;
    }

    static String explain(PairingException e) {
        String what;
        if (e.isRateLimited()) {
            what = "Pairing refused: too many attempts. "
                    + e.retryAfter().map(wait -> "Wait at least " + wait.toSeconds() + " s before trying again.")
                    .orElse("Wait before trying again.");
        } else if ("Pair.Sync.CodeInvalid".equals(e.clientMessage())) {
            what = "Pairing refused: the pair code is unknown, expired, already used or cancelled. Ask for a new code.";
        } else if ("Pair.Async.CodeExpired".equals(e.clientMessage())) {
            what = "Pairing refused: the merchant did not confirm this device in time. Ask for a new code.";
        } else if ("Pair.Async.RequestNotPending".equals(e.clientMessage())) {
            what = "Pairing refused: the merchant deleted the pair request or issued a newer code. Ask for a new code.";
        } else if (e.httpStatus() == 0) {
            what = "Pairing not completed: " + e.serverMessage() + ".";
        } else if ("System.ValidationError".equals(e.clientMessage())) {
            what = "Pairing refused: the request was invalid (the code must be 6 digits, the serial 1-50 characters).";
        } else {
            what = "Pairing refused.";
        }
        StringBuilder detail = new StringBuilder("HTTP ").append(e.httpStatus());
        if (e.clientMessage() != null) {
            detail.append(", ").append(e.clientMessage());
        }
        if (e.errorCode() != 0) {
            detail.append(", ErrorCode ").append(e.errorCode());
        }
        if (e.serverMessage() != null && !e.serverMessage().isBlank()) {
            detail.append(": ").append(e.serverMessage());
        }
        return what + " (" + detail + ")";
    }

    /**
     * A serial number that stays the same for one store on one host: "KT" and 12 hex digits of
     * SHA-256 over the host name and the absolute store path.
     */
    static String defaultSerial(String hostName, Path store) {
        String seed = hostName + "\n" + store.toAbsolutePath().normalize();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "KT" + HexFormat.of().withUpperCase().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            if (fromEnvironment == null) {
                fromEnvironment = System.getenv("COMPUTERNAME");
            }
            return fromEnvironment != null ? fromEnvironment : "localhost";
        }
    }

    /** The distinct messages along the cause chain ("cannot write ...: Permission denied"), else the type's name. */
    static String describe(Throwable error) {
        List<String> messages = new ArrayList<>();
        for (Throwable next = error; next != null && messages.size() < 4; next = next.getCause()) {
            String message = next.getMessage();
            if (message != null && !message.isBlank() && !messages.contains(message)
                    && !message.equals(String.valueOf(next.getCause()))) {
                messages.add(message);
            }
        }
        return messages.isEmpty() ? error.getClass().getSimpleName() : String.join(": ", messages);
    }
}
