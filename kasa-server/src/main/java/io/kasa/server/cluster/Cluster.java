package io.kasa.server.cluster;

import io.kasa.server.database.DirectConnections;
import io.kasa.server.shared.BusinessTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * This server node among the nodes that share the database. Nodes tell each other about
 * changes through PostgreSQL's LISTEN/NOTIFY on one channel. A message is one short line
 * of ids, sent with {@code pg_notify}; inside a transaction it goes out when that commits
 * and never if it rolls back. Messages are nudges, not data: the receiver reads the truth
 * from the database, so a repeated message is harmless and a lost one costs a delay, and
 * after a gap in listening every feature re-reads what it may have missed
 * ({@link #afterGap}).
 */
@Component
public class Cluster implements SmartLifecycle {

    static final String CHANNEL = "kasa_cluster";
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);
    private static final String EVERYONE = "*";
    private static final int MAX_PAYLOAD_BYTES = 7999;
    private static final String JOINED = "joined";
    private static final String LEFT = "left";

    private final String nodeId;
    private final ClusterSettings settings;
    private final Nodes nodes;
    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final Listener listener;
    private final Map<String, List<Consumer<ClusterMessage>>> handlers = new ConcurrentHashMap<>();
    private final List<Consumer<Instant>> catchUps = new CopyOnWriteArrayList<>();
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> peers = ConcurrentHashMap.newKeySet();
    private volatile Instant lastBeat;
    private volatile boolean running;

    Cluster(ClusterSettings settings, Nodes nodes, JdbcClient jdbc, BusinessTime time, DirectConnections connections) {
        this.settings = settings;
        this.nodeId = settings.nodeId() == null || settings.nodeId().isBlank() ? generatedId() : settings.nodeId();
        this.nodes = nodes;
        this.jdbc = jdbc;
        this.time = time;
        this.listener = new Listener(connections, "kasa-listen-" + nodeId, time::now, this::received, this::gap);
    }

    /** This node's id: {@code kasa.cluster.node-id}, or generated at start. */
    public String nodeId() {
        return nodeId;
    }

    /** Whether other live nodes share the database; when none do, nothing needs telling. */
    public boolean hasPeers() {
        return !peers.isEmpty();
    }

    /** The other live nodes, as last heard. */
    public Set<String> peers() {
        return Set.copyOf(peers);
    }

    /** Whether this node is hearing the others now. */
    public boolean isListening() {
        return listener.isListening();
    }

    /** Tells every other node; inside a transaction, when it commits. */
    public void broadcast(String kind, Object... args) {
        notify(EVERYONE, kind, args);
    }

    /** Tells one node; inside a transaction, when it commits. */
    public void send(String node, String kind, Object... args) {
        notify(node, kind, args);
    }

    /** Handles the messages of this kind from other nodes, off the listening thread. */
    public void on(String kind, Consumer<ClusterMessage> handler) {
        handlers.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /**
     * Runs {@code catchUp} after this node may have missed messages: its listening
     * connection dropped and came back, or the others took it for dead. The argument is the
     * moment up to which it had heard everything; what changed since must be re-read.
     */
    public void afterGap(Consumer<Instant> catchUp) {
        catchUps.add(catchUp);
    }

    private void notify(String to, String kind, Object... args) {
        String payload = Stream.concat(Stream.of(nodeId, to, kind), Arrays.stream(args).map(String::valueOf))
                .collect(Collectors.joining(" "));
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a cluster message must stay under 8000 bytes: " + kind);
        }
        jdbc.sql("select pg_notify(:channel, :payload)").param("channel", CHANNEL).param("payload", payload)
                .query().listOfRows();
    }

    void received(String payload) {
        List<String> parts = List.of(payload.split(" "));
        if (parts.size() < 3) {
            log.warn("Ignoring a malformed cluster message: {}", payload);
            return;
        }
        String from = parts.get(0);
        String to = parts.get(1);
        String kind = parts.get(2);
        if (from.equals(nodeId) || !(to.equals(EVERYONE) || to.equals(nodeId))) {
            return;
        }
        if (kind.equals(LEFT)) {
            peers.remove(from);
            return;
        }
        if (peers.add(from)) {
            log.info("Node {} joined the cluster; peers now {}", from, peers);
        }
        ClusterMessage message = new ClusterMessage(from, kind, new ArrayList<>(parts.subList(3, parts.size())));
        for (Consumer<ClusterMessage> handler : handlers.getOrDefault(kind, List.of())) {
            work.submit(() -> {
                try {
                    handler.accept(message);
                } catch (RuntimeException e) {
                    log.warn("Handling cluster message {} from {} failed", kind, from, e);
                }
            });
        }
    }

    private void gap(Instant since) {
        log.info("Catching up on cluster messages missed since {}", since);
        refreshPeers();
        for (Consumer<Instant> catchUp : catchUps) {
            work.submit(() -> {
                try {
                    catchUp.accept(since);
                } catch (RuntimeException e) {
                    log.warn("Catching up after a gap in cluster messages failed", e);
                }
            });
        }
    }

    /** Keeps this node's row alive, learns who else is, and removes the rows of dead nodes. */
    @Scheduled(fixedDelayString = "${kasa.cluster.heartbeat:5s}")
    void heartbeat() {
        if (!running) {
            return;
        }
        try {
            Instant now = time.now();
            if (!nodes.beat(nodeId)) {
                log.warn("Node {} was taken for dead by the others; it has written its row again", nodeId);
                gap(lastBeat == null ? now : lastBeat);
            }
            lastBeat = now;
            List<String> dead = nodes.removeDead(settings.nodeTimeout());
            if (!dead.isEmpty()) {
                log.info("Nodes {} stopped sending heartbeats; their live connections are forgotten", dead);
            }
            refreshPeers();
        } catch (DataAccessException e) {
            log.warn("Node heartbeat failed: {}", e.getMessage());
        }
    }

    private void refreshPeers() {
        Set<String> alive = nodes.peersOf(nodeId, settings.nodeTimeout());
        peers.retainAll(alive);
        peers.addAll(alive);
    }

    /** Joins before the web server starts, so no device or request arrives before this node listens. */
    @Override
    public void start() {
        nodes.join(nodeId);
        lastBeat = time.now();
        listener.start();
        refreshPeers();
        broadcast(JOINED);
        running = true;
        log.info("Cluster node {} started; other nodes: {}", nodeId, peers.isEmpty() ? "none" : peers);
    }

    /** Leaves after the web server has stopped and the devices' connections are closed. */
    @Override
    public void stop() {
        running = false;
        try {
            broadcast(LEFT);
            nodes.leave(nodeId);
        } catch (DataAccessException e) {
            log.warn("Could not remove node {} from the cluster; the others forget it after {}", nodeId,
                    settings.nodeTimeout());
        }
        listener.stop();
        work.shutdown();
        try {
            work.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Well before the web server's phase: started before it, stopped after it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** Host name, process id and a random suffix: unique even for several nodes in one process. */
    private static String generatedId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        host = host.replaceAll("[^A-Za-z0-9.-]", "-");
        if (host.length() > 40) {
            host = host.substring(0, 40);
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }
}
