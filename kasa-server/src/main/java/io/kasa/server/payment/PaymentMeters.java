package io.kasa.server.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an operator watches of the payments, taken from the status changes themselves once they
 * commit, so each fact is counted once, on the node that recorded it, and a change that rolled
 * back is never counted: orders accepted, the time from acceptance to the device's receipt
 * (dispatch) and to the final status (outcome), orders whose outcome deadline passed, and the
 * sync sales held now. Nothing here reads the database; each change finds its meters in maps
 * built at start, so a sale pays a few counter updates and no allocation for its tags.
 *
 * <p>Each final status is also the payment's one log line at INFO, with its ids as key-value
 * pairs (fields of their own in structured logs) and in the message: its
 * {@code PaymentRequestId}, {@code PaymentId}, merchant and terminal, never an amount, a card or
 * anything the customer gave.
 */
@Component
class PaymentMeters {

    private static final Logger log = LoggerFactory.getLogger("io.kasa.server.payment.Outcomes");
    /** The order types a merchant can send; others are metered too, on first sight. */
    private static final List<PaymentType> TYPES = List.of(PaymentType.SALE, PaymentType.CANCEL);
    private static final Duration[] DISPATCH_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);
    private static final Duration[] OUTCOME_BUCKETS = seconds(1, 2, 5, 10, 20, 30, 60, 120, 300, 900);

    private final MeterRegistry registry;
    /** The meters of each order type, built at start for {@link #TYPES}; read without locks. */
    private final Map<PaymentType, TypeMeters> byType;

    /** One order type's meters. */
    private record TypeMeters(Map<Channel, Counter> accepted, Timer dispatched, Counter unknown,
                              Map<Channel, Map<PaymentStatus, Timer>> outcomes) {
    }

    PaymentMeters(MeterRegistry registry, StatusWaits waits) {
        this.registry = registry;
        Map<PaymentType, TypeMeters> meters = new EnumMap<>(PaymentType.class);
        for (PaymentType type : TYPES) {
            meters.put(type, register(type));
        }
        this.byType = Collections.unmodifiableMap(meters);
        Gauge.builder("kasa.sync.sales.held", waits, StatusWaits::held)
                .description("Sync sales this node holds open until their outcome or their wait's end")
                .register(registry);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onChange(PaymentStatusChanged change) {
        PaymentStatus status = change.status();
        if (status == PaymentStatus.GENERATED) {
            meters(change.type()).accepted().get(change.payment().channel()).increment();
        } else if (status == PaymentStatus.SENT_TO_DEVICE) {
            meters(change.type()).dispatched().record(elapsed(change));
        } else if (status == PaymentStatus.UNKNOWN) {
            meters(change.type()).unknown().increment();
        } else if (status.isFinal()) {
            Duration took = elapsed(change);
            meters(change.type()).outcomes().get(change.payment().channel()).get(status).record(took);
            logOutcome(change, took);
        }
    }

    /** The type's meters; a type no merchant can send yet is registered on sight (the registry keeps one of each). */
    private TypeMeters meters(PaymentType type) {
        TypeMeters meters = byType.get(type);
        return meters != null ? meters : register(type);
    }

    private static Duration elapsed(PaymentStatusChanged change) {
        Duration took = Duration.between(change.orderCreatedAt(), change.at());
        return took.isNegative() ? Duration.ZERO : took;
    }

    private static void logOutcome(PaymentStatusChanged change, Duration took) {
        String type = change.type().name().toLowerCase(Locale.ROOT);
        String channel = change.payment().channel().name().toLowerCase(Locale.ROOT);
        log.atInfo()
                .addKeyValue("paymentRequestId", change.paymentId())
                .addKeyValue("paymentId", change.payment().paymentId())
                .addKeyValue("merchantId", change.merchantId())
                .addKeyValue("terminalId", change.payment().terminalId())
                .addKeyValue("orderType", type)
                .addKeyValue("channel", channel)
                .addKeyValue("paymentStatusId", change.status().id())
                .addKeyValue("durationMs", took.toMillis())
                .log("Payment {} (PaymentId {}) of merchant {}: {} ({}) ended {} ({}) on terminal {} after {} ms",
                        change.paymentId(), change.payment().paymentId(), change.merchantId(), type, channel,
                        change.status().wireName(), change.status().id(), change.payment().terminalId(), took.toMillis());
    }

    private TypeMeters register(PaymentType type) {
        String typeTag = tag(type);
        Map<Channel, Counter> accepted = new EnumMap<>(Channel.class);
        Map<Channel, Map<PaymentStatus, Timer>> outcomes = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            accepted.put(channel, Counter.builder("kasa.orders.accepted")
                    .description("Orders recorded (sales and cancels), by how the merchant asked")
                    .tag("type", typeTag).tag("channel", tag(channel))
                    .register(registry));
            Map<PaymentStatus, Timer> byStatus = new EnumMap<>(PaymentStatus.class);
            for (PaymentStatus status : Lifecycle.FINAL) {
                byStatus.put(status, Timer.builder("kasa.order.outcome")
                        .description("Orders that reached a final status, and the time from acceptance to it")
                        .tag("type", typeTag).tag("channel", tag(channel)).tag("outcome", tag(status))
                        .serviceLevelObjectives(OUTCOME_BUCKETS)
                        .register(registry));
            }
            outcomes.put(channel, byStatus);
        }
        Timer dispatched = Timer.builder("kasa.order.dispatch")
                .description("Time from an order's acceptance to the device's receipt of it")
                .tag("type", typeTag)
                .serviceLevelObjectives(DISPATCH_BUCKETS)
                .register(registry);
        Counter unknown = Counter.builder("kasa.orders.unknown")
                .description("Orders taken by their device whose outcome did not come by the outcome deadline")
                .tag("type", typeTag)
                .register(registry);
        return new TypeMeters(accepted, dispatched, unknown, outcomes);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Duration[] seconds(double... values) {
        Duration[] buckets = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            buckets[i] = Duration.ofNanos(Math.round(values[i] * 1_000_000_000L));
        }
        return buckets;
    }
}
