package io.kasa.server.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A PostgreSQL of the test's own that it can stop and start again, as an operator would
 * restart a database server: the same data directory, the same port, so a client keeps
 * its address. Stopping is PostgreSQL's fast shutdown: open connections are cut.
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Creates the database files in {@code dataDir} and starts on a free loopback port. */
    static RestartablePostgres start(Path dataDir) throws IOException {
        RestartablePostgres postgres = new RestartablePostgres(dataDir, freePort());
        postgres.start();
        return postgres;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String username() {
        return "postgres";
    }

    void start() throws IOException {
        if (running != null) {
            throw new IllegalStateException("already running");
        }
        running = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    void stop() throws IOException {
        if (running == null) {
            throw new IllegalStateException("not running");
        }
        EmbeddedPostgres stopping = running;
        running = null;
        stopping.close();
    }

    /**
     * Freezes the server without stopping it, as a stalled host or a black-holed network
     * would: SIGSTOP to the postmaster and every backend. Its port still accepts TCP
     * connections (the kernel completes them), but nothing answers.
     */
    void freeze() throws IOException, InterruptedException {
        // The postmaster first, so that it forks no backend after the descendants are listed;
        // then its descendants, listed again until no new one appears: a backend forked just
        // before the postmaster stopped would otherwise go on serving its connection.
        long postmaster = postmaster();
        signal("STOP", List.of(postmaster));
        Set<Long> stopped = new HashSet<>();
        while (true) {
            List<Long> fresh = ProcessHandle.of(postmaster).orElseThrow().descendants().map(ProcessHandle::pid)
                    .filter(pid -> !stopped.contains(pid)).toList();
            if (fresh.isEmpty()) {
                return;
            }
            signal("STOP", fresh);
            stopped.addAll(fresh);
        }
    }

    /** Lets a frozen server run on (SIGCONT), with its connections as they were. */
    void thaw() throws IOException, InterruptedException {
        long postmaster = postmaster();
        List<Long> every = new ArrayList<>(ProcessHandle.of(postmaster).orElseThrow().descendants().map(ProcessHandle::pid).toList());
        every.add(postmaster);
        signal("CONT", every);
    }

    private long postmaster() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
    }

    private static void signal(String name, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + name));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).inheritIO().start();
        // a backend that exited meanwhile has nothing left to signal
        boolean everyOneThere = pids.stream().allMatch(pid -> ProcessHandle.of(pid).isPresent());
        if (kill.waitFor() != 0 && everyOneThere) {
            throw new IOException("kill -" + name + " failed: " + command);
        }
    }

    @Override
    public void close() throws IOException {
        if (running != null) {
            stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
