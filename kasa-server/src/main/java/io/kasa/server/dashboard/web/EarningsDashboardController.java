package io.kasa.server.dashboard.web;

import io.kasa.server.marketplace.Earning;
import io.kasa.server.marketplace.EarningChanges;
import io.kasa.server.marketplace.EarningLookup;
import io.kasa.server.marketplace.EarningStatus;
import io.kasa.server.payment.Lookups;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/**
 * The marketplace page's earnings: the latest, with their reflection dates, statuses and
 * payout transactions, and the retry of one whose payout the bank refused, through the same
 * feature method as the API's {@code earning/put/retry/id}.
 */
@RestController
class EarningsDashboardController {

    private final EarningLookup lookup;
    private final EarningChanges changes;

    EarningsDashboardController(EarningLookup lookup, EarningChanges changes) {
        this.lookup = lookup;
        this.changes = changes;
    }

    record EarningItem(long id, long paymentId, long productId, String productName, Long memberId, boolean isSubMerchant,
                       BigDecimal earning, String currency, LocalDate reflectionDate, int earningStatusId,
                       String earningStatus, UUID payoutTransactionId) {
    }

    @GetMapping("/dashboard/api/marketplace/earnings")
    PhysicalEnvelope earnings(MerchantId merchant, @RequestParam(required = false) Integer pageIndex,
                              @RequestParam(required = false) Integer pageSize,
                              @RequestParam(required = false) Integer statusId) {
        Paging paging = Paging.of(pageIndex, pageSize);
        EarningStatus status = statusId == null ? null : Arrays.stream(EarningStatus.values())
                .filter(candidate -> candidate.id() == statusId).findFirst()
                .orElseThrow(() -> Validation.invalid("statusId bir kazanç durumu değil", "statusId is not an earning status"));
        EarningLookup.Listing listing = lookup.recent(merchant, status, paging.offset(), paging.size());
        return PhysicalEnvelope.success(paging.page(listing.items().stream()
                .map(listed -> item(listed.earning(), listed.productName())).toList(), listing.total()));
    }

    @PostMapping("/dashboard/api/marketplace/earnings/{earningId}/retry")
    PhysicalEnvelope retry(MerchantId merchant, @PathVariable long earningId) {
        changes.retry(merchant, new EarningChanges.OfId(earningId), null);
        Earning earning = lookup.byId(merchant, earningId).orElseThrow(() -> new KasaException(KasaError.EARNING_NOT_FOUND));
        return PhysicalEnvelope.success(item(earning, null));
    }

    private static EarningItem item(Earning earning, String productName) {
        return new EarningItem(earning.id(), earning.paywallPaymentId(), earning.paywallProductId(), productName,
                earning.memberId(), !earning.isPlatform(), earning.amount(), Lookups.CURRENCIES.get(earning.currencyId()),
                earning.payableDate(), earning.status().id(), earning.status().wireName(), earning.payoutId());
    }
}
