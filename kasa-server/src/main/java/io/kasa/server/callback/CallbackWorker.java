package io.kasa.server.callback;

import io.kasa.server.database.DatabaseSettings;
import io.kasa.server.merchant.MerchantKeys;
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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers the outbox. A callback is tried by the node that holds its lease, so each try
 * runs on one node only. The head of a new change's queue arrives leased from the
 * {@link CallbackOutbox} and is tried once the change commits; the next callback of a
 * payment arrives leased from the {@link CallbackRecorder} that recorded the one before; so
 * the common case needs no claim. The poll claims, with {@code for update skip locked}, what
 * is due otherwise: retries, resent callbacks, and leases that passed on a node that stopped
 * or could not record. A callback waits (WAITING) until the one before it of the same
 * payment is delivered or dead, so a payment's callbacks arrive in order, while callbacks of
 * different payments go out side by side. Every try is recorded; failures are retried with
 * exponential backoff and jitter until the give-up time, then the callback is dead. While
 * the database cannot be reached nothing is claimed; a try whose result could not be
 * recorded is tried again once its lease has passed, so a callback is never lost, at worst
 * delivered twice with the same {@code X-Kasa-Event-Id}.
 */
@Component
class CallbackWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CallbackWorker.class);
    private static final int CLAIM_LIMIT = 50;
    static final String HASH_FORMAT = "PhysicalPos";
    static final int HASH_KEY_TYPE = 7;

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final MerchantKeys keys;
    private final JsonMapper json;
    private final CallbackSettings settings;
    private final Transactions transaction;
    private final CallbackSender sender;
    private final CallbackRecorder recorder;
    private final Semaphore slots;
    private final DatabaseOutage outage;
    private final ExecutorService tries = Executors.newVirtualThreadPerTaskExecutor();
    /** Leased callbacks waiting for a free slot, tried in the order they came. */
    private final Queue<LeasedCallback> ready = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** The last claim was cut short by its limit or by the slots: more may be due, so a freed slot claims again. */
    private volatile boolean more;
    private volatile boolean stopped;

    CallbackWorker(JdbcClient jdbc, BusinessTime time, MerchantKeys keys, JsonMapper json, CallbackSettings settings,
                   DatabaseSettings database, Transactions transactions, DatabaseOutage outage, CallbackMeters meters) {
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
        this.recorder = new CallbackRecorder(jdbc, json, transactions, outage, time, settings, meters, this::start);
    }

    /**
     * The callback as it goes on the wire (SPEC §7), field order included; {@code PaymentId},
     * the integer the marketplace calls take, is Kasa's addition and comes last.
     */
    record Body(UUID connectionId, UUID terminalId, UUID paymentRequestId, UUID paymentRequestActivityId,
                int paymentTypeId, int paymentStatusId, String merchantUniqueCode, String displayCode,
                BigDecimal amount, String message, String hash, String hashFormat, int hashKeyType, long paymentId) {
    }

    /**
     * Tries the callback, leased to this node by the caller's transaction, once that
     * transaction commits; never when it rolls back (the callback then never existed).
     */
    void tryAfterCommit(LeasedCallback callback) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            start(List.of(callback));
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                start(List.of(callback));
            }
        });
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
                int free = slots.availablePermits() - ready.size();
                if (free <= 0) {
                    more = true;
                    break;
                }
                int limit = Math.min(free, CLAIM_LIMIT);
                List<LeasedCallback> claimed = claim(limit);
                more = claimed.size() == limit;
                start(claimed);
                if (more) {
                    again.set(true);
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
    private List<LeasedCallback> claim(int limit) {
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
                        returning\s""" + LeasedCallback.COLUMNS)
                .param("now", SqlTime.of(now)).param("limit", limit)
                .param("lease", SqlTime.of(now.plus(settings.lease())))
                .query((row, n) -> LeasedCallback.read(row, json))
                .list());
    }

    /** Queues leased callbacks for a slot, and fills the free slots. */
    private void start(List<LeasedCallback> callbacks) {
        if (stopped) {
            return;
        }
        ready.addAll(callbacks);
        fillSlots();
    }

    /**
     * Tries ready callbacks while slots are free. One whose lease has passed while it waited
     * is left to the next claim, by any node, rather than tried twice at once.
     */
    private void fillSlots() {
        while (!ready.isEmpty() && !stopped && slots.tryAcquire()) {
            LeasedCallback next = ready.poll();
            while (next != null && !next.leasedUntil().isAfter(time.now())) {
                next = ready.poll();
            }
            if (next == null) {
                slots.release();
                return;
            }
            LeasedCallback callback = next;
            try {
                tries.submit(() -> run(callback));
            } catch (RejectedExecutionException stopping) {
                // The server is stopping: the lease hands the callback to the next node.
                slots.release();
                return;
            }
        }
    }

    private void run(LeasedCallback callback) {
        try {
            attempt(callback);
        } catch (RuntimeException e) {
            if (!outage.absorbs("callback delivery", e)) {
                log.warn("Callback {} could not be tried; it is tried again after its lease", callback.id(), e);
            }
        } finally {
            slots.release();
            fillSlots();
            if (more) {
                wake();
            }
        }
    }

    private void attempt(LeasedCallback delivery) {
        CallbackSender.Result result;
        List<String> webhookKeys = keys.webhookKeys(new MerchantId(delivery.merchantId()));
        if (webhookKeys.isEmpty()) {
            result = new CallbackSender.Result(null, "the merchant has no active webhook hash key", 0);
        } else {
            String body = json.writeValueAsString(body(delivery.payload(), webhookKeys.getFirst()));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Kasa-Event-Id", delivery.id().toString());
            headers.put("X-Kasa-Sequence", Integer.toString(delivery.sequence()));
            headers.put("X-Kasa-Signature", Signatures.header(webhookKeys, time.now().getEpochSecond(), body));
            result = sender.post(URI.create(delivery.target()), body, headers);
        }
        Instant now = time.now();
        int attempts = delivery.attemptCount() + 1;
        boolean dead = !result.succeeded() && !now.isBefore(delivery.createdAt().plus(settings.giveUpAfter()));
        String state = result.succeeded() ? "DELIVERED" : dead ? "DEAD" : "PENDING";
        Instant next = result.succeeded() || dead ? now : now.plus(backoff(attempts));
        recorder.add(new CallbackRecorder.Tried(delivery, result, now, state, next));
    }

    static Body body(CallbackOutbox.Payload payload, String key) {
        return new Body(payload.connectionId(), payload.terminalId(), payload.paymentRequestId(),
                payload.paymentRequestActivityId(), payload.paymentTypeId(), payload.paymentStatusId(),
                payload.merchantUniqueCode(), payload.displayCode(), payload.amount().setScale(2),
                payload.message(), Signatures.hash(key, payload.paymentRequestId(), payload.merchantUniqueCode(), payload.amount()),
                HASH_FORMAT, HASH_KEY_TYPE, payload.paymentId());
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
     * Lets tries in flight finish and be recorded before the server stops; a try that
     * cannot finish in time, and a callback leased but not yet tried, is tried after its
     * lease, by this node or another.
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
        recorder.close();
        sender.close();
    }
}
