package io.kasa.server.callback;

import io.kasa.server.payment.PaymentStatusChanged;
import io.kasa.server.shared.SqlTime;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Writes a callback for every status change after creation of a payment that has a
 * callback address. It runs inside the transaction that records the change, so the change
 * and its callback commit together or not at all. That transaction holds the payment's
 * row lock, so the new callback sees every earlier one as it is: it joins the queue as
 * WAITING behind an undelivered one, else it is the head, PENDING and due at once.
 */
@Component
class CallbackOutbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CallbackOutbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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
        jdbc.sql("""
                        insert into callback_delivery (id, merchant_id, payment_id, sequence, payment_type_id,
                            payment_status_id, target, payload, state, next_attempt_at, created_at)
                        select :id, :merchant, :payment, :sequence, :type, :status, :target, cast(:payload as jsonb),
                            case when exists (select 1 from callback_delivery
                                              where payment_id = :payment and state in ('PENDING', 'WAITING'))
                                 then 'WAITING' else 'PENDING' end,
                            :at, :at""")
                .param("id", change.activityId()).param("merchant", change.merchantId())
                .param("payment", change.paymentId()).param("sequence", change.sequence())
                .param("type", change.type().id()).param("status", change.status().id())
                .param("target", payment.callbackAddress()).param("payload", json.writeValueAsString(payload))
                .param("at", SqlTime.of(change.at()))
                .update();
    }
}
