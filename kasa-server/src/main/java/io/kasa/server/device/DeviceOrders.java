package io.kasa.server.device;

import io.kasa.server.cluster.Cluster;
import io.kasa.server.payment.DeviceOrder;
import io.kasa.server.payment.OrderChannel;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * The built-in provider's way to terminals: their live connections. A connection on this
 * node is written to at once; one held by another node gets a message naming the order,
 * and that node reads the order and writes it (see {@link ClusterRelay}).
 */
@Component
class DeviceOrders implements OrderChannel {

    private final LiveSessions live;
    private final Presence presence;
    private final Cluster cluster;
    private final DeviceJson json;

    DeviceOrders(LiveSessions live, Presence presence, Cluster cluster, DeviceJson json) {
        this.live = live;
        this.presence = presence;
        this.cluster = cluster;
        this.json = json;
    }

    @Override
    public boolean isLive(UUID terminalId) {
        return live.session(terminalId).isPresent() || otherHolder(terminalId, null).isPresent();
    }

    @Override
    public boolean deliver(UUID terminalId, DeviceOrder order) {
        Optional<DeviceSession> session = live.session(terminalId);
        if (session.isPresent()) {
            return session.get().send(json.order(order));
        }
        return relay(ClusterRelay.DELIVER, terminalId, order.orderId(), null, null);
    }

    @Override
    public void withdraw(UUID terminalId, UUID orderId, String reason) {
        Optional<DeviceSession> session = live.session(terminalId);
        if (session.isPresent()) {
            session.get().send(json.write(DeviceMessage.withdraw(orderId, reason)));
        } else {
            relay(ClusterRelay.WITHDRAW, terminalId, orderId, reason, null);
        }
    }

    /**
     * Asks the node holding the terminal's connection to do it; false when no other live
     * node holds it (or only {@code skipping}, the node that just passed it on).
     */
    boolean relay(String kind, UUID terminalId, UUID orderId, String reason, String skipping) {
        Optional<String> holder = otherHolder(terminalId, skipping);
        if (holder.isEmpty()) {
            return false;
        }
        if (reason == null) {
            cluster.send(holder.get(), kind, terminalId, orderId);
        } else {
            cluster.send(holder.get(), kind, terminalId, orderId, reason);
        }
        return true;
    }

    private Optional<String> otherHolder(UUID terminalId, String skipping) {
        return presence.holder(terminalId)
                .filter(node -> !node.equals(cluster.nodeId()) && !node.equals(skipping));
    }
}
