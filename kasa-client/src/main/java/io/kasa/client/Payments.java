package io.kasa.client;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Payment endpoints of the Physical family ({@code /api/payment/**}): sale and cancel
 * orders sent to terminals, their rollback, inquiry and lists. Thread-safe; obtain from
 * {@link KasaClient#payments()}.
 *
 * <p>Async calls answer at once. Sync calls hold the answer until the outcome, a final
 * status or the server's wait limit, so they are given more time than the client's request
 * timeout: the requested wait plus {@link #ANSWER_MARGIN}, or, when no wait is requested,
 * the server's largest wait ({@link #SERVER_WAIT_LIMIT}) plus the margin. A sync answer that
 * comes back before the outcome (the wait ended) carries the status of that moment; poll
 * {@link #inquiry(UUID)} after it.
 *
 * <p>Sales, cancels, the inquiry and the lists are safe to repeat, so the client sends them
 * again after a failure ({@link KasaClient.Builder#maxRetries(int)}): a repeated sale with the
 * same {@code MerchantUniqueCode} and body answers the first payment, and a repeated cancel
 * finds the first one ({@code Payment.Async.AlreadyHasRefundOrCancel}, a
 * {@link ConflictException}: inquire to learn its outcome). Rollbacks are sent once.
 */
public final class Payments {

    /** The longest a sync call is held by the server ({@code kasa.payment.sync-wait} is at most 120 s). */
    public static final Duration SERVER_WAIT_LIMIT = Duration.ofSeconds(120);

    /** Time allowed on top of the wait for the server to answer and the answer to arrive. */
    public static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);

    /** The header that asks the server to hold a sync call for at most that many seconds. */
    public static final String WAIT_HEADER = "X-Kasa-Wait";

    private record PaymentRequestBody(UUID paymentRequestId) {
    }

    private record SyncCancelBody(UUID paymentRequestId, boolean sendNotificationDeviceDisconnected) {
    }

    private record PaymentPageQuery(int pageIndex, int pageSize, UUID paymentRequestId) {
    }

    private final KasaClient client;

    Payments(KasaClient client) {
        this.client = client;
    }

    /** POST {@code /api/payment/async/sale}: records the order, hands it to the terminal and answers at once. */
    public SaleResult asyncSale(SaleOrder order) {
        Objects.requireNonNull(order, "order");
        return client.postRepeatable("/api/payment/async/sale", order, SaleResult.class);
    }

    /**
     * POST {@code /api/payment/async/sale} with a body sent as given, e.g. a Paywall sample
     * with its {@code //} comment lines (the caller replaces placeholders such as
     * {@code {{$guid}}}).
     */
    public SaleResult asyncSaleJson(String json) {
        return client.postRepeatable("/api/payment/async/sale", new Transport.Verbatim(json), SaleResult.class);
    }

    /** POST {@code /api/payment/sync/sale}, held as long as the server's configured wait. */
    public SaleResult syncSale(SaleOrder order) {
        Objects.requireNonNull(order, "order");
        return held("/api/payment/sync/sale", order, null);
    }

    /**
     * POST {@code /api/payment/sync/sale} asking the server to hold it at most {@code wait},
     * sent as {@code X-Kasa-Wait} in whole seconds rounded up. The server takes 1–120 seconds
     * and refuses other values with {@code System.ValidationError}; only a negative wait is
     * refused here.
     */
    public SaleResult syncSale(SaleOrder order, Duration wait) {
        Objects.requireNonNull(order, "order");
        return held("/api/payment/sync/sale", order, requireWait(wait));
    }

    /** As {@link #syncSale(SaleOrder)}, with a body sent as given (see {@link #asyncSaleJson(String)}). */
    public SaleResult syncSaleJson(String json) {
        return held("/api/payment/sync/sale", new Transport.Verbatim(json), null);
    }

    /** As {@link #syncSale(SaleOrder, Duration)}, with a body sent as given (see {@link #asyncSaleJson(String)}). */
    public SaleResult syncSaleJson(String json, Duration wait) {
        return held("/api/payment/sync/sale", new Transport.Verbatim(json), requireWait(wait));
    }

    /** GET {@code /api/payment/inquiry/{paymentRequestId}}: the payment as it stands. */
    public Inquiry inquiry(UUID paymentRequestId) {
        Objects.requireNonNull(paymentRequestId, "paymentRequestId");
        return client.get("/api/payment/inquiry/" + paymentRequestId, Inquiry.class);
    }

    /**
     * POST {@code /api/payment/async/cancel}: sends a cancel order for a successful sale to its
     * terminal; the answer describes the cancel (activity type 2).
     */
    public SaleResult asyncCancel(UUID paymentRequestId) {
        Objects.requireNonNull(paymentRequestId, "paymentRequestId");
        return client.postRepeatable("/api/payment/async/cancel", new PaymentRequestBody(paymentRequestId),
                SaleResult.class);
    }

    /** POST {@code /api/payment/sync/cancel}: as {@link #asyncCancel(UUID)}, held like a sync sale. */
    public SaleResult syncCancel(UUID paymentRequestId, boolean sendNotificationDeviceDisconnected) {
        Objects.requireNonNull(paymentRequestId, "paymentRequestId");
        return held("/api/payment/sync/cancel",
                new SyncCancelBody(paymentRequestId, sendNotificationDeviceDisconnected), null);
    }

    /** As {@link #syncCancel(UUID, boolean)}, held at most {@code wait} (see {@link #syncSale(SaleOrder, Duration)}). */
    public SaleResult syncCancel(UUID paymentRequestId, boolean sendNotificationDeviceDisconnected, Duration wait) {
        Objects.requireNonNull(paymentRequestId, "paymentRequestId");
        return held("/api/payment/sync/cancel",
                new SyncCancelBody(paymentRequestId, sendNotificationDeviceDisconnected), requireWait(wait));
    }

    /**
     * POST {@code /api/payment/sync/sale/rollback}: withdraws a sale order the device has not
     * taken; the answer says {@link PaymentStatus#WITHDRAWN} on success.
     */
    public SaleResult rollbackSale(UUID paymentRequestId) {
        Objects.requireNonNull(paymentRequestId, "paymentRequestId");
        return client.post("/api/payment/sync/sale/rollback", new PaymentRequestBody(paymentRequestId),
                SaleResult.class);
    }

    /** POST {@code /api/payment/sync/cancel/rollback}: as {@link #rollbackSale(UUID)}, for the payment's cancel order. */
    public SaleResult rollbackCancel(UUID paymentRequestId) {
        Objects.requireNonNull(paymentRequestId, "paymentRequestId");
        return client.post("/api/payment/sync/cancel/rollback", new PaymentRequestBody(paymentRequestId),
                SaleResult.class);
    }

    /** POST {@code /api/payment/list}: the merchant's payments, newest first. */
    public Page<PaymentItem> list(PaymentQuery query) {
        Objects.requireNonNull(query, "query");
        return client.postForPage("/api/payment/list", query, PaymentItem.class);
    }

    /**
     * Every payment {@code query} selects, newest first, from its {@code pageIndex} on: pages
     * of its {@code pageSize} are fetched one by one as the stream is read, so stop reading
     * (e.g. {@code limit}) to stop fetching. A payment created meanwhile shifts the pages
     * after it, so an item can come twice; give the query an {@code endDate} in the past for a
     * listing that does not move.
     */
    public Stream<PaymentItem> listAll(PaymentQuery query) {
        Objects.requireNonNull(query, "query");
        return Pages.stream(query.pageIndex(), pageIndex -> list(new PaymentQuery(pageIndex, query.pageSize(),
                query.startDate(), query.endDate(), query.terminalId(), query.paymentStatusId(),
                query.merchantUniqueCode())));
    }

    /** POST {@code /api/payment/activities}: the payment's history, oldest first. */
    public Page<PaymentActivity> activities(UUID paymentRequestId, int pageIndex, int pageSize) {
        Objects.requireNonNull(paymentRequestId, "paymentRequestId");
        return client.postForPage("/api/payment/activities",
                new PaymentPageQuery(pageIndex, pageSize, paymentRequestId), PaymentActivity.class);
    }

    /** POST {@code /api/payment/products}: the payment's product lines. */
    public Page<PaymentProduct> products(UUID paymentRequestId, int pageIndex, int pageSize) {
        Objects.requireNonNull(paymentRequestId, "paymentRequestId");
        return client.postForPage("/api/payment/products",
                new PaymentPageQuery(pageIndex, pageSize, paymentRequestId), PaymentProduct.class);
    }

    /** A held call; {@code waitSeconds} null sends no {@code X-Kasa-Wait} and allows for the server's largest wait. */
    private SaleResult held(String path, Object body, Long waitSeconds) {
        if (waitSeconds == null) {
            return client.postHeld(path, body, SaleResult.class, Map.of(), SERVER_WAIT_LIMIT.plus(ANSWER_MARGIN));
        }
        return client.postHeld(path, body, SaleResult.class, Map.of(WAIT_HEADER, Long.toString(waitSeconds)),
                Duration.ofSeconds(waitSeconds).plus(ANSWER_MARGIN));
    }

    /** {@code wait} in whole seconds, rounded up so the server never answers earlier than asked. */
    private static long requireWait(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative: " + wait);
        }
        return wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    }
}
