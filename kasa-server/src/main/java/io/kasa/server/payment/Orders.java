package io.kasa.server.payment;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Transactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The only place an order's status changes. Each change is checked against the
 * {@link Lifecycle} table under a row lock, appends an activity, updates the payment's
 * latest activity and publishes {@link PaymentStatusChanged}, all in one transaction.
 *
 * <p>Row locks are taken in one order everywhere: the payment, then its orders, then its
 * callbacks. A move locks its payment before it updates the order, as a merchant's rollback
 * or cancel (which lock the payment first to read all its orders) does, so a device's report
 * and a merchant's request on the same payment queue one behind the other instead of each
 * holding the lock the other needs.
 */
@Component
class Orders {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final ApplicationEventPublisher events;
    private final Transactions transaction;
    private final PaymentSettings settings;

    Orders(JdbcClient jdbc, BusinessTime time, ApplicationEventPublisher events, Transactions transactions,
           PaymentSettings settings) {
        this.jdbc = jdbc;
        this.time = time;
        this.events = events;
        this.transaction = transactions;
        this.settings = settings;
    }

    /** What a transition may also record on the order. */
    record Change(PaymentStatus to, String message, String card, String providerReference) {
        static Change to(PaymentStatus status) {
            return new Change(status, null, null, null);
        }

        static Change to(PaymentStatus status, String message) {
            return new Change(status, message, null, null);
        }
    }

    /**
     * Moves the order to {@code change.to()} if the lifecycle allows it from its current
     * status, in a transaction of its own. Returns the order as it is after the move, or
     * empty when the move was refused (the order was already elsewhere).
     */
    Optional<Order> transition(UUID orderId, Change change) {
        return transaction.execute(status -> move(orderId, null, change));
    }

    /** As {@link #transition}, only if the order is one of {@code terminalId}'s: a device's report. */
    Optional<Order> transitionOf(UUID terminalId, UUID orderId, Change change) {
        return transaction.execute(status -> move(orderId, terminalId, change));
    }

    /**
     * As {@link #transition}, inside the caller's transaction. The lifecycle's test is part of
     * the update, which locks the row: a concurrent move commits first and the test then
     * reads the status it left.
     */
    Optional<Order> transitionInTransaction(UUID orderId, Change change) {
        return move(orderId, null, change);
    }

    /**
     * The move itself; a null {@code terminalId} leaves the terminal unchecked. The payment's
     * row is locked first (see the class comment); within the caller's transaction that
     * already holds it, the lock is taken again at no cost.
     */
    private Optional<Order> move(UUID orderId, UUID terminalId, Change change) {
        jdbc.sql("select p.id from payment p where p.id = (select payment_id from payment_order where id = :id) for update")
                .param("id", orderId).query(UUID.class).list();
        Instant now = time.now();
        PaymentStatus to = change.to();
        Instant outcomeDeadline = to == PaymentStatus.TAKEN_BY_DEVICE ? now.plus(settings.outcomeDeadline()) : null;
        Integer[] allowedFrom = Lifecycle.from(to).stream().map(PaymentStatus::id).toArray(Integer[]::new);
        Optional<Order> moved = jdbc.sql("""
                        update payment_order set status_id = :status,
                            taken_at = case when :status = 11 then :now else taken_at end,
                            outcome_deadline = case when :status = 11 then cast(:deadline as timestamptz) else outcome_deadline end,
                            finished_at = case when :final then :now else finished_at end,
                            outcome_message = coalesce(:message, outcome_message),
                            card = coalesce(cast(:card as jsonb), card),
                            provider_reference = coalesce(:reference, provider_reference)
                        where id = :id and status_id = any(:allowedFrom)
                          and (cast(:terminal as uuid) is null or terminal_id = :terminal)
                        returning *""")
                .param("status", to.id()).param("now", SqlTime.of(now))
                .param("deadline", SqlTime.of(outcomeDeadline))
                .param("final", to.isFinal()).param("message", change.message())
                .param("card", change.card()).param("reference", change.providerReference())
                .param("id", orderId).param("allowedFrom", allowedFrom).param("terminal", terminalId)
                .query(Orders::order).optional();
        moved.ifPresent(order -> record(order, to, change.message(), now));
        return moved;
    }

    /**
     * Appends the activity and makes it the payment's latest, in one statement: the
     * payment's row is locked and its counter numbers the activity, so the numbers of one
     * payment have no gaps and no repeats. The caller holds the order's lock.
     */
    void record(Order order, PaymentStatus status, String message, Instant at) {
        UUID activityId = UUID.randomUUID();
        record Recorded(UUID merchantId, int sequence, PaymentStatusChanged.Payment payment) {
        }
        Recorded recorded = jdbc.sql("""
                        with changed as (
                            update payment set payment_type_id = :type, payment_status_id = :status, activity_id = :activity,
                                modified_at = :at, last_sequence = last_sequence + 1
                            where id = :payment
                            returning merchant_id, last_sequence, paywall_id, connection_id, terminal_id, merchant_unique_code,
                                display_code, amount, callback_address),
                        appended as (
                            insert into payment_activity (id, payment_id, order_id, sequence, type_id, status_id, message,
                                created_at)
                            select :activity, :payment, :order, last_sequence, :type, :status, :message, :at from changed)
                        select * from changed""")
                .param("type", order.type().id()).param("status", status.id()).param("activity", activityId)
                .param("at", SqlTime.of(at)).param("payment", order.paymentId()).param("order", order.id())
                .param("message", message)
                .query((row, n) -> new Recorded(row.getObject("merchant_id", UUID.class), row.getInt("last_sequence"),
                        new PaymentStatusChanged.Payment(row.getLong("paywall_id"), row.getObject("connection_id", UUID.class),
                                row.getObject("terminal_id", UUID.class), row.getString("merchant_unique_code"),
                                row.getString("display_code"), row.getBigDecimal("amount"),
                                row.getString("callback_address"))))
                .single();
        events.publishEvent(new PaymentStatusChanged(recorded.merchantId(), order.paymentId(), order.id(), activityId,
                recorded.sequence(), order.type(), status, message, at, recorded.payment()));
    }

    Optional<Order> find(UUID orderId) {
        return jdbc.sql("select * from payment_order where id = :id").param("id", orderId).query(Orders::order).optional();
    }

    List<Order> ofPayment(UUID paymentId) {
        return jdbc.sql("select * from payment_order where payment_id = :id order by created_at, id")
                .param("id", paymentId).query(Orders::order).list();
    }

    /** The terminal's orders that still need the device: no outcome, not withdrawn or expired; oldest first. */
    List<Order> openFor(UUID terminalId) {
        return jdbc.sql("""
                        select * from payment_order where terminal_id = :terminal and status_id not in (3, 4, 5, 12)
                        order by created_at, id""")
                .param("terminal", terminalId).query(Orders::order).list();
    }

    /**
     * The terminal's orders withdrawn or expired in the last day after they were written to
     * it: the device may still hold them and must be told to drop them.
     */
    List<Order> recentlyDropped(UUID terminalId) {
        return jdbc.sql("""
                        select o.* from payment_order o
                        where o.terminal_id = :terminal and o.status_id in (3, 12) and o.finished_at > :since
                          and exists (select 1 from payment_activity a where a.order_id = o.id and a.status_id = 10)
                        order by o.created_at, o.id""")
                .param("terminal", terminalId).param("since", SqlTime.of(time.now().minus(java.time.Duration.ofDays(1))))
                .query(Orders::order).list();
    }

    /** Orders of these terminals that the device may not have received: not yet written, or written without a receipt. */
    List<Order> unreceivedFor(Collection<UUID> terminalIds) {
        return jdbc.sql("""
                        select * from payment_order where terminal_id = any(:terminals) and status_id in (1, 7, 8, 9, 10)
                        order by created_at, id""")
                .param("terminals", terminalIds.toArray(UUID[]::new)).query(Orders::order).list();
    }

    /** Orders of these terminals withdrawn or expired since the instant after they were written to the device. */
    List<Order> droppedSince(Collection<UUID> terminalIds, Instant since) {
        return jdbc.sql("""
                        select o.* from payment_order o
                        where o.terminal_id = any(:terminals) and o.status_id in (3, 12) and o.finished_at > :since
                          and exists (select 1 from payment_activity a where a.order_id = o.id and a.status_id = 10)
                        order by o.created_at, o.id""")
                .param("terminals", terminalIds.toArray(UUID[]::new)).param("since", SqlTime.of(since))
                .query(Orders::order).list();
    }

    List<Order> dueForExpiry(Instant now, int limit) {
        return jdbc.sql("""
                        select * from payment_order where status_id in (1, 7, 8, 9, 10) and expires_at <= :now
                        order by expires_at limit :limit""")
                .param("now", SqlTime.of(now)).param("limit", limit).query(Orders::order).list();
    }

    List<Order> pastOutcomeDeadline(Instant now, int limit) {
        return jdbc.sql("""
                        select * from payment_order where status_id = 11 and outcome_deadline <= :now
                        order by outcome_deadline limit :limit""")
                .param("now", SqlTime.of(now)).param("limit", limit).query(Orders::order).list();
    }

    static Order order(ResultSet row, int n) throws SQLException {
        return new Order(row.getObject("id", UUID.class), row.getObject("payment_id", UUID.class),
                row.getObject("terminal_id", UUID.class), PaymentType.of(row.getInt("type_id")),
                PaymentStatus.of(row.getInt("status_id")), SqlTime.read(row, "created_at"),
                SqlTime.read(row, "expires_at"), SqlTime.read(row, "taken_at"), SqlTime.read(row, "outcome_deadline"));
    }
}
