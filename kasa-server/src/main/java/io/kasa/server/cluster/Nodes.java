package io.kasa.server.cluster;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code cluster_node} table: one row per running node with its heartbeat. Times are
 * the database's ({@code now()}), so nodes on machines whose clocks disagree still agree
 * on who is alive.
 */
@Component
class Nodes {

    private final JdbcClient jdbc;

    Nodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the node's row as a node that starts now. */
    void join(String nodeId) {
        jdbc.sql("""
                        insert into cluster_node (id, started_at, heartbeat_at) values (:id, now(), now())
                        on conflict (id) do update set started_at = now(), heartbeat_at = now()""")
                .param("id", nodeId).update();
    }

    /**
     * Rewrites the node's heartbeat. Returns false when its row was gone, because the
     * others took it for dead while it could not reach the database; the row is written
     * again.
     */
    boolean beat(String nodeId) {
        int updated = jdbc.sql("update cluster_node set heartbeat_at = now() where id = :id").param("id", nodeId).update();
        if (updated > 0) {
            return true;
        }
        join(nodeId);
        return false;
    }

    void leave(String nodeId) {
        jdbc.sql("delete from cluster_node where id = :id").param("id", nodeId).update();
    }

    /** The other nodes heard from within the timeout. */
    Set<String> peersOf(String nodeId, Duration timeout) {
        return new HashSet<>(jdbc.sql("""
                        select id from cluster_node
                        where id <> :id and heartbeat_at > now() - cast(:millis as bigint) * interval '1 millisecond'""")
                .param("id", nodeId).param("millis", timeout.toMillis())
                .query(String.class).list());
    }

    /** Removes the rows of nodes silent for longer than the timeout; returns their ids. */
    List<String> removeDead(Duration timeout) {
        return jdbc.sql("""
                        delete from cluster_node
                        where heartbeat_at <= now() - cast(:millis as bigint) * interval '1 millisecond'
                        returning id""")
                .param("millis", timeout.toMillis())
                .query(String.class).list();
    }
}
