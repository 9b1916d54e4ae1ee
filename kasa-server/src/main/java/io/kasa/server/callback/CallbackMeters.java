package io.kasa.server.callback;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.DatabaseOutage;
import io.kasa.server.shared.SqlTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Duration;

/**
 * What an operator watches of the callbacks. Each try is counted once its result is recorded
 * ({@link CallbackRecorder}), by what it left the callback as: delivered, to be retried, or dead;
 * a delivered callback also gives the time from the status change that caused it to its
 * delivery. A dead callback is logged there, once, with the payment's and merchant's ids.
 *
 * <p>The backlog is the database's, the same on every node: the callbacks that head their
 * payment's queue and are not delivered yet (one per payment whose callbacks are owed; those
 * queued behind them wait for them), and of those the ones overdue, due for more than a
 * minute and not tried. It is read when Prometheus scrapes, through the index that serves the
 * worker's claims, at most once per {@link #FRESH} and never past {@link #CAP} rows; while the
 * database cannot be reached the two gauges are NaN.
 */
@Component
class CallbackMeters {

    private static final Logger log = LoggerFactory.getLogger(CallbackMeters.class);
    private static final long CAP = 100_000;
    private static final Duration FRESH = Duration.ofSeconds(5);
    private static final Duration OVERDUE = Duration.ofMinutes(1);
    private static final Duration[] DELIVERY_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2)};

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final DatabaseOutage outage;
    private final Counter delivered;
    private final Counter retried;
    private final Counter dead;
    private final Timer delivery;
    private volatile Backlog backlog = new Backlog(Double.NaN, Double.NaN, System.nanoTime() - FRESH.toNanos());

    /** The backlog as read at {@code readAt} ({@link System#nanoTime()}). */
    private record Backlog(double pending, double overdue, long readAt) {
    }

    CallbackMeters(MeterRegistry registry, JdbcClient jdbc, BusinessTime time, DatabaseOutage outage) {
        this.jdbc = jdbc;
        this.time = time;
        this.outage = outage;
        this.delivered = tries(registry, "delivered");
        this.retried = tries(registry, "retry");
        this.dead = tries(registry, "dead");
        this.delivery = Timer.builder("kasa.callback.delivery")
                .description("Time from the status change that caused a callback to its delivery")
                .serviceLevelObjectives(DELIVERY_BUCKETS)
                .register(registry);
        Gauge.builder("kasa.callback.backlog", this, meters -> meters.backlog().pending())
                .description("Payments whose callbacks are owed: the undelivered heads of their queues (the whole database's)")
                .register(registry);
        Gauge.builder("kasa.callback.overdue", this, meters -> meters.backlog().overdue())
                .description("Callbacks due for more than a minute and not yet tried (the whole database's)")
                .register(registry);
    }

    private static Counter tries(MeterRegistry registry, String result) {
        return Counter.builder("kasa.callback.tries")
                .description("Callback tries recorded, by what they left the callback as: delivered, retry or dead")
                .tag("result", result)
                .register(registry);
    }

    /** A try whose result is recorded. */
    void recorded(CallbackRecorder.Tried tried) {
        switch (tried.state()) {
            case "DELIVERED" -> {
                delivered.increment();
                Duration took = Duration.between(tried.callback().createdAt(), tried.at());
                delivery.record(took.isNegative() ? Duration.ZERO : took);
            }
            case "DEAD" -> {
                dead.increment();
                logDead(tried);
            }
            default -> retried.increment();
        }
    }

    /**
     * The dead callback's one line. The target is named by its origin only: a merchant may
     * put a token in its callback address's path or query.
     */
    private static void logDead(CallbackRecorder.Tried tried) {
        LeasedCallback callback = tried.callback();
        CallbackOutbox.Payload payload = callback.payload();
        int tries = callback.attemptCount() + 1;
        String target = origin(callback.target());
        log.atWarn()
                .addKeyValue("callbackId", callback.id())
                .addKeyValue("paymentRequestId", payload.paymentRequestId())
                .addKeyValue("paymentId", payload.paymentId())
                .addKeyValue("merchantId", callback.merchantId())
                .addKeyValue("paymentStatusId", payload.paymentStatusId())
                .addKeyValue("callbackTarget", target)
                .addKeyValue("tries", tries)
                .log("Callback {} of payment {} (PaymentId {}, status {}) of merchant {} to {} is dead after {} tries: {}",
                        callback.id(), payload.paymentRequestId(), payload.paymentId(), payload.paymentStatusId(),
                        callback.merchantId(), target, tries, tried.result().error());
    }

    private static String origin(String target) {
        try {
            URI uri = URI.create(target);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "an unreadable address";
        }
    }

    private Backlog backlog() {
        Backlog known = backlog;
        long now = System.nanoTime();
        if (now - known.readAt() < FRESH.toNanos()) {
            return known;
        }
        Backlog read;
        try {
            read = jdbc.sql("""
                            select count(*) as pending, count(*) filter (where next_attempt_at < :overdue) as overdue
                            from (select next_attempt_at from callback_delivery where state = 'PENDING' limit :cap) heads""")
                    .param("overdue", SqlTime.of(time.now().minus(OVERDUE))).param("cap", CAP)
                    .query((row, n) -> new Backlog(row.getLong("pending"), row.getLong("overdue"), now))
                    .single();
        } catch (RuntimeException e) {
            if (!outage.absorbs("callback backlog", e)) {
                log.warn("The callback backlog could not be read", e);
            }
            read = new Backlog(Double.NaN, Double.NaN, now);
        }
        backlog = read;
        return read;
    }
}
