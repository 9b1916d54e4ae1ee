package io.kasa.server.callback;

import io.kasa.server.database.DatabaseSettings;
import io.kasa.server.merchant.MerchantKeys;
import io.kasa.server.payment.PaymentStatusChanged;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.DatabaseOutage;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers the outbox. Due callbacks are claimed with {@code for update skip locked} and
 * leased, so each try runs on one node only; a callback waits (WAITING) until the one
 * before it of the same payment is delivered or dead, so a payment's callbacks arrive in
 * order, while callbacks of different payments go out side by side. Every try is
 * recorded; failures are retried with exponential backoff and jitter until the give-up
 * time, then the callback is dead. While the database cannot be reached nothing is
 * claimed; a try whose result could not be recorded is tried again once its lease has
 * passed, so a callback is never lost, at worst delivered twice with the same
 * {@code X-Kasa-Event-Id}.
 */
@Component
class CallbackWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CallbackWorker.class);
    static final String HASH_FORMAT = "PhysicalPos";
    static final int HASH_KEY_TYPE = 7;

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final MerchantKeys keys;
    private final JsonMapper json;
    private final CallbackSettings settings;
    private final Transactions transaction;
    private final CallbackSender sender;
    private final Semaphore slots;
    private final DatabaseOutage outage;
    private final ExecutorService tries = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;

    CallbackWorker(JdbcClient jdbc, BusinessTime time, MerchantKeys keys, JsonMapper json, CallbackSettings settings,
                   DatabaseSettings database, Transactions transactions, DatabaseOutage outage) {
        this.jdbc = jdbc;
        this.time = time;
        this.keys = keys;
        this.json = json;
        this.settings = settings;
        this.transaction = transactions;
        boolean allowLoopback = settings.allowLoopback() == null ? database.embedded() : settings.allowLoopback();
        this.sender = new CallbackSender(new TargetPolicy(allowLoopback, settings.allowPrivate()), settings.timeout(),
                settings.concurrency());
        this.slots = new Semaphore(settings.concurrency());
        this.outage = outage;
    }

    /**
     * The callback as it goes on the wire (SPEC §7), field order included; {@code PaymentId},
     * the integer the marketplace calls take, is Kasa's addition and comes last.
     */
    record Body(UUID connectionId, UUID terminalId, UUID paymentRequestId, UUID paymentRequestActivityId,
                int paymentTypeId, int paymentStatusId, String merchantUniqueCode, String displayCode,
                BigDecimal amount, String message, String hash, String hashFormat, int hashKeyType, long paymentId) {
    }

    private record Claimed(UUID id, UUID merchantId, UUID paymentId, int sequence, String target, String payload,
                           Instant createdAt, int attemptCount) {
    }

    @TransactionalEventListener
    void onChange(PaymentStatusChanged change) {
        if (change.sequence() > 1) {
            wake();
        }
    }

    @Scheduled(fixedDelayString = "${kasa.callback.poll:500ms}")
    void poll() {
        wake();
    }

    /** Starts a drain unless one is running; a running one goes round once more. */
    void wake() {
        if (stopped) {
            return;
        }
        again.set(true);
        if (draining.compareAndSet(false, true)) {
            tries.submit(this::drain);
        }
    }

    private void drain() {
        try {
            while (again.getAndSet(false) && !stopped) {
                int free = slots.availablePermits();
                while (free > 0 && !stopped) {
                    List<Claimed> claimed = claim(Math.min(free, 50));
                    if (claimed.isEmpty()) {
                        break;
                    }
                    for (Claimed delivery : claimed) {
                        slots.acquireUninterruptibly();
                        tries.submit(() -> {
                            try {
                                attempt(delivery);
                            } catch (RuntimeException e) {
                                if (!outage.absorbs("callback delivery", e)) {
                                    log.warn("Callback {} could not be tried; it is tried again after its lease",
                                            delivery.id(), e);
                                }
                            } finally {
                                slots.release();
                                wake();
                            }
                        });
                    }
                    free = slots.availablePermits();
                }
            }
        } catch (RuntimeException e) {
            if (!outage.absorbs("callback delivery", e)) {
                log.warn("Callback delivery round failed; the next poll retries", e);
            }
        } finally {
            draining.set(false);
            if (again.get() && !stopped) {
                wake();
            }
        }
    }

    /**
     * Leases up to {@code limit} due callbacks. Only the head of a payment's queue is
     * PENDING, so this reads the due index alone: its cost does not grow with the callbacks
     * waiting behind a receiver that is down.
     */
    private List<Claimed> claim(int limit) {
        Instant now = time.now();
        return transaction.execute(status -> jdbc.sql("""
                        with due as (
                            select d.id from callback_delivery d
                            where d.state = 'PENDING' and d.next_attempt_at <= :now
                            order by d.next_attempt_at
                            limit :limit
                            for update skip locked)
                        update callback_delivery c set next_attempt_at = :lease
                        from due where c.id = due.id
                        returning c.id, c.merchant_id, c.payment_id, c.sequence, c.target, c.payload, c.created_at,
                            c.attempt_count""")
                .param("now", SqlTime.of(now)).param("limit", limit)
                .param("lease", SqlTime.of(now.plus(settings.lease())))
                .query((row, n) -> new Claimed(row.getObject("id", UUID.class), row.getObject("merchant_id", UUID.class),
                        row.getObject("payment_id", UUID.class), row.getInt("sequence"), row.getString("target"),
                        row.getString("payload"), SqlTime.read(row, "created_at"), row.getInt("attempt_count")))
                .list());
    }

    private void attempt(Claimed delivery) {
        CallbackSender.Result result;
        List<String> webhookKeys = keys.webhookKeys(new MerchantId(delivery.merchantId()));
        if (webhookKeys.isEmpty()) {
            result = new CallbackSender.Result(null, "the merchant has no active webhook hash key", 0);
        } else {
            CallbackOutbox.Payload payload = json.readValue(delivery.payload(), CallbackOutbox.Payload.class);
            String body = json.writeValueAsString(body(payload, webhookKeys.getFirst()));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Kasa-Event-Id", delivery.id().toString());
            headers.put("X-Kasa-Sequence", Integer.toString(delivery.sequence()));
            headers.put("X-Kasa-Signature", Signatures.header(webhookKeys, time.now().getEpochSecond(), body));
            result = sender.post(URI.create(delivery.target()), body, headers);
        }
        record(delivery, result);
    }

    static Body body(CallbackOutbox.Payload payload, String key) {
        return new Body(payload.connectionId(), payload.terminalId(), payload.paymentRequestId(),
                payload.paymentRequestActivityId(), payload.paymentTypeId(), payload.paymentStatusId(),
                payload.merchantUniqueCode(), payload.displayCode(), payload.amount().setScale(2),
                payload.message(), Signatures.hash(key, payload.paymentRequestId(), payload.merchantUniqueCode(), payload.amount()),
                HASH_FORMAT, HASH_KEY_TYPE, payload.paymentId());
    }

    private void record(Claimed delivery, CallbackSender.Result result) {
        Instant now = time.now();
        int attempts = delivery.attemptCount() + 1;
        boolean dead = !result.succeeded() && !now.isBefore(delivery.createdAt().plus(settings.giveUpAfter()));
        String state = result.succeeded() ? "DELIVERED" : dead ? "DEAD" : "PENDING";
        Instant next = result.succeeded() || dead ? now : now.plus(backoff(attempts));
        transaction.run(() -> {
            if (!state.equals("PENDING")) {
                lockPayment(delivery.paymentId());
            }
            jdbc.sql("""
                            insert into callback_attempt (id, delivery_id, attempted_at, status_code, error, duration_ms)
                            values (:id, :delivery, :at, :status, :error, :duration)""")
                    .param("id", UUID.randomUUID()).param("delivery", delivery.id()).param("at", SqlTime.of(now))
                    .param("status", result.statusCode()).param("error", result.error())
                    .param("duration", (int) Math.min(Integer.MAX_VALUE, result.durationMs()))
                    .update();
            jdbc.sql("""
                            update callback_delivery set state = :state, attempt_count = :attempts, next_attempt_at = :next,
                                last_status_code = :status, last_error = :error,
                                delivered_at = case when :state = 'DELIVERED' then cast(:now as timestamptz) else delivered_at end
                            where id = :id""")
                    .param("state", state).param("attempts", attempts).param("next", SqlTime.of(next))
                    .param("status", result.statusCode()).param("error", result.error())
                    .param("now", SqlTime.of(now)).param("id", delivery.id())
                    .update();
            if (!state.equals("PENDING")) {
                releaseNext(delivery.paymentId(), now);
            }
        });
        if (dead) {
            log.warn("Callback {} to {} is dead after {} tries: {}", delivery.id(), delivery.target(), attempts, result.error());
        }
    }

    /**
     * Takes the payment's row lock, which the transaction writing a new callback also holds:
     * whichever commits first, the other sees it, so no callback is left waiting behind
     * nothing. Taken before any callback row, as every transaction takes a payment's locks
     * before its callbacks' (see {@code Orders}), so this one cannot deadlock with a change.
     */
    private void lockPayment(UUID paymentId) {
        jdbc.sql("select id from payment where id = :payment for update")
                .param("payment", paymentId).query(UUID.class).list();
    }

    /**
     * Makes the first WAITING callback of the payment its head, unless a PENDING one is
     * still out (a resent one). The caller holds the payment's row lock.
     */
    private void releaseNext(UUID paymentId, Instant now) {
        jdbc.sql("""
                        update callback_delivery set state = 'PENDING', next_attempt_at = :now
                        where id = (select id from callback_delivery
                                    where payment_id = :payment and state = 'WAITING' order by sequence limit 1)
                          and not exists (select 1 from callback_delivery where payment_id = :payment and state = 'PENDING')""")
                .param("now", SqlTime.of(now)).param("payment", paymentId)
                .update();
    }

    /** {@code initialDelay × 2^(attempts-1)}, capped at {@code maxDelay}, then between half and all of it. */
    Duration backoff(int attempts) {
        Duration ceiling = settings.initialDelay().multipliedBy(1L << Math.min(30, attempts - 1));
        if (ceiling.compareTo(settings.maxDelay()) > 0 || ceiling.isNegative()) {
            ceiling = settings.maxDelay();
        }
        long millis = ceiling.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    /**
     * Lets tries in flight finish (and be recorded) before the server stops; a try that
     * cannot finish in time is retried after its lease, by this node or another.
     */
    @Override
    public void destroy() throws IOException {
        stopped = true;
        tries.shutdown();
        try {
            tries.awaitTermination(settings.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tries.shutdownNow();
        sender.close();
    }
}
