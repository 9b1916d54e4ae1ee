package io.kasa.server.device;

import io.kasa.server.payment.DeviceOrder;
import io.kasa.server.payment.OrderChannel;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** The built-in provider's way to terminals: their live connections on this node. */
@Component
class DeviceOrders implements OrderChannel {

    private final LiveSessions live;
    private final DeviceJson json;

    DeviceOrders(LiveSessions live, DeviceJson json) {
        this.live = live;
        this.json = json;
    }

    @Override
    public boolean isLive(UUID terminalId) {
        return live.session(terminalId).isPresent();
    }

    @Override
    public boolean deliver(UUID terminalId, DeviceOrder order) {
        return live.session(terminalId).map(session -> session.send(json.order(order))).orElse(false);
    }

    @Override
    public void withdraw(UUID terminalId, UUID orderId, String reason) {
        live.session(terminalId).ifPresent(session -> session.send(json.write(DeviceMessage.withdraw(orderId, reason))));
    }
}
