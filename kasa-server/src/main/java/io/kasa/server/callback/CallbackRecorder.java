package io.kasa.server.callback;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.DatabaseOutage;
import io.kasa.server.shared.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records finished tries in batches: the tries that end within {@code recordDelay} of the
 * first one, up to {@code recordBatch}, are written in one transaction of two statements,
 * whatever their number. A callback is done only once its try is recorded; until then it
 * keeps its lease, so a try whose record is lost (the node stops, the database is down) is
 * tried again after the lease — at least once, as before.
 *
 * <p>The transaction first locks the tried callbacks' rows in id order: for the finished
 * (delivered or dead) ones that is the lock a new callback takes on its queue's head (see
 * {@link CallbackOutbox}); for all of them it makes the statement that follows see the latest
 * try another node recorded meanwhile. Only then, in a statement of its own that therefore sees
 * every callback committed before, it updates the deliveries and makes each finished payment's
 * first WAITING callback its head, unless it still has a PENDING one. A delivery's row keeps
 * its latest try ({@code last_attempt_at} and the columns beside it, V24); the try a new one
 * replaces becomes an attempt row, taken from the row itself (which is why attempts need no
 * foreign key check, see V20), so a callback delivered at its first try writes no attempt row.
 * Each finished payment's callbacks are looked at on their own, through the (payment_id,
 * sequence) index: a lateral part with a limit, which the planner cannot turn into a join over
 * every PENDING or WAITING callback, so a batch reads its payments' few rows however long the
 * queues behind other payments have grown. Those new heads come back leased to this node and are handed to
 * {@code released}, to be tried at once. Recording touches callback rows only, never a
 * payment's, so it fits the lock order (payment, orders, callbacks) of every other transaction.
 *
 * <p>The transaction commits durably, like every other: a callback a record releases is sent
 * at once, so were the record lost in a PostgreSQL crash, its receiver would get the earlier
 * callback again after the later one. Only a crash of this node, never of PostgreSQL, makes a
 * receiver see a callback twice, and then only the latest of its payment.
 *
 * <p>Once a batch is recorded each try is counted ({@link CallbackMeters}), and a callback that
 * died is logged there.
 */
final class CallbackRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallbackRecorder.class);
    private static final Duration IDLE = Duration.ofMillis(100);

    /** A try as it is to be recorded: {@code state} and {@code nextAttemptAt} are the callback's after it. */
    record Tried(LeasedCallback callback, CallbackSender.Result result, Instant at, String state, Instant nextAttemptAt) {
        boolean finished() {
            return !state.equals("PENDING");
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Transactions transaction;
    private final DatabaseOutage outage;
    private final BusinessTime time;
    private final CallbackSettings settings;
    private final Consumer<List<LeasedCallback>> released;
    private final CallbackMeters meters;
    private final LinkedBlockingQueue<Tried> queue = new LinkedBlockingQueue<>();
    private final Thread loop;
    private volatile boolean closing;

    CallbackRecorder(JdbcClient jdbc, JsonMapper json, Transactions transaction, DatabaseOutage outage, BusinessTime time,
                     CallbackSettings settings, CallbackMeters meters, Consumer<List<LeasedCallback>> released) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
        this.outage = outage;
        this.time = time;
        this.settings = settings;
        this.released = released;
        this.meters = meters;
        this.loop = Thread.ofVirtual().name("callback-recorder").start(this::run);
    }

    void add(Tried tried) {
        queue.add(tried);
    }

    private void run() {
        List<Tried> batch = new ArrayList<>(settings.recordBatch());
        while (true) {
            try {
                Tried first = queue.poll(IDLE.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + (closing ? 0 : settings.recordDelay().toNanos());
                while (batch.size() < settings.recordBatch()) {
                    queue.drainTo(batch, settings.recordBatch() - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= settings.recordBatch() || left <= 0) {
                        break;
                    }
                    Tried next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                recordEach(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!outage.absorbs("callback delivery", e)) {
                    log.warn("{} callback tries could not be recorded; they are tried again after their lease", batch.size(), e);
                }
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Records the batch in as few transactions as its callbacks allow: one, unless a callback
     * was tried twice in it (its lease passed while its first try waited here), whose tries are
     * then recorded one after the other, in the order they ended, so that each becomes the
     * latest in turn.
     */
    private void recordEach(List<Tried> batch) {
        List<Tried> round = batch;
        while (!round.isEmpty()) {
            Set<UUID> seen = new HashSet<>();
            List<Tried> now = new ArrayList<>(round.size());
            List<Tried> later = new ArrayList<>();
            for (Tried tried : round) {
                (seen.add(tried.callback().id()) ? now : later).add(tried);
            }
            record(now);
            round = later;
        }
    }

    private void record(List<Tried> batch) {
        int size = batch.size();
        UUID[] attempts = new UUID[size];
        UUID[] ids = new UUID[size];
        String[] states = new String[size];
        String[] ats = new String[size];
        String[] nexts = new String[size];
        Integer[] codes = new Integer[size];
        String[] errors = new String[size];
        Integer[] durations = new Integer[size];
        List<UUID> finished = new ArrayList<>();
        List<UUID> finishedPayments = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Tried tried = batch.get(i);
            attempts[i] = UUID.randomUUID();
            ids[i] = tried.callback().id();
            states[i] = tried.state();
            ats[i] = tried.at().toString();
            nexts[i] = tried.nextAttemptAt().toString();
            codes[i] = tried.result().statusCode();
            errors[i] = tried.result().error();
            durations[i] = (int) Math.min(Integer.MAX_VALUE, tried.result().durationMs());
            if (tried.finished()) {
                finished.add(tried.callback().id());
                finishedPayments.add(tried.callback().paymentId());
            }
        }
        UUID[] triedIds = Arrays.stream(ids).sorted().toArray(UUID[]::new);
        UUID[] finishedIds = finished.stream().sorted().toArray(UUID[]::new);
        UUID[] payments = finishedPayments.stream().distinct().toArray(UUID[]::new);
        String leasedUntil = time.now().plus(settings.lease()).toString();
        List<LeasedCallback> heads = transaction.execute(status -> {
            jdbc.sql("select id from callback_delivery where id = any(:ids) order by id for update")
                    .param("ids", triedIds).query(UUID.class).list();
            return jdbc.sql("""
                            with tried as (
                                select * from unnest(cast(:attempts as uuid[]), cast(:ids as uuid[]),
                                    cast(:states as varchar[]), cast(:ats as timestamptz[]), cast(:nexts as timestamptz[]),
                                    cast(:codes as int[]), cast(:errors as varchar[]), cast(:durations as int[]))
                                    as t(attempt_id, id, state, at, next_attempt_at, status_code, error, duration_ms)),
                            replaced as (
                                insert into callback_attempt (id, delivery_id, attempted_at, status_code, error, duration_ms)
                                select t.attempt_id, d.id, d.last_attempt_at, d.last_status_code, d.last_error, d.last_duration_ms
                                from tried t join callback_delivery d on d.id = t.id
                                where d.last_attempt_at is not null),
                            deliveries as (
                                update callback_delivery d set state = t.state, attempt_count = d.attempt_count + 1,
                                    next_attempt_at = t.next_attempt_at, last_attempt_at = t.at, last_status_code = t.status_code,
                                    last_error = t.error, last_duration_ms = t.duration_ms,
                                    delivered_at = case when t.state = 'DELIVERED' then t.at else d.delivered_at end
                                from tried t where d.id = t.id),
                            heads as (
                                select next.id
                                from unnest(cast(:payments as uuid[])) as finished(payment_id)
                                cross join lateral (
                                    select c.id, c.state from callback_delivery c
                                    where c.payment_id = finished.payment_id and c.state in ('PENDING', 'WAITING')
                                      and c.id <> all(cast(:finished as uuid[]))
                                    order by c.state = 'WAITING', c.sequence
                                    limit 1) next
                                where next.state = 'WAITING')
                            update callback_delivery c set state = 'PENDING', next_attempt_at = cast(:lease as timestamptz)
                            from heads where c.id = heads.id
                            returning\s""" + LeasedCallback.COLUMNS)
                    .param("attempts", attempts).param("ids", ids).param("states", states).param("ats", ats)
                    .param("nexts", nexts).param("codes", codes).param("errors", errors).param("durations", durations)
                    .param("payments", payments).param("finished", finishedIds).param("lease", leasedUntil)
                    .query((row, n) -> LeasedCallback.read(row, json))
                    .list();
        });
        for (Tried tried : batch) {
            meters.recorded(tried);
        }
        if (!heads.isEmpty()) {
            released.accept(heads);
        }
    }

    /** Records what is queued before returning, so that tries finished before a stop are not tried again. */
    @Override
    public void close() {
        closing = true;
        try {
            loop.join(settings.timeout().toMillis() + IDLE.toMillis() * 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
