package io.kasa.server.dashboard.web;

import io.kasa.server.callback.CallbackDeliveries;
import io.kasa.server.callback.CallbackDelivery;
import io.kasa.server.payment.Activity;
import io.kasa.server.payment.Answer;
import io.kasa.server.payment.Channel;
import io.kasa.server.payment.Lookups;
import io.kasa.server.payment.PaymentQuery;
import io.kasa.server.payment.PaymentType;
import io.kasa.server.payment.PaymentView;
import io.kasa.server.payment.Payments;
import io.kasa.server.payment.SaleOrder;
import io.kasa.server.payment.StoredProduct;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.shared.web.PhysicalEnvelope;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The payments page: the filtered list and its CSV export, one payment in full, cancelling or
 * withdrawing it as the API does, and re-sending a callback. The dashboard's code filter
 * matches any code that contains the text.
 */
@RestController
class PaymentsController {

    private final Payments payments;
    private final CallbackDeliveries callbacks;
    private final BusinessTime time;

    PaymentsController(Payments payments, CallbackDeliveries callbacks, BusinessTime time) {
        this.payments = payments;
        this.callbacks = callbacks;
        this.time = time;
    }

    record PaymentItem(UUID id, UUID terminalId, String merchantUniqueCode, String displayCode, BigDecimal amount,
                       int currencyId, String currency, int paymentTypeId, String paymentType, int paymentStatusId,
                       String paymentStatus, boolean isFinal, LocalDateTime createdDate, LocalDateTime modifiedDate) {
    }

    /**
     * {@code canCancel}: a cancel would be accepted now; {@code canWithdraw}: a withdrawal would,
     * of the order {@code withdrawOrder} names (Sale or Cancel). Both judged by the API's rules.
     */
    record PaymentDetail(PaymentItem payment, String callbackAddress, String paymentChannel, String ip,
                         List<ActivityItem> activities, List<ProductItem> products, SaleOrder.Customer customer,
                         List<CallbackItem> callbacks, boolean canCancel, boolean canWithdraw, String withdrawOrder) {
    }

    /** A cancel's or withdrawal's answer: the API's fields, in the dashboard's casing. */
    record ActionAnswer(UUID paymentRequestId, UUID paymentRequestActivityId, int paymentRequestActivityTypeId,
                        int paymentStatus, long paymentId) {
        static ActionAnswer of(Answer answer) {
            return new ActionAnswer(answer.paymentRequestId(), answer.activityId(), answer.type().id(),
                    answer.status().id(), answer.paymentId());
        }
    }

    record ActivityItem(UUID id, int paymentTypeId, String paymentType, int paymentStatusId, String paymentStatus,
                        LocalDateTime date, String message) {
    }

    record ProductItem(UUID id, String name, BigDecimal amount, int quantity, String taxGroup, String unitCode,
                       Integer paymentMethodId, Long memberId) {
    }

    record CallbackItem(UUID id, int sequence, int paymentStatusId, String target, String state, int attemptCount,
                        LocalDateTime nextAttemptDate, Integer lastStatusCode, String lastError,
                        LocalDateTime deliveredDate, LocalDateTime createdDate) {
    }

    @GetMapping("/dashboard/api/payments")
    PhysicalEnvelope list(MerchantId merchant, @RequestParam(required = false) Integer pageIndex,
                          @RequestParam(required = false) Integer pageSize,
                          @RequestParam(required = false) String startDate,
                          @RequestParam(required = false) String endDate,
                          @RequestParam(required = false) UUID terminalId,
                          @RequestParam(required = false) Integer statusId,
                          @RequestParam(required = false) String merchantUniqueCode) {
        PaymentQuery query = query(startDate, endDate, terminalId, statusId, merchantUniqueCode);
        return PhysicalEnvelope.success(payments.list(merchant, query, Paging.of(pageIndex, pageSize)).map(this::item));
    }

    /**
     * Every payment the filters match as CSV ({@link PaymentsCsv}), streamed; refused with 400
     * naming the date filters when more than {@link PaymentsCsv#MAX_ROWS} match.
     */
    @GetMapping("/dashboard/api/payments/export")
    ResponseEntity<StreamingResponseBody> export(MerchantId merchant, @RequestParam(required = false) String startDate,
                                                 @RequestParam(required = false) String endDate,
                                                 @RequestParam(required = false) UUID terminalId,
                                                 @RequestParam(required = false) Integer statusId,
                                                 @RequestParam(required = false) String merchantUniqueCode) {
        PaymentQuery query = query(startDate, endDate, terminalId, statusId, merchantUniqueCode);
        long matching = payments.count(merchant, query);
        if (matching > PaymentsCsv.MAX_ROWS) {
            throw Validation.invalid("startDate endDate: " + matching + " ödeme eşleşiyor, bir dışa aktarım en fazla "
                            + PaymentsCsv.MAX_ROWS + " ödeme tutar; aralığı daraltın",
                    "startDate endDate: " + matching + " payments match and an export holds at most "
                            + PaymentsCsv.MAX_ROWS + "; narrow the range");
        }
        String file = "payments-" + time.local(time.now()).toLocalDate() + ".csv";
        StreamingResponseBody body = out -> {
            PaymentsCsv csv = new PaymentsCsv(out, time.zone());
            payments.forEach(merchant, query, PaymentsCsv.MAX_ROWS, batch -> batch.forEach(csv::row));
            csv.flush();
        };
        return ResponseEntity.ok()
                .contentType(PaymentsCsv.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .body(body);
    }

    private static PaymentQuery query(String startDate, String endDate, UUID terminalId, Integer statusId,
                                      String codePart) {
        return new PaymentQuery(Validation.day("startDate", startDate), Validation.day("endDate", endDate),
                terminalId, statusId, null, codePart);
    }

    @GetMapping("/dashboard/api/payments/{paymentId}")
    PhysicalEnvelope detail(MerchantId merchant, @PathVariable UUID paymentId) {
        PaymentView payment = payments.get(merchant, paymentId);
        Payments.Actions actions = payments.actions(payment);
        Paging all = Paging.of(0, Paging.MAX_SIZE);
        List<ActivityItem> activities = payments.activities(merchant, paymentId, all).items().stream()
                .map(this::activity).toList();
        List<ProductItem> products = payments.products(merchant, paymentId, all).items().stream()
                .map(PaymentsController::product).toList();
        List<CallbackItem> deliveries = callbacks.ofPayment(merchant, paymentId).stream().map(this::callback).toList();
        return PhysicalEnvelope.success(new PaymentDetail(item(payment), payment.callbackAddress(),
                payment.channel().wireName(), payment.ip(), activities, products,
                payments.customer(merchant, paymentId).orElse(null), deliveries, actions.cancel(),
                actions.withdraw() != null, actions.withdraw() == null ? null : actions.withdraw().wireName()));
    }

    /** Cancels a successful sale: the API's async cancel (POST /api/payment/async/cancel), its rules and callbacks. */
    @PostMapping("/dashboard/api/payments/{paymentId}/cancel")
    PhysicalEnvelope cancel(MerchantId merchant, @PathVariable UUID paymentId) {
        return PhysicalEnvelope.success(ActionAnswer.of(
                payments.cancel(merchant, paymentId, Channel.ASYNC, false, Duration.ZERO)));
    }

    /**
     * Withdraws the payment's latest order while the device has not taken it: the API's
     * rollback of that order's type (POST /api/payment/sync/sale/rollback or
     * /api/payment/sync/cancel/rollback), its rules and callbacks.
     */
    @PostMapping("/dashboard/api/payments/{paymentId}/withdraw")
    PhysicalEnvelope withdraw(MerchantId merchant, @PathVariable UUID paymentId) {
        PaymentType latest = payments.get(merchant, paymentId).type();
        return PhysicalEnvelope.success(ActionAnswer.of(payments.rollback(merchant, paymentId, latest)));
    }

    @PostMapping("/dashboard/api/callbacks/{callbackId}/resend")
    PhysicalEnvelope resend(MerchantId merchant, @PathVariable UUID callbackId) {
        return PhysicalEnvelope.success(callback(callbacks.resend(merchant, callbackId)));
    }

    private PaymentItem item(PaymentView payment) {
        return new PaymentItem(payment.id(), payment.terminalId(), payment.merchantUniqueCode(), payment.displayCode(),
                payment.amount(), payment.currencyId(), Lookups.CURRENCIES.get(payment.currencyId()),
                payment.type().id(), payment.type().wireName(), payment.status().id(), payment.status().wireName(),
                payment.status().isFinal(), time.local(payment.createdAt()), time.local(payment.modifiedAt()));
    }

    private ActivityItem activity(Activity activity) {
        return new ActivityItem(activity.id(), activity.type().id(), activity.type().wireName(), activity.status().id(),
                activity.status().wireName(), time.local(activity.at()), activity.message());
    }

    private static ProductItem product(StoredProduct product) {
        return new ProductItem(product.id(), product.name(), product.amount(), product.quantity(),
                Lookups.TAX_GROUPS.get(product.taxGroupId()), Lookups.UNIT_CODES.get(product.unitCodeId()),
                product.paymentMethodId(), product.memberId());
    }

    private CallbackItem callback(CallbackDelivery delivery) {
        return new CallbackItem(delivery.id(), delivery.sequence(), delivery.paymentStatusId(), delivery.target(),
                delivery.state().wireName(), delivery.attemptCount(), time.local(delivery.nextAttemptAt()),
                delivery.lastStatusCode(), delivery.lastError(), time.local(delivery.deliveredAt()),
                time.local(delivery.createdAt()));
    }
}
