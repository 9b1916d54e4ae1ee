package io.kasa.server.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kasa server nodes as an operator runs them: {@code java -jar kasa-server.jar} processes
 * listening on loopback ports, all on one external PostgreSQL, with the same fixed secrets so
 * that a restarted node reads what the killed one wrote. A node is killed with SIGKILL and
 * started again on its port; callers that lost an answer wait until it is up again.
 *
 * <p>Every process is killed when the nodes are closed, and by a shutdown hook should the test
 * JVM end first. Each node's output goes to {@code node-<n>.log} in the log directory, all its
 * starts one after another.
 */
final class ServerNodes implements AutoCloseable {

    static final Path JAR = Path.of("target", "kasa-server.jar").toAbsolutePath();
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    /** One node: its port stays, its process changes with every start. */
    static final class Node {
        private final int index;
        private final int port;
        private final URI base;
        private final Path log;
        private volatile Process process;
        private volatile CompletableFuture<Void> up = new CompletableFuture<>();
        private int starts;

        private Node(int index, int port, Path log) {
            this.index = index;
            this.port = port;
            this.base = URI.create("http://127.0.0.1:" + port);
            this.log = log;
        }

        int index() {
            return index;
        }

        URI base() {
            return base;
        }

        @Override
        public String toString() {
            return "node " + index + " (port " + port + ")";
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, String> environment;
    private final List<String> arguments;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread killOnExit = new Thread(this::killAll, "kill-kasa-nodes");

    /**
     * @param environment what every node gets in its environment (database and secrets)
     * @param arguments   Spring properties every node gets on its command line ({@code --name=value})
     * @param logDir      where the nodes' logs and data directories go
     */
    ServerNodes(int count, Map<String, String> environment, List<String> arguments, Path logDir) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the failsafe tests after package");
        }
        this.environment = Map.copyOf(environment);
        this.arguments = List.copyOf(arguments);
        this.dataDir = Files.createDirectories(logDir);
        for (int i = 0; i < count; i++) {
            nodes.add(new Node(i, freePort(), logDir.resolve("node-" + i + ".log")));
        }
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    List<Node> all() {
        return List.copyOf(nodes);
    }

    Node node(int index) {
        return nodes.get(index);
    }

    int size() {
        return nodes.size();
    }

    /** Starts every node at once and waits until all of them answer their health check. */
    void startAll() throws IOException {
        for (Node node : nodes) {
            launch(node);
        }
        for (Node node : nodes) {
            awaitHealthy(node);
        }
    }

    /**
     * SIGKILLs the node's process (the JDK sends SIGKILL for {@link Process#destroyForcibly()}
     * on Linux) and waits until it is gone. From the moment this is called the node counts as
     * down, so a caller that loses an answer because of the kill waits for the restart.
     */
    void kill(Node node) throws InterruptedException {
        node.up = new CompletableFuture<>();
        Process process = node.process;
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(node + " survived SIGKILL");
        }
    }

    /** Starts the node again on its port and waits until it is healthy; callers waiting for it fail if it cannot start. */
    void restart(Node node) throws IOException {
        try {
            launch(node);
            awaitHealthy(node);
        } catch (IOException | RuntimeException e) {
            node.up.completeExceptionally(e);
            throw e;
        }
    }

    /** Waits until the node is up (at once if it is); false if it is not within the timeout. */
    boolean awaitUp(Node node, Duration timeout) {
        try {
            node.up.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(node + " could not start", e.getCause());
        }
    }

    private void launch(Node node) throws IOException {
        node.starts++;
        Files.writeString(node.log, "==== start " + node.starts + " at " + Instant.now() + " ====\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(node.port));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        builder.environment().put("KASA_DATA_DIR", Files.createDirectories(dataDir.resolve("data-" + node.index)).toString());
        node.process = builder.start();
    }

    private void awaitHealthy(Node node) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        HttpRequest health = HttpRequest.newBuilder(node.base.resolve("/manage/health")).timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!node.process.isAlive()) {
                throw new IllegalStateException(node + " exited with " + node.process.exitValue() + " while starting; see " + node.log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    node.up.complete(null);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + node + " was starting", e);
            }
            if (System.nanoTime() > deadline) {
                Path threads = dumpThreads(node);
                throw new IllegalStateException(node + " did not come up within " + START_LIMIT + "; see " + node.log
                        + " and its threads in " + threads);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + node + " was starting", e);
            }
        }
    }

    /**
     * Writes the threads of a node that does not come up, virtual ones included, next to its
     * log, so a stall can be understood after the node is gone.
     */
    private Path dumpThreads(Node node) {
        Path file = node.log.resolveSibling("node-" + node.index + "-start-" + node.starts + "-threads.txt");
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process dump = new ProcessBuilder(jcmd, Long.toString(node.process.pid()), "Thread.dump_to_file", "-format=text",
                    file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            dump.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return node.log;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return file;
    }

    private void killAll() {
        for (Node node : nodes) {
            Process process = node.process;
            if (process != null) {
                process.destroyForcibly();
            }
        }
        for (Node node : nodes) {
            Process process = node.process;
            if (process != null) {
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
