package io.kasa.server.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.TreeSet;

/**
 * The {@code cluster} part of {@code /manage/health}: up while this node hears the others.
 * A node that cannot listen still serves its own devices and requests, so the state is
 * UNKNOWN rather than DOWN and does not take the node out of service by itself.
 */
@Component("clusterHealthIndicator")
class NodeHealth implements HealthIndicator {

    private final Cluster cluster;

    NodeHealth(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Health health() {
        Health.Builder health = cluster.isListening() ? Health.up() : Health.unknown();
        return health.withDetail("node", cluster.nodeId())
                .withDetail("peers", new TreeSet<>(cluster.peers()))
                .build();
    }
}
