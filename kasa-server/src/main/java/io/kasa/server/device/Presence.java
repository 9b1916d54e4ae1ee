package io.kasa.server.device;

import io.kasa.server.cluster.Cluster;
import io.kasa.server.cluster.ClusterSettings;
import io.kasa.server.shared.DatabaseOutage;
import io.kasa.server.shared.SqlTime;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where each terminal's live connection is, for every node to see: the
 * {@code live_connection} row written when a device authenticates and removed when its
 * connection closes. A row counts only while its node is alive (its {@code cluster_node}
 * heartbeat is recent), so the rows a killed node leaves behind are ignored, then swept; its
 * devices reconnect elsewhere and replace them.
 */
@Component
class Presence implements InitializingBean {

    /** A terminal's row: which node holds its connection, in which session. */
    record Holder(UUID terminalId, String nodeId, String sessionId, Instant connectedAt) {
    }

    private static final String ALIVE = """
            exists (select 1 from cluster_node n
                    where n.id = l.node_id and n.heartbeat_at > now() - cast(:timeout as bigint) * interval '1 millisecond')""";

    private final JdbcClient jdbc;
    private final Cluster cluster;
    private final ClusterSettings settings;
    private final TransactionTemplate transaction;
    private final DatabaseOutage outage;

    Presence(JdbcClient jdbc, Cluster cluster, ClusterSettings settings, PlatformTransactionManager transactions,
             DatabaseOutage outage) {
        this.jdbc = jdbc;
        this.cluster = cluster;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
        this.outage = outage;
    }

    String nodeId() {
        return cluster.nodeId();
    }

    /** Rows an earlier run of this node id left behind are stale before any device connects. */
    @Override
    public void afterPropertiesSet() {
        jdbc.sql("delete from live_connection where node_id = :node").param("node", cluster.nodeId()).update();
    }

    /**
     * Records the session as the terminal's live connection, replacing whatever row it had;
     * the other nodes hear of it when this commits, and one holding an older connection of
     * the terminal closes it.
     */
    void claim(UUID terminalId, String sessionId, Instant at) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into live_connection (terminal_id, node_id, session_id, connected_at)
                            values (:terminal, :node, :session, :at)
                            on conflict (terminal_id) do update
                            set node_id = excluded.node_id, session_id = excluded.session_id, connected_at = excluded.connected_at""")
                    .param("terminal", terminalId).param("node", cluster.nodeId()).param("session", sessionId)
                    .param("at", SqlTime.of(at))
                    .update();
            if (cluster.hasPeers()) {
                cluster.broadcast(ClusterRelay.CONNECTED, terminalId, sessionId);
            }
        });
    }

    /**
     * Writes the session's row again after a gap, unless another live node holds the
     * terminal meanwhile: a row of this node or of a dead one is replaced.
     */
    void reclaim(UUID terminalId, String sessionId, Instant at) {
        jdbc.sql("""
                        insert into live_connection as l (terminal_id, node_id, session_id, connected_at)
                        values (:terminal, :node, :session, :at)
                        on conflict (terminal_id) do update
                        set node_id = excluded.node_id, session_id = excluded.session_id, connected_at = excluded.connected_at
                        """ + "where l.node_id = :node or not " + ALIVE)
                .param("terminal", terminalId).param("node", cluster.nodeId()).param("session", sessionId)
                .param("at", SqlTime.of(at)).param("timeout", settings.nodeTimeout().toMillis())
                .update();
    }

    /** Removes the session's row; a newer connection's row stays. */
    void release(UUID terminalId, String sessionId) {
        jdbc.sql("delete from live_connection where terminal_id = :terminal and node_id = :node and session_id = :session")
                .param("terminal", terminalId).param("node", cluster.nodeId()).param("session", sessionId)
                .update();
    }

    /** Removes every row of this node: it is stopping. */
    void releaseAll() {
        jdbc.sql("delete from live_connection where node_id = :node").param("node", cluster.nodeId()).update();
    }

    /** The live node holding the terminal's connection, if any. */
    Optional<String> holder(UUID terminalId) {
        return jdbc.sql("select l.node_id from live_connection l where l.terminal_id = :terminal and " + ALIVE)
                .param("terminal", terminalId).param("timeout", settings.nodeTimeout().toMillis())
                .query(String.class).optional();
    }

    /** The rows of these terminals held by live nodes. */
    Map<UUID, Holder> of(Collection<UUID> terminalIds) {
        Map<UUID, Holder> rows = new HashMap<>();
        if (terminalIds.isEmpty()) {
            return rows;
        }
        jdbc.sql("select l.* from live_connection l where l.terminal_id = any(:terminals) and " + ALIVE)
                .param("terminals", terminalIds.toArray(UUID[]::new)).param("timeout", settings.nodeTimeout().toMillis())
                .query((row, n) -> new Holder(row.getObject("terminal_id", UUID.class), row.getString("node_id"),
                        row.getString("session_id"), SqlTime.read(row, "connected_at")))
                .list()
                .forEach(holder -> rows.put(holder.terminalId(), holder));
        return rows;
    }

    /** Forgets the connections of nodes that are no longer alive. */
    @Scheduled(fixedDelayString = "${kasa.cluster.node-timeout:20s}")
    void sweep() {
        // Deleting nothing proves nothing about the database; while it is unreachable the sweep waits.
        outage.tolerate("sweeping dead nodes' connections", () -> jdbc.sql("delete from live_connection l where not " + ALIVE)
                .param("timeout", settings.nodeTimeout().toMillis()).update());
    }
}
