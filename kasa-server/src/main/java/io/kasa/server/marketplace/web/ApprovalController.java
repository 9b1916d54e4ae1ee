package io.kasa.server.marketplace.web;

import io.kasa.server.marketplace.Approvals;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.MarketplaceEnvelope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Paywall's approval and rejection of a sale's earnings (/approve/pw/*, /approve/self/*,
 * /reject/*, /report/approval). A decision answers {@code Body {Success, Fail}}; when it
 * decided no product, ErrorCode 1 with that same body.
 */
@RestController
class ApprovalController {

    /** A sale holds at most 100 products, so no request names more. */
    static final int MAX_PRODUCTS = 100;
    static final int MAX_DESCRIPTION = 140;

    private final Approvals approvals;

    ApprovalController(Approvals approvals) {
        this.approvals = approvals;
    }

    record PayoutText(Boolean descriptionApply, String description) {
    }

    record ProductApproval(Long paymentId, List<Long> productIds, PayoutText payout, Boolean sameReflectionDateWithMember) {
    }

    record PaymentApproval(Long paymentId, PayoutText payout, Boolean sameReflectionDateWithMember) {
    }

    record ProductRejection(List<Long> productIds) {
    }

    record PaymentRejection(Long paymentId) {
    }

    record ProductRef(long productId) {
    }

    record FailView(long productId, String reason) {
    }

    record DecisionView(List<ProductRef> success, List<FailView> fail) {
        static DecisionView of(Approvals.Decision decision) {
            return new DecisionView(decision.success().stream().map(ProductRef::new).toList(),
                    decision.fail().stream().map(f -> new FailView(f.productId(), f.reason())).toList());
        }
    }

    record ReportView(List<ProductRef> approved, List<ProductRef> notApproved) {
    }

    @PostMapping("/api/paywall/marketplace/approve/pw/product")
    MarketplaceEnvelope approvePwProduct(MerchantId merchant, @RequestBody ProductApproval body) {
        return products(merchant, body, Approvals.Calculator.KASA);
    }

    @PostMapping("/api/paywall/marketplace/approve/pw/payment")
    MarketplaceEnvelope approvePwPayment(MerchantId merchant, @RequestBody PaymentApproval body) {
        return payment(merchant, body, Approvals.Calculator.KASA);
    }

    @PostMapping("/api/paywall/marketplace/approve/self/product")
    MarketplaceEnvelope approveSelfProduct(MerchantId merchant, @RequestBody ProductApproval body) {
        return products(merchant, body, Approvals.Calculator.PLATFORM);
    }

    @PostMapping("/api/paywall/marketplace/approve/self/payment")
    MarketplaceEnvelope approveSelfPayment(MerchantId merchant, @RequestBody PaymentApproval body) {
        return payment(merchant, body, Approvals.Calculator.PLATFORM);
    }

    @PostMapping("/api/paywall/marketplace/reject/product")
    MarketplaceEnvelope rejectProduct(MerchantId merchant, @RequestBody ProductRejection body) {
        return answer(approvals.reject(merchant, productIds(body.productIds())));
    }

    @PostMapping("/api/paywall/marketplace/reject/payment")
    MarketplaceEnvelope rejectPayment(MerchantId merchant, @RequestBody PaymentRejection body) {
        return answer(approvals.rejectPayment(merchant, paymentId(body.paymentId())));
    }

    @GetMapping("/api/paywall/marketplace/report/approval")
    MarketplaceEnvelope report(MerchantId merchant, @RequestHeader(value = "paymentid", required = false) String paymentId) {
        Approvals.Report report = approvals.report(merchant, Validation.integerId("paymentid", paymentId));
        return MarketplaceEnvelope.success(new ReportView(report.approved().stream().map(ProductRef::new).toList(),
                report.notApproved().stream().map(ProductRef::new).toList()));
    }

    private MarketplaceEnvelope products(MerchantId merchant, ProductApproval body, Approvals.Calculator calculator) {
        long paymentId = paymentId(body.paymentId());
        return answer(approvals.approve(merchant, new Approvals.Approve(paymentId, productIds(body.productIds()), calculator,
                description(body.payout()), Boolean.TRUE.equals(body.sameReflectionDateWithMember()))));
    }

    private MarketplaceEnvelope payment(MerchantId merchant, PaymentApproval body, Approvals.Calculator calculator) {
        long paymentId = paymentId(body.paymentId());
        return answer(approvals.approve(merchant, new Approvals.Approve(paymentId, null, calculator,
                description(body.payout()), Boolean.TRUE.equals(body.sameReflectionDateWithMember()))));
    }

    /** Success when a product was decided; otherwise Paywall's ErrorCode 1 with the same body. */
    static MarketplaceEnvelope answer(Approvals.Decision decision) {
        if (decision.success().isEmpty()) {
            throw new KasaException(KasaError.MARKETPLACE_NOTHING_DECIDED).withResult(DecisionView.of(decision));
        }
        return MarketplaceEnvelope.success(DecisionView.of(decision));
    }

    static long paymentId(Long paymentId) {
        Validation.required("PaymentId", paymentId);
        if (paymentId < 1) {
            throw Validation.invalid("PaymentId 1 veya daha büyük bir tam sayı olmalıdır", "PaymentId must be a whole number, 1 or greater");
        }
        return paymentId;
    }

    /** 1 to 100 distinct product ids; none at all is Paywall's 30. */
    static List<Long> productIds(List<Long> productIds) {
        if (productIds == null || productIds.isEmpty()) {
            throw new KasaException(KasaError.MARKETPLACE_NO_PRODUCT_TO_APPROVE);
        }
        if (productIds.size() > MAX_PRODUCTS) {
            throw Validation.invalid("ProductIds en fazla " + MAX_PRODUCTS + " ürün içerebilir",
                    "ProductIds may hold at most " + MAX_PRODUCTS + " products");
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < productIds.size(); i++) {
            Long id = productIds.get(i);
            String field = "ProductIds[" + i + "]";
            if (id == null || id < 1) {
                throw Validation.invalid(field + " 1 veya daha büyük bir tam sayı olmalıdır", field + " must be a whole number, 1 or greater");
            }
            if (!seen.add(id)) {
                throw Validation.invalid(field + " listede ikinci kez geçiyor", field + " is in the list twice");
            }
        }
        return productIds;
    }

    /** The transfer description when {@code DescriptionApply} is true (1–140 characters), else none. */
    static String description(PayoutText payout) {
        if (payout == null || !Boolean.TRUE.equals(payout.descriptionApply())) {
            return null;
        }
        return Validation.text("Payout.Description", payout.description(), MAX_DESCRIPTION);
    }
}
