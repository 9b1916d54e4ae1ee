package io.kasa.server.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * This node's place among the nodes sharing the database. {@code nodeId}: its name in logs,
 * health and the database (letters, digits, {@code . _ -}, at most 64; unset: host name,
 * process id and a random suffix). {@code heartbeat}: how often it tells the others it is
 * alive. {@code nodeTimeout}: how long a silent node counts as alive, so how long the live
 * connections of a killed node are still routed to it.
 */
@ConfigurationProperties("kasa.cluster")
public record ClusterSettings(String nodeId,
                              @DefaultValue("5s") Duration heartbeat,
                              @DefaultValue("20s") Duration nodeTimeout) {

    static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ClusterSettings {
        if (nodeId != null && !nodeId.isBlank() && !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("kasa.cluster.node-id may hold only letters, digits, '.', '_' and '-', "
                    + "at most 64 of them: " + nodeId);
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("kasa.cluster.heartbeat must be positive");
        }
        if (nodeTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("kasa.cluster.node-timeout must be at least two heartbeats");
        }
    }
}
