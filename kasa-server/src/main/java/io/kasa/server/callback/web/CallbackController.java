package io.kasa.server.callback.web;

import io.kasa.server.callback.CallbackDeliveries;
import io.kasa.server.callback.CallbackDelivery;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.PhysicalEnvelope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** The delivery log of a payment's callbacks, and re-sending one (Kasa extension). */
@RestController
class CallbackController {

    private final CallbackDeliveries deliveries;
    private final BusinessTime time;

    CallbackController(CallbackDeliveries deliveries, BusinessTime time) {
        this.deliveries = deliveries;
        this.time = time;
    }

    record AttemptView(LocalDateTime date, Integer statusCode, String error, int durationMs) {
    }

    record DeliveryView(UUID callbackId, UUID paymentRequestId, UUID paymentRequestActivityId, int sequence,
                        int paymentTypeId, int paymentStatusId, String target, String state, int attemptCount,
                        LocalDateTime nextAttemptDate, Integer lastStatusCode, String lastError,
                        LocalDateTime deliveredDate, LocalDateTime createdDate, List<AttemptView> attempts) {
    }

    record Resend(UUID callbackId) {
    }

    @GetMapping("/api/payment/{paymentRequestId}/callbacks")
    PhysicalEnvelope list(MerchantId merchant, @PathVariable UUID paymentRequestId) {
        return PhysicalEnvelope.success(deliveries.ofPayment(merchant, paymentRequestId).stream().map(this::view).toList());
    }

    @PostMapping("/api/payment/callbacks/resend")
    PhysicalEnvelope resend(MerchantId merchant, @RequestBody Resend request) {
        return PhysicalEnvelope.success(view(deliveries.resend(merchant, Validation.required("CallbackId", request.callbackId()))));
    }

    private DeliveryView view(CallbackDelivery d) {
        return new DeliveryView(d.id(), d.paymentId(), d.id(), d.sequence(), d.paymentTypeId(), d.paymentStatusId(),
                d.target(), d.state().wireName(), d.attemptCount(), time.local(d.nextAttemptAt()), d.lastStatusCode(),
                d.lastError(), time.local(d.deliveredAt()), time.local(d.createdAt()),
                d.attempts().stream().map(a -> new AttemptView(time.local(a.at()), a.statusCode(), a.error(), a.durationMs())).toList());
    }
}
