package io.kasa.server.marketplace.web;

import io.kasa.server.marketplace.Earning;
import io.kasa.server.marketplace.Earnings;
import io.kasa.server.member.Members;
import io.kasa.server.payment.Lookups;
import io.kasa.server.payment.PaymentView;
import io.kasa.server.payment.Payments;
import io.kasa.server.payment.StoredProduct;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.MarketplaceEnvelope;
import io.kasa.server.shared.web.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Earning reports by payment and by member, as Paywall's /report/earning/payment and /report/earning/member. */
@RestController
class EarningReportController {

    static final int MAX_LENGTH = 50;

    private final Earnings earnings;
    private final Payments payments;
    private final Members members;
    private final BusinessTime time;

    EarningReportController(Earnings earnings, Payments payments, Members members, BusinessTime time) {
        this.earnings = earnings;
        this.payments = payments;
        this.members = members;
        this.time = time;
    }

    record ProductEarning(long paymentId, long productId, String productName, BigDecimal productAmount, Long memberId,
                          Long merchantEarningId, BigDecimal merchantEarning, LocalDateTime merchantReflectionDate,
                          Integer merchantEarningStatusId, Long subMerchantEarningId, BigDecimal subMerchantEarning,
                          LocalDateTime subMerchantReflectionDate, Integer subMerchantEarningStatusId) {
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
        Map<UUID, Earning> platform = all.stream().filter(Earning::isPlatform)
                .collect(Collectors.toMap(Earning::productId, Function.identity()));
        Map<UUID, Earning> member = all.stream().filter(e -> !e.isPlatform())
                .collect(Collectors.toMap(Earning::productId, Function.identity()));
        return MarketplaceEnvelope.success(products.stream().map(product -> {
            Optional<Earning> mine = Optional.ofNullable(platform.get(product.id()));
            Optional<Earning> theirs = Optional.ofNullable(member.get(product.id()));
            return new ProductEarning(payment.paymentId(), product.productId(), product.name(), product.amount(), product.memberId(),
                    mine.map(Earning::id).orElse(null), mine.map(Earning::amount).orElse(null),
                    mine.map(Earning::reflectionDate).orElse(null), mine.map(e -> e.status().id()).orElse(null),
                    theirs.map(Earning::id).orElse(null), theirs.map(Earning::amount).orElse(null),
                    theirs.map(Earning::reflectionDate).orElse(null), theirs.map(e -> e.status().id()).orElse(null));
        }).toList());
    }

    @GetMapping("/api/paywall/marketplace/report/earning/member")
    MarketplaceEnvelope byMember(MerchantId merchant,
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
        return MarketplaceEnvelope.success(new MemberReport(page.items().stream().map(e -> new MemberEarning(e.id(),
                !e.isPlatform(), e.paywallPaymentId(), e.paywallProductId(), e.currencyId(), Lookups.CURRENCIES.get(e.currencyId()), 1,
                e.commission(), e.amount(), e.status().id(), e.status().wireName(), e.payoutId(),
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
