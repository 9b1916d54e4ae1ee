package io.kasa.server.marketplace.web;

import io.kasa.server.marketplace.Earning;
import io.kasa.server.marketplace.EarningLookup;
import io.kasa.server.marketplace.Earnings;
import io.kasa.server.member.Members;
import io.kasa.server.payment.Lookups;
import io.kasa.server.payment.PaymentView;
import io.kasa.server.payment.Payments;
import io.kasa.server.payment.StoredProduct;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.Language;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.MarketplaceEnvelope;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.shared.web.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Earning reports by product, payment, earning id and member, as Paywall's
 * /report/earning/product, /payment, /id and /member. A product's platform share is the
 * "merchant" earning, its member's the "sub-merchant" one; a payout transaction id is the id
 * of the transfer that took the earning (the refused one while it is FAILED), null before.
 * Products carry no external id in a Physical sale, so {@code ProductExternalId} is null.
 */
@RestController
class EarningReportController {

    static final int MAX_LENGTH = 50;

    private final Earnings earnings;
    private final EarningLookup lookup;
    private final Payments payments;
    private final Members members;
    private final BusinessTime time;

    EarningReportController(Earnings earnings, EarningLookup lookup, Payments payments, Members members, BusinessTime time) {
        this.earnings = earnings;
        this.lookup = lookup;
        this.payments = payments;
        this.members = members;
        this.time = time;
    }

    record ProductEarning(long paymentId, long productId, String productExternalId, String productName,
                          BigDecimal productAmount, Long memberId,
                          Long merchantEarningId, BigDecimal merchantEarning, LocalDateTime merchantReflectionDate,
                          Long subMerchantEarningId, BigDecimal subMerchantEarning, LocalDateTime subMerchantReflectionDate,
                          Integer merchantEarningStatusId, UUID merchantPayoutTransactionId,
                          Integer subMerchantEarningStatusId, UUID subMerchantPayoutTransactionId) {
    }

    record EarningDetail(long id, long paymentId, long productId, UUID merchantId, Long memberId, boolean isSubMerchant,
                         BigDecimal earning, LocalDateTime reflectionDate, int earningStatusId) {
    }

    record MemberEarning(long id, boolean isSubMerchant, long paymentId, long productId, int currencyId, String currency,
                         int calculationCommissionType, BigDecimal calculationCommission, BigDecimal earning,
                         int marketPlaceEarningStatusId, String marketPlaceEarningStatus,
                         UUID marketPlaceEarningTransactionId, LocalDateTime reflectionDate,
                         LocalDateTime calculationDateTime) {
    }

    record MemberReport(List<MemberEarning> data, long totalRecord) {
    }

    @GetMapping("/api/paywall/marketplace/report/earning/payment")
    MarketplaceEnvelope byPayment(MerchantId merchant, @RequestHeader(value = "paymentid", required = false) String paymentId) {
        PaymentView payment = payments.getByPaymentId(merchant, Validation.integerId("paymentid", paymentId));
        UUID id = payment.id();
        List<Earning> all = earnings.ofPayment(merchant, id);
        List<StoredProduct> products = payments.products(merchant, id, Paging.of(0, Paging.MAX_SIZE)).items();
        return MarketplaceEnvelope.success(products.stream()
                .map(product -> productEarning(payment.paymentId(), product, all)).toList());
    }

    /** One product's shares; a product the merchant does not have, or one without earnings, is 33. */
    @GetMapping("/api/paywall/marketplace/report/earning/product")
    MarketplaceEnvelope byProduct(MerchantId merchant, @RequestHeader(value = "productid", required = false) String productId) {
        long id = Validation.integerId("productid", productId);
        List<Earning> shares = lookup.ofProduct(merchant, id);
        if (shares.isEmpty()) {
            throw new KasaException(KasaError.EARNING_PRODUCT_NOT_FOUND);
        }
        Earning any = shares.getFirst();
        StoredProduct product = payments.products(merchant, any.paymentId(), Paging.of(0, Paging.MAX_SIZE)).items().stream()
                .filter(p -> p.productId() == id).findFirst()
                .orElseThrow(() -> new KasaException(KasaError.EARNING_PRODUCT_NOT_FOUND));
        return MarketplaceEnvelope.success(productEarning(any.paywallPaymentId(), product, shares));
    }

    @GetMapping("/api/paywall/marketplace/report/earning/id")
    MarketplaceEnvelope byId(MerchantId merchant, @RequestHeader(value = "earningid", required = false) String earningId) {
        Earning e = lookup.byId(merchant, Validation.integerId("earningid", earningId))
                .orElseThrow(() -> new KasaException(KasaError.EARNING_NOT_FOUND));
        return MarketplaceEnvelope.success(new EarningDetail(e.id(), e.paywallPaymentId(), e.paywallProductId(),
                merchant.value(), e.memberId(), !e.isPlatform(), e.amount(), e.reflectionDate(), e.status().id()));
    }

    private static ProductEarning productEarning(long paymentId, StoredProduct product, List<Earning> all) {
        Optional<Earning> mine = all.stream().filter(e -> e.isPlatform() && e.productId().equals(product.id())).findFirst();
        Optional<Earning> theirs = all.stream().filter(e -> !e.isPlatform() && e.productId().equals(product.id())).findFirst();
        return new ProductEarning(paymentId, product.productId(), null, product.name(), product.amount(), product.memberId(),
                mine.map(Earning::id).orElse(null), mine.map(Earning::amount).orElse(null),
                mine.map(e -> e.reflectionDate()).orElse(null),
                theirs.map(Earning::id).orElse(null), theirs.map(Earning::amount).orElse(null),
                theirs.map(e -> e.reflectionDate()).orElse(null),
                mine.map(e -> e.status().id()).orElse(null), mine.map(Earning::payoutId).orElse(null),
                theirs.map(e -> e.status().id()).orElse(null), theirs.map(Earning::payoutId).orElse(null));
    }

    @GetMapping("/api/paywall/marketplace/report/earning/member")
    MarketplaceEnvelope byMember(MerchantId merchant, HttpServletRequest request,
                                 @RequestHeader(value = "memberid", required = false) String memberId,
                                 @RequestHeader(value = "start", required = false) String start,
                                 @RequestHeader(value = "length", required = false) String length,
                                 @RequestHeader(value = "sortvalue", required = false) String sortValue,
                                 @RequestHeader(value = "sortcolumn", required = false) String sortColumn,
                                 @RequestHeader(value = "datefrom", required = false) String dateFrom,
                                 @RequestHeader(value = "dateto", required = false) String dateTo) {
        long member = Validation.integerId("memberid", memberId);
        if (members.find(merchant, member).isEmpty()) {
            throw new KasaException(KasaError.MEMBER_NOT_FOUND);
        }
        int offset = number("start", start, 0, Integer.MAX_VALUE);
        int size = number("length", length, 1, MAX_LENGTH);
        boolean descending = "desc".equalsIgnoreCase(sortValue == null ? "" : sortValue.strip());
        if (sortValue != null && !sortValue.isBlank() && !descending && !"asc".equalsIgnoreCase(sortValue.strip())) {
            throw Validation.invalid("sortvalue asc veya desc olmalıdır", "sortvalue must be asc or desc");
        }
        if (sortColumn != null && !sortColumn.isBlank() && !"Id".equalsIgnoreCase(sortColumn.strip())) {
            throw Validation.invalid("sortcolumn yalnızca Id olabilir", "sortcolumn can only be Id");
        }
        LocalDate from = Validation.day("datefrom", dateFrom);
        LocalDate to = Validation.day("dateto", dateTo);
        Earnings.MemberPage page = earnings.ofMember(merchant, member, from, to, descending, offset, size);
        Language language = RequestContext.language(request);
        return MarketplaceEnvelope.success(new MemberReport(page.items().stream().map(e -> new MemberEarning(e.id(),
                !e.isPlatform(), e.paywallPaymentId(), e.paywallProductId(), e.currencyId(), Lookups.CURRENCIES.get(e.currencyId()), 1,
                e.commission(), e.amount(), e.status().id(), e.status().label().in(language), e.payoutId(),
                e.reflectionDate(), time.local(e.createdAt()))).toList(), page.total()));
    }

    private static int number(String field, String value, int min, int max) {
        String text = Validation.required(field, value).strip();
        try {
            return Validation.between(field, Integer.parseInt(text), min, max);
        } catch (NumberFormatException e) {
            throw Validation.invalid(field + " bir tam sayı olmalıdır", field + " must be a whole number");
        }
    }
}
