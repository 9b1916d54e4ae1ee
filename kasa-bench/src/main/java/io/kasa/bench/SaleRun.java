package io.kasa.bench;

import io.kasa.client.KasaException;
import io.kasa.client.PaymentStatus;
import io.kasa.client.SaleResult;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ledger of one measured stretch of sales: each sale's intended send time, keyed by a
 * number the sale carries in its {@code DisplayCode} ({@code <tag>-<key>}), and the figures
 * that follow it: the answer, the moment the terminal has the order (dispatch) and the moment
 * its final callback arrives (end to end). Every figure counts from the intended send time.
 */
final class SaleRun {

    /** How the sales are sent. */
    enum Channel {
        ASYNC, SYNC
    }

    /** Statuses an async sale may be answered with when the terminal is connected. */
    private static final Set<Integer> ASYNC_ACCEPTED = Set.of(
            PaymentStatus.GENERATED.id(), PaymentStatus.SENT_TO_DEVICE.id(), PaymentStatus.SOCKET_NOTIFICATION_SENT.id(),
            PaymentStatus.TAKEN_BY_DEVICE.id(), PaymentStatus.SUCCESSFUL.id());

    private static final class Sale {
        final long intendedNanos;
        volatile boolean accepted;
        volatile boolean dispatched;
        volatile boolean settled;

        Sale(long intendedNanos) {
            this.intendedNanos = intendedNanos;
        }
    }

    private final String tag;
    private final Channel channel;
    private final long thinkNanos;
    private final Latencies response;
    private final Latencies dispatch = new Latencies("dispatch (sent -> terminal has the order)");
    private final Latencies endToEnd = new Latencies("end to end (sent -> final callback)");
    private final Errors errors = new Errors();
    private final Map<Long, Sale> sales = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder settled = new LongAdder();
    private final Map<Integer, LongAdder> answerStatuses = new ConcurrentHashMap<>();
    private volatile long lastAnswerNanos;

    /**
     * @param tag     unique among the runs of one benchmark process, so late callbacks of an
     *                earlier run are not taken for this one's
     * @param think   the terminal's think time, taken off the sync answer's latency
     */
    SaleRun(String tag, Channel channel, Duration think) {
        this.tag = tag;
        this.channel = channel;
        this.thinkNanos = think.toNanos();
        this.response = new Latencies(channel == Channel.ASYNC
                ? "async sale response"
                : "sync sale response - think (" + think.toMillis() + " ms)");
    }

    String tag() {
        return tag;
    }

    Channel channel() {
        return channel;
    }

    /** The {@code DisplayCode} that names sale {@code key} of this run. */
    String displayCode(long key) {
        return tag + "-" + key;
    }

    /** Notes that sale {@code key} is about to be sent; it was due at {@code intendedNanos}. */
    void sending(long key, long intendedNanos) {
        sales.put(key, new Sale(intendedNanos));
        sent.increment();
    }

    /** The sale was answered successfully at {@code nowNanos}. */
    void answered(long key, SaleResult result, long nowNanos) {
        Sale sale = sales.get(key);
        long latency = nowNanos - sale.intendedNanos;
        boolean expected = channel == Channel.ASYNC
                ? ASYNC_ACCEPTED.contains(result.paymentStatus())
                : result.paymentStatus() == PaymentStatus.SUCCESSFUL.id();
        if (!expected) {
            errors.unexpectedStatus(channel + " sale answered with status " + result.paymentStatus());
        }
        answerStatuses.computeIfAbsent(result.paymentStatus(), status -> new LongAdder()).increment();
        sale.accepted = true;
        response.recordNanos(channel == Channel.SYNC ? latency - thinkNanos : latency);
        answered.increment();
        lastAnswerNanos = Math.max(lastAnswerNanos, nowNanos);
    }

    void failed(long key, KasaException failure) {
        errors.failed(failure);
    }

    /** The terminal reported having the order; counted once per sale. */
    void dispatched(long key, long nowNanos) {
        Sale sale = sales.get(key);
        if (sale != null && !sale.dispatched) {
            sale.dispatched = true;
            dispatch.recordNanos(nowNanos - sale.intendedNanos);
        }
    }

    /** A callback with a final status arrived; the first one per sale counts. */
    void settled(long key, int status, long nowNanos) {
        Sale sale = sales.get(key);
        if (sale == null || sale.settled) {
            return;
        }
        sale.settled = true;
        settled.increment();
        if (status != PaymentStatus.SUCCESSFUL.id()) {
            errors.unexpectedStatus("final callback with status " + status);
        }
        endToEnd.recordNanos(nowNanos - sale.intendedNanos);
    }

    long sent() {
        return sent.sum();
    }

    long answered() {
        return answered.sum();
    }

    long settledCount() {
        return settled.sum();
    }

    /** Sales answered successfully whose final callback has not arrived. */
    long unsettled() {
        return sales.values().stream().filter(sale -> sale.accepted && !sale.settled).count();
    }

    /** How many answers carried each payment status id. */
    Map<Integer, Long> answerStatuses() {
        Map<Integer, Long> counts = new TreeMap<>();
        answerStatuses.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    Errors errors() {
        return errors;
    }

    long lastAnswerNanos() {
        return lastAnswerNanos;
    }

    Latencies response() {
        return response;
    }

    Latencies dispatch() {
        return dispatch;
    }

    Latencies endToEnd() {
        return endToEnd;
    }

    /** The scenario's part of the progress line. */
    String progress() {
        return String.format(Locale.ROOT, "sent %d answered %d errors %d p99 %.1f ms",
                sent(), answered(), errors.total(), response.intervalP99() / 1000.0);
    }
}
