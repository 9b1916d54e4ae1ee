package io.kasa.server.callback;

import io.kasa.server.payment.Payments;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The merchant's view of its callbacks: the delivery log, and re-sending one. */
@Service
public class CallbackDeliveries {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final Payments payments;
    private final CallbackWorker worker;

    CallbackDeliveries(JdbcClient jdbc, BusinessTime time, Payments payments, CallbackWorker worker) {
        this.jdbc = jdbc;
        this.time = time;
        this.payments = payments;
        this.worker = worker;
    }

    /** Every callback of the payment, in sequence order, with every try. */
    public List<CallbackDelivery> ofPayment(MerchantId merchant, UUID paymentId) {
        payments.get(merchant, paymentId);
        return jdbc.sql("select * from callback_delivery where payment_id = :payment and merchant_id = :merchant order by sequence")
                .param("payment", paymentId).param("merchant", merchant.value())
                .query(this::delivery).list();
    }

    /**
     * Queues the callback to be sent again now, with the same event id, whatever became of
     * it; one still waiting behind an earlier callback keeps its place in the queue.
     */
    public CallbackDelivery resend(MerchantId merchant, UUID callbackId) {
        int updated = jdbc.sql("""
                        update callback_delivery set state = case when state = 'WAITING' then state else 'PENDING' end,
                            next_attempt_at = :now
                        where id = :id and merchant_id = :merchant""")
                .param("now", SqlTime.of(time.now())).param("id", callbackId).param("merchant", merchant.value())
                .update();
        if (updated == 0) {
            throw new KasaException(KasaError.CALLBACK_NOT_FOUND);
        }
        worker.wake();
        return jdbc.sql("select * from callback_delivery where id = :id").param("id", callbackId).query(this::delivery).single();
    }

    private CallbackDelivery delivery(ResultSet row, int n) throws SQLException {
        UUID id = row.getObject("id", UUID.class);
        List<CallbackDelivery.Attempt> attempts = jdbc.sql("""
                        select * from callback_attempt where delivery_id = :id order by attempted_at, id""")
                .param("id", id)
                .query((attempt, m) -> new CallbackDelivery.Attempt(SqlTime.read(attempt, "attempted_at"),
                        (Integer) attempt.getObject("status_code"), attempt.getString("error"), attempt.getInt("duration_ms")))
                .list();
        // The try recorded last is kept in the delivery's row (V24), after every earlier one; rows
        // written before V24 have none there.
        Instant lastAttemptAt = SqlTime.read(row, "last_attempt_at");
        if (lastAttemptAt != null) {
            attempts = new ArrayList<>(attempts);
            attempts.add(new CallbackDelivery.Attempt(lastAttemptAt, (Integer) row.getObject("last_status_code"),
                    row.getString("last_error"), row.getInt("last_duration_ms")));
        }
        // Waiting behind an earlier callback is, to the merchant, pending.
        String stored = row.getString("state");
        CallbackDelivery.State state = CallbackDelivery.State.valueOf(stored.equals("WAITING") ? "PENDING" : stored);
        return new CallbackDelivery(id, row.getObject("payment_id", UUID.class), row.getInt("sequence"),
                row.getInt("payment_type_id"), row.getInt("payment_status_id"), row.getString("target"), state,
                row.getInt("attempt_count"), state == CallbackDelivery.State.PENDING ? SqlTime.read(row, "next_attempt_at") : null,
                (Integer) row.getObject("last_status_code"), row.getString("last_error"), SqlTime.read(row, "delivered_at"),
                SqlTime.read(row, "created_at"), attempts);
    }
}
