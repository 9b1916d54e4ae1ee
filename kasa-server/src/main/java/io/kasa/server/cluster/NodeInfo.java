package io.kasa.server.cluster;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeSet;

/** Shows this node's id and its peers under {@code /manage/info}. */
@Component
class NodeInfo implements InfoContributor {

    private final Cluster cluster;

    NodeInfo(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("node", Map.of(
                "id", cluster.nodeId(),
                "listening", cluster.isListening(),
                "peers", new TreeSet<>(cluster.peers())));
    }
}
