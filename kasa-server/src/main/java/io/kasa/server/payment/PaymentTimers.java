package io.kasa.server.payment;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.DatabaseOutage;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import static io.kasa.server.payment.PaymentStatus.COULD_NOT_SEND_TO_DEVICE;
import static io.kasa.server.payment.PaymentStatus.UNKNOWN;

/**
 * The deadlines of orders, checked every second: an order not delivered in time ends as
 * could-not-send (and the device is told to drop it); a taken order without an outcome past
 * its deadline shows as Unknown until the device reports. Running this on several nodes at once is
 * harmless: each move is checked against the lifecycle under a row lock. While the database
 * cannot be reached a round does nothing; the first round after it is back catches up.
 */
@Component
class PaymentTimers {

    private static final int BATCH = 200;

    private final Orders orders;
    private final Deliveries deliveries;
    private final BusinessTime time;
    private final DatabaseOutage outage;

    PaymentTimers(Orders orders, Deliveries deliveries, BusinessTime time, DatabaseOutage outage) {
        this.orders = orders;
        this.deliveries = deliveries;
        this.time = time;
        this.outage = outage;
    }

    @Scheduled(fixedDelayString = "${kasa.payment.timer-interval:1s}")
    void tick() {
        outage.run("payment timers", this::round);
    }

    private void round() {
        for (Order order : orders.dueForExpiry(time.now(), BATCH)) {
            orders.transition(order.id(), Orders.Change.to(COULD_NOT_SEND_TO_DEVICE, "not delivered before the order expired"))
                    .ifPresent(expired -> deliveries.withdraw(expired, "expired"));
        }
        for (Order order : orders.pastOutcomeDeadline(time.now(), BATCH)) {
            orders.transition(order.id(), Orders.Change.to(UNKNOWN, "the device did not report an outcome in time"));
        }
    }
}
