package io.kasa.server.dashboard.web;

import io.kasa.server.callback.CallbackDeliveries;
import io.kasa.server.callback.CallbackDelivery;
import io.kasa.server.payment.Activity;
import io.kasa.server.payment.Lookups;
import io.kasa.server.payment.PaymentQuery;
import io.kasa.server.payment.PaymentView;
import io.kasa.server.payment.Payments;
import io.kasa.server.payment.SaleOrder;
import io.kasa.server.payment.StoredProduct;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.shared.web.PhysicalEnvelope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** The payments page: the filtered list, one payment in full, and re-sending a callback. */
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

    record PaymentDetail(PaymentItem payment, String callbackAddress, String paymentChannel, String ip,
                         List<ActivityItem> activities, List<ProductItem> products, SaleOrder.Customer customer,
                         List<CallbackItem> callbacks) {
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
        PaymentQuery query = new PaymentQuery(Validation.day("startDate", startDate), Validation.day("endDate", endDate),
                terminalId, statusId, merchantUniqueCode);
        return PhysicalEnvelope.success(payments.list(merchant, query, Paging.of(pageIndex, pageSize)).map(this::item));
    }

    @GetMapping("/dashboard/api/payments/{paymentId}")
    PhysicalEnvelope detail(MerchantId merchant, @PathVariable UUID paymentId) {
        PaymentView payment = payments.get(merchant, paymentId);
        Paging all = Paging.of(0, Paging.MAX_SIZE);
        List<ActivityItem> activities = payments.activities(merchant, paymentId, all).items().stream()
                .map(this::activity).toList();
        List<ProductItem> products = payments.products(merchant, paymentId, all).items().stream()
                .map(PaymentsController::product).toList();
        List<CallbackItem> deliveries = callbacks.ofPayment(merchant, paymentId).stream().map(this::callback).toList();
        return PhysicalEnvelope.success(new PaymentDetail(item(payment), payment.callbackAddress(),
                payment.channel().wireName(), payment.ip(), activities, products,
                payments.customer(merchant, paymentId).orElse(null), deliveries));
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
