package io.kasa.server.device;

import io.kasa.server.cluster.Cluster;
import io.kasa.server.cluster.ClusterMessage;
import io.kasa.server.payment.DeviceReports;
import io.kasa.server.terminal.Pairing;
import io.kasa.server.terminal.TerminalUnpaired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The device side of the cluster: what other nodes ask of this node's live connections,
 * and what this node tells them about its own.
 * <ul>
 * <li>{@code deliver} / {@code withdraw}: an order of a terminal connected here was recorded
 * or withdrawn on another node; the order is read from the database and written, or the
 * withdraw passed on, to the device (or on to the node that holds it now).</li>
 * <li>{@code connected}: a terminal authenticated on another node; an older connection of it
 * here is closed with 4409 unless the database says this one is newer.</li>
 * <li>{@code unpaired}: a pairing ended on another node; its connection here is closed with
 * 4403.</li>
 * </ul>
 * After a gap in messages every connection here is checked against the database, and its
 * orders sent again.
 */
@Component
class ClusterRelay {

    static final String DELIVER = "deliver";
    static final String WITHDRAW = "withdraw";
    static final String CONNECTED = "connected";
    static final String UNPAIRED = "unpaired";
    private static final Logger log = LoggerFactory.getLogger(ClusterRelay.class);
    /** Other nodes' clocks may run a little ahead: withdraws are re-sent from a little before the gap. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final Cluster cluster;
    private final LiveSessions live;
    private final Presence presence;
    private final DeviceOrders orders;
    private final DeviceReports reports;
    private final Pairing pairing;
    private final DeviceJson json;

    ClusterRelay(Cluster cluster, LiveSessions live, Presence presence, DeviceOrders orders, DeviceReports reports,
                 Pairing pairing, DeviceJson json) {
        this.cluster = cluster;
        this.live = live;
        this.presence = presence;
        this.orders = orders;
        this.reports = reports;
        this.pairing = pairing;
        this.json = json;
        cluster.on(DELIVER, this::deliver);
        cluster.on(WITHDRAW, this::withdraw);
        cluster.on(CONNECTED, this::connectedElsewhere);
        cluster.on(UNPAIRED, this::unpairedElsewhere);
        cluster.afterGap(this::catchUp);
    }

    /** Tells every node, when the unpair commits, to close the pairing's connection if it holds it. */
    @EventListener
    void onUnpaired(TerminalUnpaired event) {
        cluster.broadcast(UNPAIRED, event.terminalId(), event.terminalPairId());
    }

    private void deliver(ClusterMessage message) {
        UUID terminalId = message.id(0);
        UUID orderId = message.id(1);
        if (live.session(terminalId).isPresent()) {
            reports.resend(terminalId, orderId);
        } else if (!orders.relay(DELIVER, terminalId, orderId, null, message.from())) {
            log.debug("Order {} for terminal {} arrived after its device left; it is sent when the device connects",
                    orderId, terminalId);
        }
    }

    private void withdraw(ClusterMessage message) {
        UUID terminalId = message.id(0);
        UUID orderId = message.id(1);
        String reason = message.arg(2);
        Optional<DeviceSession> session = live.session(terminalId);
        if (session.isPresent()) {
            session.get().send(json.write(DeviceMessage.withdraw(orderId, reason)));
        } else {
            orders.relay(WITHDRAW, terminalId, orderId, reason, message.from());
        }
    }

    private void connectedElsewhere(ClusterMessage message) {
        UUID terminalId = message.id(0);
        live.session(terminalId).ifPresent(session -> {
            Presence.Holder holder = presence.of(List.of(terminalId)).get(terminalId);
            if (holder == null) {
                // The newer connection is gone already: this one is the terminal's again.
                presence.reclaim(terminalId, session.id(), session.openedAt());
            } else if (!holder.nodeId().equals(cluster.nodeId())) {
                log.info("Terminal {} connected to node {}; closing its older connection here", terminalId, holder.nodeId());
                session.close(CloseCodes.REPLACED);
            }
        });
    }

    private void unpairedElsewhere(ClusterMessage message) {
        live.ofPairing(message.id(0), message.id(1)).ifPresent(session -> session.close(CloseCodes.UNPAIRED));
    }

    /**
     * Replays what the missed messages would have done: connections taken over by another
     * node or unpaired meanwhile are closed, rows lost while this node was taken for dead
     * are written again, and the remaining devices get the orders they may lack.
     */
    private void catchUp(Instant since) {
        List<DeviceSession> sessions = live.live().stream().filter(DeviceSession::isOpen).toList();
        Map<UUID, Presence.Holder> holders = presence.of(sessions.stream().map(s -> s.identity().terminalId()).toList());
        List<UUID> stillHere = new ArrayList<>();
        for (DeviceSession session : sessions) {
            UUID terminalId = session.identity().terminalId();
            Presence.Holder holder = holders.get(terminalId);
            if (holder != null && !holder.nodeId().equals(cluster.nodeId())) {
                session.close(CloseCodes.REPLACED);
                continue;
            }
            if (!pairing.isActive(session.identity().terminalPairId())) {
                session.close(CloseCodes.UNPAIRED);
                continue;
            }
            if (holder == null || !holder.sessionId().equals(session.id())) {
                presence.reclaim(terminalId, session.id(), session.openedAt());
            }
            stillHere.add(terminalId);
        }
        reports.catchUp(stillHere, since.minus(CLOCK_MARGIN));
    }
}
