package io.kasa.server.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static io.kasa.server.payment.PaymentStatus.*;

/**
 * Gets orders to devices. An order is marked as written (socket-sent) before it is written,
 * so the device's receipt can never arrive before the status it moves from; a failed write
 * is recorded as socket-failed. Called outside any transaction: no network I/O happens inside one.
 */
@Component
class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final Orders orders;
    private final OrderMessages messages;
    private final OrderChannel channel;
    private final PushGateway push;

    Deliveries(Orders orders, OrderMessages messages, OrderChannel channel, PushGateway push) {
        this.orders = orders;
        this.messages = messages;
        this.channel = channel;
        this.push = push;
    }

    boolean isLive(UUID terminalId) {
        return channel.isLive(terminalId);
    }

    /**
     * Sends a new order if its terminal is live; returns whether it went out. An order
     * already marked socket-sent whose terminal went away meanwhile is marked socket-failed,
     * as a failed write is.
     */
    boolean sendIfLive(Order order) {
        return sendIfLive(order, messages::of);
    }

    /** As {@link #sendIfLive(Order)} for a sale just recorded: its message is built from the sale, not read back. */
    boolean sendIfLive(Order order, SaleOrder sale) {
        return sendIfLive(order, current -> OrderMessages.of(current, sale));
    }

    private boolean sendIfLive(Order order, Function<Order, DeviceOrder> message) {
        if (channel.isLive(order.terminalId())) {
            return send(order, message);
        }
        if (order.status() == SOCKET_NOTIFICATION_SENT) {
            orders.transition(order.id(),
                    Orders.Change.to(SOCKET_NOTIFICATION_FAILED, "the terminal went offline before the order was written"));
        }
        return false;
    }

    /**
     * Sends an order that still needs the device: not yet sent ones are marked socket-sent
     * first; ones the device already has (received, socket-sent, taken, unknown) are sent
     * again as they are.
     */
    boolean send(Order order) {
        return send(order, messages::of);
    }

    private boolean send(Order order, Function<Order, DeviceOrder> message) {
        Order current = order;
        if (Lifecycle.UNSENT.contains(order.status())) {
            Optional<Order> marked = orders.transition(order.id(), Orders.Change.to(SOCKET_NOTIFICATION_SENT));
            if (marked.isEmpty()) {
                return false;
            }
            current = marked.get();
        }
        boolean written;
        try {
            written = channel.deliver(order.terminalId(), message.apply(current));
        } catch (RuntimeException e) {
            log.warn("Writing order {} to terminal {} failed", order.id(), order.terminalId(), e);
            written = false;
        }
        if (!written && current.status() == SOCKET_NOTIFICATION_SENT) {
            orders.transition(order.id(), Orders.Change.to(SOCKET_NOTIFICATION_FAILED, "the live connection refused the order"));
        }
        return written;
    }

    /** Wakes an offline terminal through the push gateway: push-sent when accepted, push-failed when not. */
    void pushTo(Order order) {
        boolean accepted;
        try {
            accepted = push.push(order.terminalId(), order.paymentId());
        } catch (RuntimeException e) {
            log.warn("Push for order {} failed", order.id(), e);
            accepted = false;
        }
        orders.transition(order.id(), accepted
                ? Orders.Change.to(PUSH_NOTIFICATION_SENT)
                : Orders.Change.to(PUSH_NOTIFICATION_FAILED, "the push gateway refused the notification"));
    }

    void withdraw(Order order, String reason) {
        try {
            channel.withdraw(order.terminalId(), order.id(), reason);
        } catch (RuntimeException e) {
            log.debug("Withdraw of order {} not written now; it is resent on reconnect", order.id());
        }
    }
}
