package io.kasa.server.payment;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Transactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The only place an order's status changes. Each change is checked against the
 * {@link Lifecycle} table under a row lock, appends an activity, updates the payment's
 * latest activity and publishes {@link PaymentStatusChanged}, all in one statement of one
 * transaction.
 *
 * <p>Row locks are taken in one order everywhere, written here once: the payment, then its
 * orders, then its callbacks, then the marketplace's lock of the sale (its kept products,
 * {@code marketplace_product}, in id order), then its earnings, then its debts. A path may
 * skip any of them but takes none after a later one. So:
 * <ul>
 * <li>A move locks its payment before it updates the order, as a merchant's rollback or
 * cancel (which lock the payment first to read all its orders) does, so a device's report
 * and a merchant's request on the same payment queue one behind the other instead of each
 * holding the lock the other needs.
 * <li>A sale's success and its cancel's success reach the marketplace inside the status
 * change, through {@link PaymentStatusChanged}, holding the payment row. The success writes
 * the sale's kept products, earnings and debts as new rows, which wait for no lock. The
 * cancel takes the marketplace's lock of the sale before it reverses the earnings and debts.
 * <li>The merchant's marketplace changes of a sale (approval, rejection, earnings
 * operations, debt changes) start at the marketplace's lock and take no payment row after
 * it: no marketplace statement names a payment table, and no marketplace table has a
 * foreign key to one, whose check would take a key-share lock of the payment row (V23). A
 * change and a cancel of one sale therefore meet first at the marketplace's lock: whichever
 * takes it first runs to its commit while the other waits, holding nothing the first needs.
 * <li>Payout runs and payout orders take no payment row and no marketplace lock: they lock
 * earnings, then debts (a run claims both with {@code skip locked}). The merchant's
 * marketplace settings row, which a payout order locks first, is locked by nothing that
 * holds any of the locks above.
 * </ul>
 */
@Component
class Orders {

    /*
     * The status groups as SQL takes them. Each is written in the same order as the partial
     * index that serves its query (V2__payments.sql), so the planner can match the two.
     */
    private static final Integer[] FINAL = Lifecycle.ids(Lifecycle.FINAL);
    private static final Integer[] DROPPED = Lifecycle.ids(Lifecycle.DROPPED);
    private static final Integer[] NOT_RECEIVED = Lifecycle.ids(Lifecycle.NOT_RECEIVED);
    private static final int WRITTEN = PaymentStatus.SOCKET_NOTIFICATION_SENT.id();

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
     * The move itself, in one statement; a null {@code terminalId} leaves the terminal
     * unchecked. The statement keeps the lock order of the class comment: its first part
     * locks the payment row ({@code for update} in a materialised part that the order's
     * update reads from, so no order row is locked before the payment is; the order is only
     * read, unlocked, to find its payment); then the order is updated, which locks it, if the
     * lifecycle allows the move from the status it has once the payment's lock is held (a
     * concurrent move that committed meanwhile is re-read before the test); then the payment
     * takes the activity as its latest. Within a caller's transaction that already holds the
     * payment, its lock is taken again at no cost.
     */
    private Optional<Order> move(UUID orderId, UUID terminalId, Change change) {
        Instant now = time.now();
        PaymentStatus to = change.to();
        boolean taken = to == PaymentStatus.TAKEN_BY_DEVICE;
        Instant outcomeDeadline = taken ? now.plus(settings.outcomeDeadline()) : null;
        Integer[] allowedFrom = Lifecycle.ids(Lifecycle.from(to));
        UUID activityId = UUID.randomUUID();
        record Moved(Order order, UUID merchantId, int sequence, PaymentStatusChanged.Payment payment) {
        }
        Optional<Moved> moved = jdbc.sql("""
                        with locked as materialized (
                            select p.id from payment p
                            where p.id = (select payment_id from payment_order
                                          where id = :id and (cast(:terminal as uuid) is null
                                                              or terminal_id = cast(:terminal as uuid)))
                            for update),
                        moved as (
                            update payment_order o set status_id = :status,
                                taken_at = case when :taken then :now else o.taken_at end,
                                outcome_deadline = case when :taken then cast(:deadline as timestamptz)
                                    else o.outcome_deadline end,
                                finished_at = case when :final then :now else o.finished_at end,
                                outcome_message = coalesce(:message, o.outcome_message),
                                card = coalesce(cast(:card as jsonb), o.card),
                                provider_reference = coalesce(:reference, o.provider_reference)
                            from locked
                            where o.id = :id and o.payment_id = locked.id and o.status_id = any(:allowedFrom)
                            returning o.*),
                        changed as (
                            update payment p set payment_type_id = moved.type_id, payment_status_id = :status,
                                activity_id = :activity, modified_at = :now, last_sequence = p.last_sequence + 1
                            from moved
                            where p.id = moved.payment_id
                            returning p.id, p.merchant_id, p.last_sequence, p.paywall_id, p.connection_id, p.terminal_id as
                                payment_terminal_id, p.merchant_unique_code, p.display_code, p.amount, p.callback_address, p.channel_id),
                        appended as (
                            insert into payment_activity (id, payment_id, order_id, sequence, type_id, status_id, message,
                                created_at)
                            select :activity, changed.id, moved.id, changed.last_sequence, moved.type_id, :status, :message,
                                :now
                            from moved join changed on changed.id = moved.payment_id)
                        select moved.*, changed.merchant_id, changed.last_sequence, changed.paywall_id, changed.connection_id,
                            changed.payment_terminal_id, changed.merchant_unique_code, changed.display_code, changed.amount,
                            changed.callback_address, changed.channel_id
                        from moved join changed on changed.id = moved.payment_id""")
                .param("status", to.id()).param("now", SqlTime.of(now)).param("taken", taken)
                .param("deadline", text(outcomeDeadline), Types.VARCHAR)
                .param("final", to.isFinal()).param("message", change.message(), Types.VARCHAR)
                .param("card", change.card(), Types.VARCHAR).param("reference", change.providerReference(), Types.VARCHAR)
                .param("id", orderId).param("allowedFrom", allowedFrom).param("terminal", text(terminalId), Types.VARCHAR)
                .param("activity", activityId)
                .query((row, n) -> new Moved(order(row, n), row.getObject("merchant_id", UUID.class),
                        row.getInt("last_sequence"), payment(row, "payment_terminal_id")))
                .optional();
        moved.ifPresent(done -> events.publishEvent(new PaymentStatusChanged(done.merchantId(), done.order().paymentId(),
                done.order().id(), activityId, done.sequence(), done.order().type(), to, change.message(), now,
                done.order().createdAt(), done.payment())));
        return moved.map(Moved::order);
    }

    /**
     * A parameter that may be null, as text of one SQL type whether null or not (the
     * statement casts it). Bound untyped, a null goes as "unspecified" and a value as its own
     * type, and the driver prepares the statement again whenever the two alternate; each
     * fresh preparation is planned afresh, which cost a status change more than running it.
     */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static PaymentStatusChanged.Payment payment(ResultSet row, String terminalColumn) throws SQLException {
        return new PaymentStatusChanged.Payment(row.getLong("paywall_id"), row.getObject("connection_id", UUID.class),
                row.getObject(terminalColumn, UUID.class), row.getString("merchant_unique_code"),
                row.getString("display_code"), row.getBigDecimal("amount"), row.getString("callback_address"),
                Channel.of(row.getInt("channel_id")));
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
                                display_code, amount, callback_address, channel_id),
                        appended as (
                            insert into payment_activity (id, payment_id, order_id, sequence, type_id, status_id, message,
                                created_at)
                            select :activity, :payment, :order, last_sequence, :type, :status, :message, :at from changed)
                        select * from changed""")
                .param("type", order.type().id()).param("status", status.id()).param("activity", activityId)
                .param("at", SqlTime.of(at)).param("payment", order.paymentId()).param("order", order.id())
                .param("message", message, Types.VARCHAR)
                .query((row, n) -> new Recorded(row.getObject("merchant_id", UUID.class), row.getInt("last_sequence"),
                        payment(row, "terminal_id")))
                .single();
        events.publishEvent(new PaymentStatusChanged(recorded.merchantId(), order.paymentId(), order.id(), activityId,
                recorded.sequence(), order.type(), status, message, at, order.createdAt(), recorded.payment()));
    }

    /**
     * Publishes a status change that its caller recorded itself, in the transaction that
     * records it: a new sale's first activities, written with the sale in one statement.
     */
    void recorded(PaymentStatusChanged change) {
        events.publishEvent(change);
    }

    Optional<Order> find(UUID orderId) {
        return jdbc.sql("select * from payment_order where id = :id").param("id", orderId).query(Orders::order).optional();
    }

    /** The order if it is one of {@code terminalId}'s; what a device's report names. */
    Optional<Order> findOf(UUID terminalId, UUID orderId) {
        return jdbc.sql("select * from payment_order where id = :id and terminal_id = :terminal")
                .param("id", orderId).param("terminal", terminalId).query(Orders::order).optional();
    }

    List<Order> ofPayment(UUID paymentId) {
        return jdbc.sql("select * from payment_order where payment_id = :id order by created_at, id")
                .param("id", paymentId).query(Orders::order).list();
    }

    /** The terminal's orders that still need the device: no outcome, not withdrawn or expired; oldest first. */
    List<Order> openFor(UUID terminalId) {
        return jdbc.sql("""
                        select * from payment_order where terminal_id = :terminal and status_id <> all(:final)
                        order by created_at, id""")
                .param("terminal", terminalId).param("final", FINAL).query(Orders::order).list();
    }

    /**
     * The terminal's orders withdrawn or expired in the last day after they were written to
     * it: the device may still hold them and must be told to drop them.
     */
    List<Order> recentlyDropped(UUID terminalId) {
        return jdbc.sql("""
                        select o.* from payment_order o
                        where o.terminal_id = :terminal and o.status_id = any(:dropped) and o.finished_at > :since
                          and exists (select 1 from payment_activity a where a.order_id = o.id and a.status_id = :written)
                        order by o.created_at, o.id""")
                .param("terminal", terminalId).param("dropped", DROPPED).param("written", WRITTEN)
                .param("since", SqlTime.of(time.now().minus(java.time.Duration.ofDays(1))))
                .query(Orders::order).list();
    }

    /** Orders of these terminals that the device may not have received: not yet written, or written without a receipt. */
    List<Order> unreceivedFor(Collection<UUID> terminalIds) {
        return jdbc.sql("""
                        select * from payment_order where terminal_id = any(:terminals) and status_id = any(:notReceived)
                        order by created_at, id""")
                .param("terminals", terminalIds.toArray(UUID[]::new)).param("notReceived", NOT_RECEIVED)
                .query(Orders::order).list();
    }

    /** Orders of these terminals withdrawn or expired since the instant after they were written to the device. */
    List<Order> droppedSince(Collection<UUID> terminalIds, Instant since) {
        return jdbc.sql("""
                        select o.* from payment_order o
                        where o.terminal_id = any(:terminals) and o.status_id = any(:dropped) and o.finished_at > :since
                          and exists (select 1 from payment_activity a where a.order_id = o.id and a.status_id = :written)
                        order by o.created_at, o.id""")
                .param("terminals", terminalIds.toArray(UUID[]::new)).param("dropped", DROPPED).param("written", WRITTEN)
                .param("since", SqlTime.of(since))
                .query(Orders::order).list();
    }

    List<Order> dueForExpiry(Instant now, int limit) {
        return jdbc.sql("""
                        select * from payment_order where status_id = any(:notReceived) and expires_at <= :now
                        order by expires_at limit :limit""")
                .param("notReceived", NOT_RECEIVED).param("now", SqlTime.of(now)).param("limit", limit)
                .query(Orders::order).list();
    }

    List<Order> pastOutcomeDeadline(Instant now, int limit) {
        return jdbc.sql("""
                        select * from payment_order where status_id = :taken and outcome_deadline <= :now
                        order by outcome_deadline limit :limit""")
                .param("taken", PaymentStatus.TAKEN_BY_DEVICE.id()).param("now", SqlTime.of(now)).param("limit", limit)
                .query(Orders::order).list();
    }

    static Order order(ResultSet row, int n) throws SQLException {
        return new Order(row.getObject("id", UUID.class), row.getObject("payment_id", UUID.class),
                row.getObject("terminal_id", UUID.class), PaymentType.of(row.getInt("type_id")),
                PaymentStatus.of(row.getInt("status_id")), SqlTime.read(row, "created_at"),
                SqlTime.read(row, "expires_at"), SqlTime.read(row, "taken_at"), SqlTime.read(row, "outcome_deadline"));
    }
}
