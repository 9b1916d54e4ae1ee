package io.kasa.server.callback;

import io.kasa.server.payment.PaymentStatusChanged;
import io.kasa.server.shared.SqlTime;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes a callback for every status change after creation of a payment that has a
 * callback address. It runs inside the transaction that records the change, so the change
 * and its callback commit together or not at all. A new callback joins its payment's queue
 * as WAITING behind an undelivered one, else it is the head: PENDING, already leased to this
 * node, and handed to the {@link CallbackWorker} once the change commits, so the common case
 * is tried at once without a claim. Should this node stop before trying it, any node claims
 * it when the lease has passed.
 *
 * <p>The queue's head is found under its row lock, the lock that recording a try takes
 * first (see {@link CallbackRecorder}): a head being marked delivered is waited for and then
 * seen as it is, so no callback is left waiting behind nothing. Locks are taken in the
 * documented order: the change holds its payment's row, then this takes its callbacks'.
 */
@Component
class CallbackOutbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CallbackSettings settings;
    private final CallbackWorker worker;

    CallbackOutbox(JdbcClient jdbc, JsonMapper json, CallbackSettings settings, CallbackWorker worker) {
        this.jdbc = jdbc;
        this.json = json;
        this.settings = settings;
        this.worker = worker;
    }

    /**
     * What a callback says, without its proofs (added when it is sent, with the keys of that
     * moment). {@code paymentId} is the payment's integer {@code PaymentId}; callbacks written
     * before it existed were given it by migration V14.
     */
    record Payload(UUID connectionId, UUID terminalId, UUID paymentRequestId, UUID paymentRequestActivityId,
                   int paymentTypeId, int paymentStatusId, String merchantUniqueCode, String displayCode,
                   BigDecimal amount, String message, long paymentId) {
    }

    /**
     * What a callback's {@code payload} column keeps of its {@link Payload}: the rest is in the
     * row's own columns ({@code payment_id}, {@code id}, {@code payment_type_id},
     * {@code payment_status_id}), so the row does not carry it twice. Rows written before V24
     * carry those four in the payload as well, which reading ignores.
     */
    record Stored(UUID connectionId, UUID terminalId, String merchantUniqueCode, String displayCode, BigDecimal amount,
                  String message, long paymentId) {

        static Stored of(Payload payload) {
            return new Stored(payload.connectionId(), payload.terminalId(), payload.merchantUniqueCode(),
                    payload.displayCode(), payload.amount(), payload.message(), payload.paymentId());
        }

        Payload payload(UUID paymentRequestId, UUID activityId, int paymentTypeId, int paymentStatusId) {
            return new Payload(connectionId, terminalId, paymentRequestId, activityId, paymentTypeId, paymentStatusId,
                    merchantUniqueCode, displayCode, amount, message, paymentId);
        }
    }

    @EventListener
    void onChange(PaymentStatusChanged change) {
        if (change.sequence() <= 1) {
            return;
        }
        PaymentStatusChanged.Payment payment = change.payment();
        if (payment.callbackAddress() == null) {
            return;
        }
        Payload payload = new Payload(payment.connectionId(), payment.terminalId(), change.paymentId(), change.activityId(),
                change.type().id(), change.status().id(), payment.merchantUniqueCode(), payment.displayCode(),
                payment.amount(), change.message(), payment.paymentId());
        Instant leasedUntil = change.at().plus(settings.lease());
        // The head is looked for in sequence order and locked one row at a time, so that a
        // row found changed once its lock is free (delivered) is passed over for the next.
        String state = jdbc.sql("""
                        with head as (
                            select id from callback_delivery
                            where payment_id = :payment and state in ('PENDING', 'WAITING')
                            order by sequence limit 1
                            for update)
                        insert into callback_delivery (id, merchant_id, payment_id, sequence, payment_type_id,
                            payment_status_id, target, payload, state, next_attempt_at, created_at)
                        select :id, :merchant, :payment, :sequence, :type, :status, :target, cast(:payload as jsonb),
                            case when exists (select 1 from head) then 'WAITING' else 'PENDING' end,
                            case when exists (select 1 from head) then :at else :lease end,
                            :at
                        returning state""")
                .param("id", change.activityId()).param("merchant", change.merchantId())
                .param("payment", change.paymentId()).param("sequence", change.sequence())
                .param("type", change.type().id()).param("status", change.status().id())
                .param("target", payment.callbackAddress()).param("payload", json.writeValueAsString(Stored.of(payload)))
                .param("at", SqlTime.of(change.at())).param("lease", SqlTime.of(leasedUntil))
                .query(String.class).single();
        if (state.equals("PENDING")) {
            worker.tryAfterCommit(new LeasedCallback(change.activityId(), change.merchantId(), change.paymentId(),
                    change.sequence(), payment.callbackAddress(), payload, change.at(), 0, leasedUntil));
        }
    }
}
