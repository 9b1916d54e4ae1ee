package io.kasa.server.payment.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kasa.server.payment.Activity;
import io.kasa.server.payment.Answer;
import io.kasa.server.payment.Channel;
import io.kasa.server.payment.Lookups;
import io.kasa.server.payment.PaymentQuery;
import io.kasa.server.payment.PaymentSettings;
import io.kasa.server.payment.PaymentType;
import io.kasa.server.payment.PaymentView;
import io.kasa.server.payment.Payments;
import io.kasa.server.payment.SaleOrder;
import io.kasa.server.payment.StoredProduct;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.AnswerShape;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.shared.web.PhysicalEnvelope;
import io.kasa.server.terminal.Connection;
import io.kasa.server.terminal.Connections;
import io.kasa.server.terminal.Providers;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** The payment endpoints of the Physical API (seeds 001–003 and their companions). */
@RestController
class PaymentController {

    static final String WAIT_HEADER = "X-Kasa-Wait";
    /** How long past its held wait a sync sale's request may stay open before the container ends it. */
    private static final Duration HELD_ANSWER_BACKSTOP = Duration.ofSeconds(30);

    private final Payments payments;
    private final Connections connections;
    private final PaymentSettings settings;
    private final BusinessTime time;

    PaymentController(Payments payments, Connections connections, PaymentSettings settings, BusinessTime time) {
        this.payments = payments;
        this.connections = connections;
        this.settings = settings;
        this.time = time;
    }

    /** {@code PaymentId}, the integer the marketplace calls take, is Kasa's addition (docs/api.md). */
    record SaleAnswer(UUID paymentRequestId, UUID paymentRequestActivityId, int paymentRequestActivityTypeId,
                      int paymentStatus, long paymentId) {
        static SaleAnswer of(Answer answer) {
            return new SaleAnswer(answer.paymentRequestId(), answer.activityId(), answer.type().id(), answer.status().id(),
                    answer.paymentId());
        }
    }

    record Inquiry(UUID paymentRequestId, UUID paymentRequestActivityId, UUID terminalId, String merchantUniqueCode,
                   String displayCode, String callbackAddress, BigDecimal amount, int paymentChannelId,
                   String paymentChannel, int currencyId, String currency, @JsonProperty("IP") String ip,
                   int paymentTypeId, String paymentType, int paymentStatusId, String paymentStatus,
                   LocalDateTime createdDate, LocalDateTime modifiedDate, long paymentId) {
    }

    record PaymentItem(UUID id, UUID terminalId, UUID connectionId, String connectionName, int providerId,
                       String providerName, int brandId, String brandName, int regionId, String regionName,
                       String merchantUniqueCode, String displayCode, BigDecimal amount, int paymentChannelId,
                       String paymentChannelName, int currencyId, String currencyName, @JsonProperty("IP") String ip,
                       UUID paymentRequestActivityId, int paymentTypeId, String paymentTypeName, int paymentStatusId,
                       String paymentStatusName, LocalDateTime date, long paymentId) {
    }

    record ActivityItem(UUID id, int paymentTypeId, String paymentTypeName, int paymentStatusId,
                        String paymentStatusName, LocalDateTime date, String message) {
    }

    record ProductItem(UUID id, String name, BigDecimal amount, int quantity, int taxGroupId, String taxGroupName,
                       int unitCodeId, String unitCodeName, Integer paymentMethodId, Long memberId, long productId) {
    }

    record ListRequest(Integer pageIndex, Integer pageSize, String startDate, String endDate, UUID terminalId,
                       Integer paymentStatusId, String merchantUniqueCode) {
    }

    record PaymentPage(Integer pageIndex, Integer pageSize, UUID paymentRequestId) {
    }

    record PaymentRef(UUID paymentRequestId, Boolean sendNotificationDeviceDisconnected) {
    }

    @PostMapping("/api/payment/async/sale")
    PhysicalEnvelope asyncSale(MerchantId merchant, @RequestBody SaleRequest request, HttpServletRequest http) {
        SaleOrder order = SaleOrderReader.read(request);
        return answered(() -> payments.sale(merchant, order, Channel.ASYNC, http.getRemoteAddr(), Duration.ZERO));
    }

    /**
     * Answered asynchronously (Servlet async): the request holds no thread while the sale is
     * held, only its connection's buffers. The container's own timeout is a backstop past the
     * held wait, which ends the wait itself; should it ever fire, the caller is told to come
     * back (503 {@code System.Busy}), and a repeat of the same sale answers as the first.
     */
    @PostMapping("/api/payment/sync/sale")
    DeferredResult<PhysicalEnvelope> syncSale(MerchantId merchant, @RequestBody SaleRequest request,
                                              HttpServletRequest http,
                                              @RequestHeader(value = WAIT_HEADER, required = false) String wait) {
        Duration held = syncWait(wait);
        SaleOrder order = SaleOrderReader.read(request);
        DeferredResult<PhysicalEnvelope> answer = new DeferredResult<>(held.plus(HELD_ANSWER_BACKSTOP).toMillis(),
                () -> new KasaException(KasaError.SERVER_BUSY, null, Duration.ofSeconds(1)));
        payments.heldSale(merchant, order, http.getRemoteAddr(), held).whenComplete((sale, failure) -> {
            if (failure == null) {
                answer.setResult(PhysicalEnvelope.success(SaleAnswer.of(sale)));
            } else {
                answer.setErrorResult(refusal(failure instanceof CompletionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause() : failure));
            }
        });
        return answer;
    }

    @GetMapping("/api/payment/inquiry/{paymentRequestId}")
    PhysicalEnvelope inquiry(MerchantId merchant, @PathVariable UUID paymentRequestId) {
        PaymentView p = payments.get(merchant, paymentRequestId);
        return PhysicalEnvelope.success(new Inquiry(p.id(), p.activityId(), p.terminalId(), p.merchantUniqueCode(),
                p.displayCode(), p.callbackAddress(), p.amount(), p.channel().id(), p.channel().wireName(),
                p.currencyId(), Lookups.CURRENCIES.get(p.currencyId()), p.ip(), p.type().id(), p.type().wireName(),
                p.status().id(), p.status().wireName(), time.local(p.createdAt()), time.local(p.modifiedAt()),
                p.paymentId()));
    }

    @AnswerShape.Answered(AnswerShape.CAMEL_CASE_ENVELOPE)
    @PostMapping("/api/payment/async/cancel")
    PhysicalEnvelope asyncCancel(MerchantId merchant, @RequestBody PaymentRef request) {
        UUID id = Validation.required("PaymentRequestId", request.paymentRequestId());
        return answered(() -> payments.cancel(merchant, id, Channel.ASYNC, false, Duration.ZERO));
    }

    @AnswerShape.Answered(AnswerShape.CAMEL_CASE_ENVELOPE)
    @PostMapping("/api/payment/sync/cancel")
    PhysicalEnvelope syncCancel(MerchantId merchant, @RequestBody PaymentRef request,
                                @RequestHeader(value = WAIT_HEADER, required = false) String wait) {
        UUID id = Validation.required("PaymentRequestId", request.paymentRequestId());
        boolean push = Boolean.TRUE.equals(request.sendNotificationDeviceDisconnected());
        Duration held = syncWait(wait);
        return answered(() -> payments.cancel(merchant, id, Channel.SYNC, push, held));
    }

    @PostMapping("/api/payment/sync/sale/rollback")
    PhysicalEnvelope rollbackSale(MerchantId merchant, @RequestBody PaymentRef request) {
        UUID id = Validation.required("PaymentRequestId", request.paymentRequestId());
        return PhysicalEnvelope.success(SaleAnswer.of(payments.rollback(merchant, id, PaymentType.SALE)));
    }

    @AnswerShape.Answered(AnswerShape.CAMEL_CASE_ENVELOPE)
    @PostMapping("/api/payment/sync/cancel/rollback")
    PhysicalEnvelope rollbackCancel(MerchantId merchant, @RequestBody PaymentRef request) {
        UUID id = Validation.required("PaymentRequestId", request.paymentRequestId());
        return PhysicalEnvelope.success(SaleAnswer.of(payments.rollback(merchant, id, PaymentType.CANCEL)));
    }

    @PostMapping("/api/payment/list")
    PhysicalEnvelope list(MerchantId merchant, @RequestBody(required = false) ListRequest request) {
        ListRequest query = request == null ? new ListRequest(null, null, null, null, null, null, null) : request;
        Paging paging = Paging.of(query.pageIndex(), query.pageSize());
        PaymentQuery filters = new PaymentQuery(Validation.day("startDate", query.startDate()),
                Validation.day("endDate", query.endDate()), query.terminalId(), query.paymentStatusId(),
                query.merchantUniqueCode(), null);
        Map<UUID, Connection> connectionsSeen = new HashMap<>();
        return PhysicalEnvelope.success(payments.list(merchant, filters, paging).map(p -> {
            Connection c = connectionsSeen.computeIfAbsent(p.connectionId(), id -> connections.find(merchant, id));
            return new PaymentItem(p.id(), p.terminalId(), p.connectionId(), c == null ? null : c.name(),
                    c == null ? 0 : c.providerId(), c == null ? null : Providers.providerName(c.providerId()),
                    c == null ? 0 : c.brandId(), c == null ? null : Providers.brandName(c.brandId()),
                    c == null ? 0 : c.regionId(), c == null ? null : Providers.regionName(c.regionId()),
                    p.merchantUniqueCode(), p.displayCode(), p.amount(), p.channel().id(), p.channel().wireName(),
                    p.currencyId(), Lookups.CURRENCIES.get(p.currencyId()), p.ip(), p.activityId(), p.type().id(),
                    p.type().wireName(), p.status().id(), p.status().wireName(), time.local(p.createdAt()),
                    p.paymentId());
        }));
    }

    @PostMapping("/api/payment/activities")
    PhysicalEnvelope activities(MerchantId merchant, @RequestBody PaymentPage request) {
        UUID id = Validation.required("PaymentRequestId", request.paymentRequestId());
        Paging paging = Paging.of(request.pageIndex(), request.pageSize());
        return PhysicalEnvelope.success(payments.activities(merchant, id, paging).map((Activity a) -> new ActivityItem(
                a.id(), a.type().id(), a.type().wireName(), a.status().id(), a.status().wireName(), time.local(a.at()),
                a.message())));
    }

    @PostMapping("/api/payment/products")
    PhysicalEnvelope products(MerchantId merchant, @RequestBody PaymentPage request) {
        UUID id = Validation.required("PaymentRequestId", request.paymentRequestId());
        Paging paging = Paging.of(request.pageIndex(), request.pageSize());
        return PhysicalEnvelope.success(payments.products(merchant, id, paging).map((StoredProduct p) -> new ProductItem(
                p.id(), p.name(), p.amount(), p.quantity(), p.taxGroupId(), Lookups.TAX_GROUPS.get(p.taxGroupId()),
                p.unitCodeId(), Lookups.UNIT_CODES.get(p.unitCodeId()), p.paymentMethodId(), p.memberId(),
                p.productId())));
    }

    /**
     * The envelope of a sale or cancel, with the payment's ids in {@code Result}: on success,
     * and on a refusal that came after the payment was recorded (a sync order the device could
     * not be reached for), which carries the payment's {@link Answer}; the caller can follow
     * that payment by inquiry and callback like any other.
     */
    private static PhysicalEnvelope answered(Supplier<Answer> order) {
        try {
            return PhysicalEnvelope.success(SaleAnswer.of(order.get()));
        } catch (KasaException refusal) {
            throw (KasaException) refusal(refusal);
        }
    }

    /** A refusal as {@link #answered} renders it: one that carries the payment's {@link Answer} names its ids. */
    private static Throwable refusal(Throwable failure) {
        if (failure instanceof KasaException refusal && refusal.result() instanceof Answer payment) {
            return refusal.withResult(SaleAnswer.of(payment));
        }
        return failure;
    }

    /** The sync wait: the server's, or less when the caller asks with X-Kasa-Wait (whole seconds, 1–120). */
    private Duration syncWait(String header) {
        if (header == null || header.isBlank()) {
            return settings.syncWait(null);
        }
        int seconds;
        try {
            seconds = Integer.parseInt(header.strip());
        } catch (NumberFormatException e) {
            throw Validation.invalid(WAIT_HEADER + " saniye cinsinden bir tam sayı olmalıdır",
                    WAIT_HEADER + " must be a whole number of seconds");
        }
        Validation.between(WAIT_HEADER, seconds, 1, 120);
        return settings.syncWait(Duration.ofSeconds(seconds));
    }
}
