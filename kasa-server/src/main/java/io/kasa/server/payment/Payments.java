package io.kasa.server.payment;

import io.kasa.server.member.Members;
import io.kasa.server.merchant.Merchants;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Tokens;
import io.kasa.server.shared.Transactions;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.terminal.Pairing;
import io.kasa.server.terminal.Terminal;
import io.kasa.server.terminal.Terminals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.kasa.server.payment.PaymentStatus.*;

/**
 * Payment requests: sale and cancel orders to terminals, their withdrawal, and what the
 * merchant can read of them. Each order is recorded (with its first activity) in one
 * transaction, then delivered outside it; a sync request then waits for the outcome.
 */
@Service
public class Payments {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final Terminals terminals;
    private final Pairing pairing;
    private final Merchants merchants;
    private final Members members;
    private final Orders orders;
    private final Deliveries deliveries;
    private final StatusWaits waits;
    private final PaymentSettings settings;
    private final Transactions transaction;
    private final MarketplaceAccounts marketplaces;

    Payments(JdbcClient jdbc, BusinessTime time, Terminals terminals, Pairing pairing, Merchants merchants, Members members,
             Orders orders,
             Deliveries deliveries, StatusWaits waits, PaymentSettings settings, Transactions transactions,
             MarketplaceAccounts marketplaces) {
        this.marketplaces = marketplaces;
        this.jdbc = jdbc;
        this.time = time;
        this.terminals = terminals;
        this.pairing = pairing;
        this.merchants = merchants;
        this.members = members;
        this.orders = orders;
        this.deliveries = deliveries;
        this.waits = waits;
        this.settings = settings;
        this.transaction = transactions;
    }

    /** {@code latest} is the sale as recorded; null for a retry, which reads it. */
    private record Created(UUID paymentId, Order order, boolean isNew, Latest latest) {
    }

    /** The answer as of the payment's activity numbered {@code sequence}, so that a waiter can tell which is newer. */
    private record Latest(Answer answer, int sequence) {

        static Latest of(PaymentStatusChanged change) {
            return new Latest(new Answer(change.paymentId(), change.payment().paymentId(), change.activityId(),
                    change.type(), change.status()), change.sequence());
        }
    }

    /**
     * Records and delivers a sale. A repeated request with the same {@code MerchantUniqueCode}
     * and the same body creates nothing and answers like the first; with another body it is
     * refused. {@code wait} is how long a sync request is held; a sync request that may be
     * held long should use {@link #heldSale}, which holds no thread meanwhile.
     */
    public Answer sale(MerchantId merchant, SaleOrder order, Channel channel, String ip, Duration wait) {
        Recorded recorded = record(merchant, order, channel, ip);
        try (StatusWaits.Watch watch = recorded.watch()) {
            return respond(watch, recorded.known(), recorded.terminalId(), channel, wait);
        }
    }

    /**
     * A sync sale, as {@link #sale} records and delivers it, whose answer completes the returned
     * future at the outcome or at the end of {@code wait}, without a thread held meanwhile. It
     * is refused (exceptionally, with a {@link KasaException}) as the sync answer of
     * {@link #sale} would be; what is refused before the sale is recorded is thrown at once.
     */
    public CompletableFuture<Answer> heldSale(MerchantId merchant, SaleOrder order, String ip, Duration wait) {
        Recorded recorded = record(merchant, order, Channel.SYNC, ip);
        UUID paymentId = recorded.watch().paymentId();
        return waits.awaitLater(recorded.watch(), recorded.known(), () -> latest(paymentId), Latest::of,
                        Latest::sequence, l -> l.answer().status().isFinal(), wait)
                .thenApply(Payments::syncAnswer);
    }

    /** A sale recorded (or, for a retry, found) and delivered, and the watch its answer waits on. */
    private record Recorded(StatusWaits.Watch watch, Latest known, UUID terminalId) {
    }

    /**
     * Records and delivers a sale, watching its payment from before it is recorded; for a
     * retry, the first sale's payment, watched before its delivery is resumed. The watch is
     * the caller's to close.
     */
    private Recorded record(MerchantId merchant, SaleOrder order, Channel channel, String ip) {
        Terminal terminal = terminals.resolve(merchant, order.terminal());
        if (!pairing.isPaired(terminal.id())) {
            throw new KasaException(KasaError.TERMINAL_PAIR_NOT_FOUND);
        }
        for (int i = 0; i < order.products().size(); i++) {
            Long memberId = order.products().get(i).memberId();
            if (memberId != null && members.find(merchant, memberId).isEmpty()) {
                throw new KasaException(KasaError.PAYMENT_INVALID_MEMBER, new LocalizedText(
                        "Products[" + i + "].MemberId üyeleriniz arasında yok", "Products[" + i + "].MemberId is not one of your members"));
            }
        }
        checkArrangements(merchant, order);
        byte[] fingerprint = fingerprint(channel, order);
        boolean live = deliveries.isLive(terminal.id());
        UUID paymentId = UUID.randomUUID();
        // Watched before it is recorded, so that the answer can start from the sale as recorded
        // and learn every later change without reading the payment again.
        StatusWaits.Watch watch = waits.watch(paymentId);
        try {
            Created created = transaction.execute(status ->
                    createSale(merchant, terminal, order, paymentId, channel, ip, fingerprint, live));
            if (!created.isNew()) {
                watch.close();
                watch = waits.watch(created.paymentId());
                resumeDelivery(created.paymentId());
                return new Recorded(watch, null, terminal.id());
            }
            dispatch(created.order(), order, channel, order.sendNotificationDeviceDisconnected());
            return new Recorded(watch, created.latest(), terminal.id());
        } catch (RuntimeException | Error failure) {
            watch.close();
            throw failure;
        }
    }

    /**
     * Cargo and discount arrangements move money between a member and the platform, so only a
     * product with a member, in a merchant that runs a marketplace, may carry one (Paywall's
     * "unexpected basket cargo / discount type", 53 and 55).
     */
    private void checkArrangements(MerchantId merchant, SaleOrder order) {
        boolean marketplace = false;
        boolean asked = false;
        for (int i = 0; i < order.products().size(); i++) {
            SaleOrder.Product product = order.products().get(i);
            if (!product.hasArrangement()) {
                continue;
            }
            if (!asked) {
                marketplace = marketplaces.enabled(merchant);
                asked = true;
            }
            if (marketplace && product.memberId() != null) {
                continue;
            }
            String why = marketplace ? "MemberId taşımayan bir üründe" : "pazaryeri açık olmayan bir hesapta";
            String because = marketplace ? "on a product without a MemberId" : "in an account without a marketplace";
            boolean cargo = product.cargo() != null && (product.cargo().type() != 0 || product.cargo().cost() != null);
            String field = "Products[" + i + "]." + (cargo ? "Cargo" : "Discount");
            throw new KasaException(cargo ? KasaError.BASKET_UNEXPECTED_CARGO_TYPE : KasaError.BASKET_UNEXPECTED_DISCOUNT_TYPE,
                    new LocalizedText(field + " " + why + " gönderilemez", field + " cannot be sent " + because));
        }
    }

    /**
     * A retry finishes what its first request began: a sale recorded but never delivered,
     * because that request failed in between (the database went away), goes to its terminal
     * now if the terminal is live. Otherwise it waits in the terminal's queue like any
     * undelivered order. An order already on its way is never sent twice: the move to
     * socket-sent happens once.
     */
    private void resumeDelivery(UUID paymentId) {
        orders.ofPayment(paymentId).stream()
                .filter(existing -> existing.type() == PaymentType.SALE && existing.status() == GENERATED)
                .findFirst()
                .ifPresent(deliveries::sendIfLive);
    }

    /**
     * Records the sale in one statement: the payment, its products, its order and the
     * order's first activity. For a live terminal the order is recorded as already marked
     * socket-sent, with that second activity, so that {@link #dispatch} only writes it: the
     * two activities are what the two moves would have recorded, in the same transaction.
     * Nothing here is locked beyond the new rows, which nobody else can see before commit.
     * The fields a sale may leave out are bound as {@code varchar} whether given or not, so
     * that the driver keeps one prepared statement for every sale (see {@link Orders#text}).
     */
    private Created createSale(MerchantId merchant, Terminal terminal, SaleOrder order, UUID paymentId, Channel channel,
                               String ip, byte[] fingerprint, boolean live) {
        // Microseconds, as the database keeps them, so the order written to the device now
        // shows the same instants as one rebuilt from the database later.
        Instant now = time.now().truncatedTo(ChronoUnit.MICROS);
        Duration ttl = merchants.orderTtl(merchant).orElse(settings.orderTtl());
        List<PaymentStatus> recorded = live ? List.of(GENERATED, SOCKET_NOTIFICATION_SENT) : List.of(GENERATED);
        Order created = new Order(UUID.randomUUID(), paymentId, terminal.id(), PaymentType.SALE, recorded.getLast(), now,
                now.plus(ttl), null, null);
        UUID[] activityIds = recorded.stream().map(status -> UUID.randomUUID()).toArray(UUID[]::new);
        List<SaleOrder.Product> products = order.products();
        Optional<Long> inserted = jdbc.sql("""
                        with created as (
                            insert into payment (id, merchant_id, terminal_id, connection_id, merchant_unique_code, fingerprint,
                                channel_id, display_code, amount, currency_id, callback_address, ip, details,
                                payment_type_id, payment_status_id, activity_id, created_at, modified_at, last_sequence)
                            values (:id, :merchant, :terminal, :connection, :code, :fingerprint, :channel, :displayCode, :amount,
                                :currency, :callback, :ip, cast(:details as jsonb), :type, :status, :latestActivity, :now, :now,
                                :activityCount)
                            on conflict (merchant_id, merchant_unique_code) do nothing
                            returning id, paywall_id),
                        products as (
                            insert into payment_product (id, payment_id, position, name, amount, quantity, tax_group_id,
                                unit_code_id, payment_method_id, member_id, member_earning, cargo_id, cargo_type, cargo_cost,
                                discount_id, discount_owner_type, discount_type, discount)
                            select line.id, created.id, line.position - 1, line.name, line.amount, line.quantity,
                                line.tax_group_id, line.unit_code_id, line.payment_method_id, line.member_id, line.member_earning,
                                case when line.cargo_type is null then null else nextval('product_cargo_id') end,
                                line.cargo_type, line.cargo_cost,
                                case when line.discount_owner_type is null then null else nextval('product_discount_id') end,
                                line.discount_owner_type, line.discount_type, line.discount
                            from created, unnest(cast(:productIds as uuid[]), cast(:names as varchar[]),
                                cast(:amounts as numeric[]), cast(:quantities as int[]), cast(:taxGroups as smallint[]),
                                cast(:units as smallint[]), cast(:methods as smallint[]), cast(:members as bigint[]),
                                cast(:earnings as numeric[]), cast(:cargoTypes as smallint[]), cast(:cargoCosts as numeric[]),
                                cast(:discountOwners as smallint[]), cast(:discountTypes as smallint[]),
                                cast(:discounts as numeric[]))
                                with ordinality as line(id, name, amount, quantity, tax_group_id, unit_code_id,
                                    payment_method_id, member_id, member_earning, cargo_type, cargo_cost, discount_owner_type,
                                    discount_type, discount, position)
                            order by line.position),
                        ordered as (
                            insert into payment_order (id, payment_id, terminal_id, type_id, status_id, created_at, expires_at)
                            select :order, created.id, :terminal, :type, :status, :now, :expires from created),
                        activities as (
                            insert into payment_activity (id, payment_id, order_id, sequence, type_id, status_id, created_at)
                            select activity.id, created.id, :order, activity.sequence, :type, activity.status_id, :now
                            from created, unnest(cast(:activityIds as uuid[]), cast(:activityStatuses as smallint[]))
                                with ordinality as activity(id, status_id, sequence))
                        select paywall_id from created""")
                .param("id", paymentId).param("merchant", merchant.value()).param("terminal", terminal.id())
                .param("connection", terminal.connectionId()).param("code", order.merchantUniqueCode())
                .param("fingerprint", fingerprint).param("channel", channel.id())
                .param("displayCode", order.displayCode(), Types.VARCHAR).param("amount", order.amount())
                .param("currency", order.currencyId()).param("callback", order.callbackAddress(), Types.VARCHAR)
                .param("ip", ip, Types.VARCHAR)
                .param("details", OrderMessages.JSON.writeValueAsString(OrderMessages.Details.of(order)))
                .param("type", PaymentType.SALE.id()).param("status", created.status().id())
                .param("latestActivity", activityIds[activityIds.length - 1]).param("activityCount", activityIds.length)
                .param("now", SqlTime.of(now)).param("expires", SqlTime.of(created.expiresAt()))
                .param("order", created.id())
                .param("productIds", products.stream().map(product -> UUID.randomUUID()).toArray(UUID[]::new))
                .param("names", column(products, SaleOrder.Product::name))
                .param("amounts", column(products, SaleOrder.Product::amount))
                .param("quantities", column(products, SaleOrder.Product::quantity))
                .param("taxGroups", column(products, SaleOrder.Product::taxGroupId))
                .param("units", column(products, SaleOrder.Product::unitCodeId))
                .param("methods", column(products, SaleOrder.Product::paymentMethodId))
                .param("members", column(products, SaleOrder.Product::memberId))
                .param("earnings", column(products, SaleOrder.Product::memberEarning))
                .param("cargoTypes", column(products, product -> product.cargo() == null ? null : product.cargo().type()))
                .param("cargoCosts", column(products, product -> product.cargo() == null ? null : product.cargo().cost()))
                .param("discountOwners", column(products,
                        product -> product.discount() == null ? null : product.discount().owner()))
                .param("discountTypes", column(products,
                        product -> product.discount() == null ? null : product.discount().type()))
                .param("discounts", column(products,
                        product -> product.discount() == null ? null : product.discount().value()))
                .param("activityIds", activityIds)
                .param("activityStatuses", recorded.stream().map(PaymentStatus::id).toArray(Integer[]::new))
                .query(Long.class).optional();
        if (inserted.isEmpty()) {
            return retried(merchant, order.merchantUniqueCode(), fingerprint);
        }
        PaymentStatusChanged.Payment payment = new PaymentStatusChanged.Payment(inserted.get(), terminal.connectionId(),
                terminal.id(), order.merchantUniqueCode(), order.displayCode(), order.amount(), order.callbackAddress(), channel);
        for (int i = 0; i < recorded.size(); i++) {
            orders.recorded(new PaymentStatusChanged(merchant.value(), paymentId, created.id(), activityIds[i], i + 1,
                    PaymentType.SALE, recorded.get(i), null, now, now, payment));
        }
        return new Created(paymentId, created, true, new Latest(new Answer(paymentId, inserted.get(),
                activityIds[activityIds.length - 1], PaymentType.SALE, created.status()), activityIds.length));
    }

    /**
     * One column of the products as an array parameter, each value in its text form (which
     * the statement casts to the column's type); null where the product has none.
     */
    private static String[] column(List<SaleOrder.Product> products, Function<SaleOrder.Product, Object> value) {
        return products.stream().map(value).map(v -> v == null ? null
                : v instanceof BigDecimal decimal ? decimal.toPlainString() : v.toString()).toArray(String[]::new);
    }

    private Created retried(MerchantId merchant, String merchantUniqueCode, byte[] fingerprint) {
        record Existing(UUID id, byte[] fingerprint) {
        }
        Existing existing = jdbc.sql("select id, fingerprint from payment where merchant_id = :merchant and merchant_unique_code = :code")
                .param("merchant", merchant.value()).param("code", merchantUniqueCode)
                .query((row, n) -> new Existing(row.getObject("id", UUID.class), row.getBytes("fingerprint")))
                .single();
        if (!java.util.Arrays.equals(existing.fingerprint(), fingerprint)) {
            throw new KasaException(KasaError.PAYMENT_MERCHANT_UNIQUE_CODE_EXISTS);
        }
        return new Created(existing.id(), null, false, null);
    }

    private Order newOrder(MerchantId merchant, UUID paymentId, UUID terminalId, PaymentType type, Instant now) {
        Duration ttl = merchants.orderTtl(merchant).orElse(settings.orderTtl());
        Order order = new Order(UUID.randomUUID(), paymentId, terminalId, type, GENERATED, now, now.plus(ttl), null, null);
        jdbc.sql("""
                        insert into payment_order (id, payment_id, terminal_id, type_id, status_id, created_at, expires_at)
                        values (:id, :payment, :terminal, :type, 1, :now, :expires)""")
                .param("id", order.id()).param("payment", paymentId).param("terminal", terminalId)
                .param("type", type.id()).param("now", SqlTime.of(now)).param("expires", SqlTime.of(order.expiresAt()))
                .update();
        orders.record(order, GENERATED, null, now);
        return order;
    }

    /**
     * Sends a new order to a live terminal. An offline terminal's async order waits in its
     * queue; a sync order is pushed when the merchant allows it, and otherwise ends as could-not-send.
     */
    private void dispatch(Order order, SaleOrder sale, Channel channel, boolean pushAllowed) {
        if (sale == null ? deliveries.sendIfLive(order) : deliveries.sendIfLive(order, sale)) {
            return;
        }
        if (channel != Channel.SYNC) {
            return;
        }
        // A retry of the same sale, or the device connecting, may have delivered it meanwhile.
        Order current = orders.find(order.id()).orElseThrow();
        if (current.status() != GENERATED && current.status() != SOCKET_NOTIFICATION_FAILED) {
            return;
        }
        if (pushAllowed) {
            deliveries.pushTo(current);
        } else {
            orders.transition(order.id(), Orders.Change.to(COULD_NOT_SEND_TO_DEVICE, "the terminal is not connected"));
        }
    }

    /**
     * The answer of a sale or cancel: at once for async (after at most the receipt wait when
     * the order was just written to the device), at the outcome or the end of {@code wait}
     * for sync. A sync order that could not reach the device is refused; the payment exists
     * by then, so the refusal carries its {@link Answer} (a retry of the same sale is refused
     * alike, with the same ids).
     */
    private Answer respond(UUID paymentId, UUID terminalId, Channel channel, Duration wait) {
        try (StatusWaits.Watch watch = waits.watch(paymentId)) {
            return respond(watch, null, terminalId, channel, wait);
        }
    }

    /** As above, for a payment watched since it was as {@code known} (null: read it first). */
    private Answer respond(StatusWaits.Watch watch, Latest known, UUID terminalId, Channel channel, Duration wait) {
        UUID paymentId = watch.paymentId();
        Latest latest;
        if (channel == Channel.ASYNC) {
            // A retry may arrive before the first request has written the order to a live
            // terminal: it waits like the first, so that both answer alike.
            boolean live = deliveries.isLive(terminalId);
            latest = waits.await(watch, known, () -> latest(paymentId), Latest::of, Latest::sequence,
                    l -> l.answer().status() != SOCKET_NOTIFICATION_SENT && !(live && l.answer().status() == GENERATED),
                    settings.receiptWait());
        } else {
            latest = waits.await(watch, known, () -> latest(paymentId), Latest::of, Latest::sequence,
                    l -> l.answer().status().isFinal(), wait);
        }
        return channel == Channel.SYNC ? syncAnswer(latest) : latest.answer();
    }

    /** A sync order that could not reach the device is refused, with the payment's answer. */
    private static Answer syncAnswer(Latest latest) {
        Answer answer = latest.answer();
        if (answer.status() == COULD_NOT_SEND_TO_DEVICE) {
            throw new KasaException(KasaError.PAYMENT_CLOUD_NOT_SEND_TO_DEVICE).withResult(answer);
        }
        return answer;
    }

    /**
     * Sends a cancel order for a successful sale to the same terminal. Refused on any other
     * status, and while another cancel is in progress or after one succeeded.
     */
    public Answer cancel(MerchantId merchant, UUID paymentId, Channel channel, boolean pushAllowed, Duration wait) {
        Order cancel = transaction.execute(status -> {
            PaymentView payment = lockedPayment(merchant, paymentId);
            KasaException refusal = cancelRefusal(orders.ofPayment(payment.id()));
            if (refusal != null) {
                throw refusal;
            }
            return newOrder(merchant, payment.id(), payment.terminalId(), PaymentType.CANCEL, time.now());
        });
        dispatch(cancel, null, channel, pushAllowed);
        return respond(paymentId, cancel.terminalId(), channel, wait);
    }

    /**
     * Withdraws the latest order of the type while the device has not taken it, and not in
     * its first seconds; the device is told to drop it.
     */
    public Answer rollback(MerchantId merchant, UUID paymentId, PaymentType type) {
        Order withdrawn = transaction.execute(status -> {
            lockedPayment(merchant, paymentId);
            Order order = latestOrder(orders.ofPayment(paymentId), type)
                    .orElseThrow(() -> new KasaException(KasaError.PAYMENT_NOT_CONVENIENT_STATUS));
            KasaException refusal = withdrawRefusal(order);
            if (refusal != null) {
                throw refusal;
            }
            orders.transitionInTransaction(order.id(), Orders.Change.to(WITHDRAWN, "withdrawn by the merchant"))
                    .orElseThrow(() -> new KasaException(KasaError.PAYMENT_NOT_CONVENIENT_STATUS));
            return order;
        });
        deliveries.withdraw(withdrawn, "rollback");
        return answer(paymentId);
    }

    /**
     * What the merchant may do with the payment now, judged by the rules {@link #cancel} and
     * {@link #rollback} apply: {@code cancel} when a cancel would be accepted; {@code withdraw}
     * names the type of the order a rollback would withdraw (the payment's latest order, when
     * the device has not taken it and its first seconds are over), or is null.
     */
    public record Actions(boolean cancel, PaymentType withdraw) {
    }

    /** The actions of a payment already read for its merchant ({@link #get}), so it is not read again. */
    public Actions actions(PaymentView payment) {
        List<Order> all = orders.ofPayment(payment.id());
        PaymentType withdrawable = latestOrder(all, payment.type())
                .filter(order -> withdrawRefusal(order) == null).map(Order::type).orElse(null);
        return new Actions(cancelRefusal(all) == null, withdrawable);
    }

    /** Why a cancel of the payment with these orders is refused, or null when it is accepted. */
    private static KasaException cancelRefusal(List<Order> all) {
        boolean saleSucceeded = all.stream().anyMatch(o -> o.type() == PaymentType.SALE && o.status() == SUCCESSFUL);
        boolean cancelled = all.stream().anyMatch(o -> o.type() == PaymentType.CANCEL
                && o.status() != FAILED && o.status() != COULD_NOT_SEND_TO_DEVICE && o.status() != WITHDRAWN);
        if (cancelled) {
            return new KasaException(KasaError.PAYMENT_ALREADY_HAS_REFUND_OR_CANCEL);
        }
        if (!saleSucceeded) {
            return new KasaException(KasaError.PAYMENT_NOT_CONVENIENT_STATUS);
        }
        return null;
    }

    private static Optional<Order> latestOrder(List<Order> all, PaymentType type) {
        return all.stream().filter(o -> o.type() == type).reduce((first, second) -> second);
    }

    /** Why withdrawing the order is refused now, or null when it may be withdrawn. */
    private KasaException withdrawRefusal(Order order) {
        if (!order.status().isBeforeTaken()) {
            return new KasaException(KasaError.PAYMENT_NOT_CONVENIENT_STATUS);
        }
        if (time.now().isBefore(order.createdAt().plus(settings.rollbackGrace()))) {
            long seconds = settings.rollbackGrace().toSeconds();
            return new KasaException(KasaError.PAYMENT_NOT_CONVENIENT_STATUS, new LocalizedText(
                    "emir ilk " + seconds + " saniyesinde geri çekilemez",
                    "an order cannot be withdrawn in its first " + seconds + " seconds"));
        }
        return null;
    }

    public PaymentView get(MerchantId merchant, UUID paymentId) {
        return jdbc.sql("select * from payment where id = :id and merchant_id = :merchant")
                .param("id", paymentId).param("merchant", merchant.value())
                .query(Payments::view).optional()
                .orElseThrow(() -> new KasaException(KasaError.PAYMENT_REQUEST_NOT_FOUND));
    }

    /** The payment with this integer {@code PaymentId}, as the marketplace calls name it. */
    public PaymentView getByPaymentId(MerchantId merchant, long paymentId) {
        return jdbc.sql("select * from payment where paywall_id = :id and merchant_id = :merchant")
                .param("id", paymentId).param("merchant", merchant.value())
                .query(Payments::view).optional()
                .orElseThrow(() -> new KasaException(KasaError.PAYMENT_REQUEST_NOT_FOUND));
    }

    /** The query's filters over {@code payment}, with the parameters {@link #filterParameters} binds. */
    private static final String FILTER = """
            merchant_id = :merchant
            and (cast(:from as timestamptz) is null or created_at >= :from)
            and (cast(:to as timestamptz) is null or created_at < :to)
            and (cast(:terminal as uuid) is null or terminal_id = :terminal)
            and (cast(:status as int) is null or payment_status_id = :status)
            and (cast(:code as varchar) is null or merchant_unique_code = :code)
            and (cast(:part as varchar) is null or merchant_unique_code like :part escape '\\')""";

    public Paging.Page<PaymentView> list(MerchantId merchant, PaymentQuery query, Paging paging) {
        long total = count(merchant, query);
        List<PaymentView> items = jdbc.sql("select * from payment where " + FILTER
                        + " order by created_at desc, id limit :limit offset :offset")
                .params(filterParameters(merchant, query))
                .param("limit", paging.size()).param("offset", paging.offset())
                .query(Payments::view).list();
        return paging.page(items, total);
    }

    /** How many payments the query matches. */
    public long count(MerchantId merchant, PaymentQuery query) {
        return jdbc.sql("select count(*) from payment where " + FILTER)
                .params(filterParameters(merchant, query))
                .query(Long.class).single();
    }

    /**
     * Every payment the query matches, in the list's order (newest first), handed to
     * {@code each} a batch at a time: each batch is one short read, so no connection or
     * transaction stays open while the caller writes what it got (to a slow download, say).
     * At most {@code limit} payments.
     */
    public void forEach(MerchantId merchant, PaymentQuery query, int limit, Consumer<List<PaymentView>> each) {
        int batch = 500;
        int seen = 0;
        PaymentView last = null;
        while (seen < limit) {
            List<PaymentView> items = jdbc.sql("select * from payment where " + FILTER
                            + " and (cast(:afterAt as timestamptz) is null or created_at < :afterAt"
                            + " or (created_at = :afterAt and id > :afterId))"
                            + " order by created_at desc, id limit :limit")
                    .params(filterParameters(merchant, query))
                    .param("afterAt", last == null ? null : SqlTime.of(last.createdAt()))
                    .param("afterId", last == null ? null : last.id(), Types.OTHER)
                    .param("limit", Math.min(batch, limit - seen))
                    .query(Payments::view).list();
            if (items.isEmpty()) {
                return;
            }
            each.accept(items);
            seen += items.size();
            last = items.getLast();
        }
    }

    /** The customer the sale order named, if it named one. */
    public java.util.Optional<SaleOrder.Customer> customer(MerchantId merchant, UUID paymentId) {
        String details = jdbc.sql("select details from payment where id = :id and merchant_id = :merchant")
                .param("id", paymentId).param("merchant", merchant.value())
                .query(String.class).optional()
                .orElseThrow(() -> new KasaException(KasaError.PAYMENT_REQUEST_NOT_FOUND));
        return java.util.Optional.ofNullable(OrderMessages.JSON.readValue(details, OrderMessages.Details.class).customer());
    }

    public Paging.Page<Activity> activities(MerchantId merchant, UUID paymentId, Paging paging) {
        get(merchant, paymentId);
        long total = jdbc.sql("select count(*) from payment_activity where payment_id = :id")
                .param("id", paymentId).query(Long.class).single();
        List<Activity> items = jdbc.sql("""
                        select * from payment_activity where payment_id = :id order by sequence limit :limit offset :offset""")
                .param("id", paymentId).param("limit", paging.size()).param("offset", paging.offset())
                .query((row, n) -> new Activity(row.getObject("id", UUID.class), PaymentType.of(row.getInt("type_id")),
                        PaymentStatus.of(row.getInt("status_id")), SqlTime.read(row, "created_at"), row.getString("message")))
                .list();
        return paging.page(items, total);
    }

    public Paging.Page<StoredProduct> products(MerchantId merchant, UUID paymentId, Paging paging) {
        get(merchant, paymentId);
        long total = jdbc.sql("select count(*) from payment_product where payment_id = :id")
                .param("id", paymentId).query(Long.class).single();
        List<StoredProduct> items = jdbc.sql("""
                        select * from payment_product where payment_id = :id order by position limit :limit offset :offset""")
                .param("id", paymentId).param("limit", paging.size()).param("offset", paging.offset())
                .query((row, n) -> new StoredProduct(row.getObject("id", UUID.class), row.getLong("paywall_id"), row.getString("name"),
                        row.getBigDecimal("amount"), row.getInt("quantity"), row.getInt("tax_group_id"),
                        row.getInt("unit_code_id"), (Integer) row.getObject("payment_method_id"),
                        (Long) row.getObject("member_id")))
                .list();
        return paging.page(items, total);
    }

    private java.util.Map<String, Object> filterParameters(MerchantId merchant, PaymentQuery query) {
        Instant from = query.startDate() == null ? null : query.startDate().atStartOfDay(time.zone()).toInstant();
        Instant to = query.endDate() == null ? null : query.endDate().plusDays(1).atStartOfDay(time.zone()).toInstant();
        java.util.Map<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("merchant", merchant.value());
        parameters.put("from", SqlTime.of(from));
        parameters.put("to", SqlTime.of(to));
        parameters.put("terminal", query.terminalId());
        parameters.put("status", query.statusId());
        parameters.put("code", query.merchantUniqueCode());
        parameters.put("part", query.codePart() == null ? null : "%" + likeLiteral(query.codePart()) + "%");
        return parameters;
    }

    /** The text as a LIKE pattern that matches only itself: its wildcards and the escape character escaped. */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private PaymentView lockedPayment(MerchantId merchant, UUID paymentId) {
        return jdbc.sql("select * from payment where id = :id and merchant_id = :merchant for update")
                .param("id", paymentId).param("merchant", merchant.value())
                .query(Payments::view).optional()
                .orElseThrow(() -> new KasaException(KasaError.PAYMENT_REQUEST_NOT_FOUND));
    }

    private Answer answer(UUID paymentId) {
        return latest(paymentId).answer();
    }

    private Latest latest(UUID paymentId) {
        return jdbc.sql("""
                        select id, paywall_id, activity_id, payment_type_id, payment_status_id, last_sequence
                        from payment where id = :id""")
                .param("id", paymentId)
                .query((row, n) -> new Latest(new Answer(row.getObject("id", UUID.class), row.getLong("paywall_id"),
                        row.getObject("activity_id", UUID.class), PaymentType.of(row.getInt("payment_type_id")),
                        PaymentStatus.of(row.getInt("payment_status_id"))), row.getInt("last_sequence")))
                .single();
    }

    /** What makes two requests "the same body": the channel and the validated order, amounts at scale 2. */
    private static byte[] fingerprint(Channel channel, SaleOrder order) {
        String canonical = channel.name() + "\n" + OrderMessages.JSON.writeValueAsString(order);
        return Tokens.hash(canonical);
    }

    static PaymentView view(ResultSet row, int n) throws SQLException {
        BigDecimal amount = row.getBigDecimal("amount");
        return new PaymentView(row.getObject("id", UUID.class), row.getLong("paywall_id"), row.getObject("terminal_id", UUID.class),
                row.getObject("connection_id", UUID.class), row.getString("merchant_unique_code"),
                row.getString("display_code"), row.getString("callback_address"), amount,
                Channel.of(row.getInt("channel_id")), row.getInt("currency_id"), row.getString("ip"),
                row.getObject("activity_id", UUID.class), PaymentType.of(row.getInt("payment_type_id")),
                PaymentStatus.of(row.getInt("payment_status_id")), SqlTime.read(row, "created_at"),
                SqlTime.read(row, "modified_at"));
    }

}
