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
import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

    private record Created(UUID paymentId, Order order, boolean isNew) {
    }

    /**
     * Records and delivers a sale. A repeated request with the same {@code MerchantUniqueCode}
     * and the same body creates nothing and answers like the first; with another body it is
     * refused. {@code wait} is how long a sync request is held.
     */
    public Answer sale(MerchantId merchant, SaleOrder order, Channel channel, String ip, Duration wait) {
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
        Created created = transaction.execute(status -> createSale(merchant, terminal, order, channel, ip, fingerprint, live));
        if (created.isNew()) {
            dispatch(created.order(), channel, order.sendNotificationDeviceDisconnected());
        } else {
            resumeDelivery(created.paymentId());
        }
        return respond(created.paymentId(), terminal.id(), channel, wait);
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
     * undelivered order. An order already on its way is never sent twice: the move to 10
     * happens once.
     */
    private void resumeDelivery(UUID paymentId) {
        orders.ofPayment(paymentId).stream()
                .filter(existing -> existing.type() == PaymentType.SALE && existing.status() == GENERATED)
                .findFirst()
                .ifPresent(deliveries::sendIfLive);
    }

    /**
     * Records the sale and its order. For a live terminal the order is also marked as being
     * written (10) in the same transaction, which saves the sale a transaction of its own;
     * {@link #dispatch} then writes it.
     */
    private Created createSale(MerchantId merchant, Terminal terminal, SaleOrder order, Channel channel, String ip,
                               byte[] fingerprint, boolean live) {
        Instant now = time.now();
        UUID paymentId = UUID.randomUUID();
        Optional<UUID> inserted = jdbc.sql("""
                        insert into payment (id, merchant_id, terminal_id, connection_id, merchant_unique_code, fingerprint,
                            channel_id, display_code, amount, currency_id, callback_address, ip, details,
                            payment_type_id, payment_status_id, activity_id, created_at)
                        values (:id, :merchant, :terminal, :connection, :code, :fingerprint, :channel, :displayCode, :amount,
                            :currency, :callback, :ip, cast(:details as jsonb), 1, 1, :id, :now)
                        on conflict (merchant_id, merchant_unique_code) do nothing
                        returning id""")
                .param("id", paymentId).param("merchant", merchant.value()).param("terminal", terminal.id())
                .param("connection", terminal.connectionId()).param("code", order.merchantUniqueCode())
                .param("fingerprint", fingerprint).param("channel", channel.id())
                .param("displayCode", order.displayCode()).param("amount", order.amount())
                .param("currency", order.currencyId()).param("callback", order.callbackAddress()).param("ip", ip)
                .param("details", OrderMessages.JSON.writeValueAsString(OrderMessages.Details.of(order)))
                .param("now", SqlTime.of(now))
                .query(UUID.class).optional();
        if (inserted.isEmpty()) {
            return retried(merchant, order.merchantUniqueCode(), fingerprint);
        }
        int position = 0;
        for (SaleOrder.Product product : order.products()) {
            jdbc.sql("""
                            insert into payment_product (id, payment_id, position, name, amount, quantity, tax_group_id,
                                unit_code_id, payment_method_id, member_id, member_earning, cargo_id, cargo_type, cargo_cost,
                                discount_id, discount_owner_type, discount_type, discount)
                            values (:id, :payment, :position, :name, :amount, :quantity, :tax, :unit, :method, :member,
                                :memberEarning,
                                case when cast(:cargoType as smallint) is null then null else nextval('product_cargo_id') end,
                                :cargoType, :cargoCost,
                                case when cast(:discountOwner as smallint) is null then null else nextval('product_discount_id') end,
                                :discountOwner, :discountType, :discount)""")
                    .param("id", UUID.randomUUID()).param("payment", paymentId).param("position", position++)
                    .param("name", product.name()).param("amount", product.amount()).param("quantity", product.quantity())
                    .param("tax", product.taxGroupId()).param("unit", product.unitCodeId())
                    .param("method", product.paymentMethodId()).param("member", product.memberId())
                    .param("memberEarning", product.memberEarning())
                    .param("cargoType", product.cargo() == null ? null : product.cargo().type())
                    .param("cargoCost", product.cargo() == null ? null : product.cargo().cost())
                    .param("discountOwner", product.discount() == null ? null : product.discount().owner())
                    .param("discountType", product.discount() == null ? null : product.discount().type())
                    .param("discount", product.discount() == null ? null : product.discount().value())
                    .update();
        }
        Order created = newOrder(merchant, paymentId, terminal.id(), PaymentType.SALE, now);
        if (live) {
            orders.transitionInTransaction(created.id(), Orders.Change.to(SOCKET_NOTIFICATION_SENT));
            created = created.withStatus(SOCKET_NOTIFICATION_SENT);
        }
        return new Created(paymentId, created, true);
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
        return new Created(existing.id(), null, false);
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
     * queue; a sync order is pushed when the merchant allows it, and otherwise ends in 3.
     */
    private void dispatch(Order order, Channel channel, boolean pushAllowed) {
        if (deliveries.sendIfLive(order)) {
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
        Answer answer;
        if (channel == Channel.ASYNC) {
            // A retry may arrive before the first request has written the order to a live
            // terminal: it waits like the first, so that both answer alike.
            boolean live = deliveries.isLive(terminalId);
            answer = waits.await(paymentId, () -> answer(paymentId),
                    a -> a.status() != SOCKET_NOTIFICATION_SENT && !(live && a.status() == GENERATED), settings.receiptWait());
        } else {
            answer = waits.await(paymentId, () -> answer(paymentId), a -> a.status().isFinal(), wait);
        }
        if (channel == Channel.SYNC && answer.status() == COULD_NOT_SEND_TO_DEVICE) {
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
            List<Order> all = orders.ofPayment(payment.id());
            boolean saleSucceeded = all.stream().anyMatch(o -> o.type() == PaymentType.SALE && o.status() == SUCCESSFUL);
            boolean cancelled = all.stream().anyMatch(o -> o.type() == PaymentType.CANCEL
                    && o.status() != FAILED && o.status() != COULD_NOT_SEND_TO_DEVICE && o.status() != WITHDRAWN);
            if (cancelled) {
                throw new KasaException(KasaError.PAYMENT_ALREADY_HAS_REFUND_OR_CANCEL);
            }
            if (!saleSucceeded) {
                throw new KasaException(KasaError.PAYMENT_NOT_CONVENIENT_STATUS);
            }
            return newOrder(merchant, payment.id(), payment.terminalId(), PaymentType.CANCEL, time.now());
        });
        dispatch(cancel, channel, pushAllowed);
        return respond(paymentId, cancel.terminalId(), channel, wait);
    }

    /**
     * Withdraws the latest order of the type while the device has not taken it, and not in
     * its first seconds; the device is told to drop it.
     */
    public Answer rollback(MerchantId merchant, UUID paymentId, PaymentType type) {
        Order withdrawn = transaction.execute(status -> {
            lockedPayment(merchant, paymentId);
            Order order = orders.ofPayment(paymentId).stream().filter(o -> o.type() == type)
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new KasaException(KasaError.PAYMENT_NOT_CONVENIENT_STATUS));
            if (!order.status().isBeforeTaken()) {
                throw new KasaException(KasaError.PAYMENT_NOT_CONVENIENT_STATUS);
            }
            if (time.now().isBefore(order.createdAt().plus(settings.rollbackGrace()))) {
                long seconds = settings.rollbackGrace().toSeconds();
                throw new KasaException(KasaError.PAYMENT_NOT_CONVENIENT_STATUS, new LocalizedText(
                        "emir ilk " + seconds + " saniyesinde geri çekilemez",
                        "an order cannot be withdrawn in its first " + seconds + " seconds"));
            }
            orders.transitionInTransaction(order.id(), Orders.Change.to(WITHDRAWN, "withdrawn by the merchant"))
                    .orElseThrow(() -> new KasaException(KasaError.PAYMENT_NOT_CONVENIENT_STATUS));
            return order;
        });
        deliveries.withdraw(withdrawn, "rollback");
        return answer(paymentId);
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

    public Paging.Page<PaymentView> list(MerchantId merchant, PaymentQuery query, Paging paging) {
        Instant from = query.startDate() == null ? null : query.startDate().atStartOfDay(time.zone()).toInstant();
        Instant to = query.endDate() == null ? null : query.endDate().plusDays(1).atStartOfDay(time.zone()).toInstant();
        String filter = """
                merchant_id = :merchant
                and (cast(:from as timestamptz) is null or created_at >= :from)
                and (cast(:to as timestamptz) is null or created_at < :to)
                and (cast(:terminal as uuid) is null or terminal_id = :terminal)
                and (cast(:status as int) is null or payment_status_id = :status)
                and (cast(:code as varchar) is null or merchant_unique_code = :code)""";
        long total = jdbc.sql("select count(*) from payment where " + filter)
                .params(filterParameters(merchant, query, from, to))
                .query(Long.class).single();
        List<PaymentView> items = jdbc.sql("select * from payment where " + filter
                        + " order by created_at desc, id limit :limit offset :offset")
                .params(filterParameters(merchant, query, from, to))
                .param("limit", paging.size()).param("offset", paging.offset())
                .query(Payments::view).list();
        return paging.page(items, total);
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

    private java.util.Map<String, Object> filterParameters(MerchantId merchant, PaymentQuery query, Instant from, Instant to) {
        java.util.Map<String, Object> parameters = new java.util.HashMap<>();
        parameters.put("merchant", merchant.value());
        parameters.put("from", SqlTime.of(from));
        parameters.put("to", SqlTime.of(to));
        parameters.put("terminal", query.terminalId());
        parameters.put("status", query.statusId());
        parameters.put("code", query.merchantUniqueCode());
        return parameters;
    }

    private PaymentView lockedPayment(MerchantId merchant, UUID paymentId) {
        return jdbc.sql("select * from payment where id = :id and merchant_id = :merchant for update")
                .param("id", paymentId).param("merchant", merchant.value())
                .query(Payments::view).optional()
                .orElseThrow(() -> new KasaException(KasaError.PAYMENT_REQUEST_NOT_FOUND));
    }

    private Answer answer(UUID paymentId) {
        return jdbc.sql("select id, paywall_id, activity_id, payment_type_id, payment_status_id from payment where id = :id")
                .param("id", paymentId)
                .query((row, n) -> new Answer(row.getObject("id", UUID.class), row.getLong("paywall_id"),
                        row.getObject("activity_id", UUID.class),
                        PaymentType.of(row.getInt("payment_type_id")), PaymentStatus.of(row.getInt("payment_status_id"))))
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
