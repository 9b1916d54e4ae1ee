package io.kasa.server.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.kasa.server.payment.PaymentStatus.*;

/**
 * What devices tell Kasa about their orders, and what a device gets when it connects.
 * Reports are idempotent: a repeated or late one changes nothing, and the lifecycle table
 * keeps a recorded outcome from ever changing.
 */
@Service
public class DeviceReports {

    private static final Logger log = LoggerFactory.getLogger(DeviceReports.class);
    private static final int CATCH_UP_BATCH = 500;

    private final Orders orders;
    private final Deliveries deliveries;

    DeviceReports(Orders orders, Deliveries deliveries) {
        this.orders = orders;
        this.deliveries = deliveries;
    }

    /** The answer to a device's {@code taken}. */
    public enum Take {
        /** Recorded (now or before): the device may charge. */
        ACCEPTED,
        /** The order was withdrawn or expired: the device must drop it. */
        WITHDRAWN,
        /** No such order for this terminal. */
        UNKNOWN
    }

    /** A device's outcome report. */
    public record Outcome(boolean approved, String message, String cardJson, String providerReference) {
    }

    /**
     * Sends a freshly connected terminal every order it still has to act on, oldest first,
     * and a withdraw for orders it may still hold that were withdrawn or expired.
     */
    public void connected(UUID terminalId) {
        for (Order order : orders.openFor(terminalId)) {
            deliveries.send(order);
        }
        for (Order order : orders.recentlyDropped(terminalId)) {
            deliveries.withdraw(order, order.status() == WITHDRAWN ? "rollback" : "expired");
        }
    }

    /**
     * Sends an order recorded on another node to this node's live connection of its
     * terminal, as it is now: nothing when it has meanwhile ended.
     */
    public void resend(UUID terminalId, UUID orderId) {
        orders.findOf(terminalId, orderId)
                .filter(order -> !order.status().isFinal())
                .ifPresent(deliveries::send);
    }

    /**
     * For terminals connected to this node after it may have missed messages from other
     * nodes: sends the orders their devices may not have received, and withdraws orders
     * dropped since {@code since}.
     */
    public void catchUp(Collection<UUID> terminalIds, Instant since) {
        List<UUID> terminals = List.copyOf(terminalIds);
        for (int from = 0; from < terminals.size(); from += CATCH_UP_BATCH) {
            List<UUID> batch = terminals.subList(from, Math.min(terminals.size(), from + CATCH_UP_BATCH));
            for (Order order : orders.unreceivedFor(batch)) {
                deliveries.send(order);
            }
            for (Order order : orders.droppedSince(batch, since)) {
                deliveries.withdraw(order, order.status() == WITHDRAWN ? "rollback" : "expired");
            }
        }
    }

    /**
     * Records the device's receipt of an order written to it (socket-sent → sent to device);
     * anything else is left as it is.
     */
    public void received(UUID terminalId, UUID orderId) {
        orders.transitionOf(terminalId, orderId, Orders.Change.to(SENT_TO_DEVICE));
    }

    /**
     * Records the take. The move is tried first, as the common case needs nothing else; only
     * when it is refused is the order read, to tell a take already recorded from an order
     * that was never written, was dropped, or is not this terminal's.
     */
    public Take taken(UUID terminalId, UUID orderId) {
        if (orders.transitionOf(terminalId, orderId, Orders.Change.to(TAKEN_BY_DEVICE)).isPresent()) {
            return Take.ACCEPTED;
        }
        Optional<Order> found = orders.findOf(terminalId, orderId);
        if (found.isEmpty()) {
            return Take.UNKNOWN;
        }
        return take(found.get()) ? Take.ACCEPTED : Take.WITHDRAWN;
    }

    /**
     * Records the first outcome of an order; returns false only for an order this terminal
     * does not have. As with the take, the move is tried first and the order read only when
     * it is refused.
     */
    public boolean outcome(UUID terminalId, UUID orderId, Outcome outcome) {
        PaymentStatus result = outcome.approved() ? SUCCESSFUL : FAILED;
        Orders.Change change = new Orders.Change(result, outcome.message(), outcome.cardJson(), outcome.providerReference());
        if (orders.transitionOf(terminalId, orderId, change).isPresent()) {
            return true;
        }
        Optional<Order> found = orders.findOf(terminalId, orderId);
        if (found.isEmpty()) {
            return false;
        }
        Order order = found.get();
        if (order.status().isBeforeTaken() || Lifecycle.allows(order.status(), result)) {
            if (order.status().isBeforeTaken() && !take(order)) {
                log.warn("Terminal {} reported an outcome for order {}, which was {}", terminalId, orderId, order.status());
                return true;
            }
            if (orders.transitionOf(terminalId, orderId, change).isPresent()) {
                return true;
            }
            order = orders.findOf(terminalId, orderId).orElseThrow();
        }
        if (order.status() != result) {
            log.warn("Terminal {} reported {} for order {} after {} was recorded; the recorded outcome stands",
                    terminalId, result, orderId, order.status());
        }
        return true;
    }

    /** Moves an order to taken (through socket-sent if it was never written); false if it can no longer be taken. */
    private boolean take(Order order) {
        PaymentStatus status = order.status();
        if (Lifecycle.TAKEN.contains(status)) {
            return true;
        }
        if (Lifecycle.DROPPED.contains(status)) {
            return false;
        }
        if (Lifecycle.UNSENT.contains(status)) {
            orders.transition(order.id(), Orders.Change.to(SOCKET_NOTIFICATION_SENT));
        }
        if (orders.transition(order.id(), Orders.Change.to(TAKEN_BY_DEVICE)).isPresent()) {
            return true;
        }
        return Lifecycle.TAKEN.contains(orders.find(order.id()).orElseThrow().status());
    }


}
