package io.kasa.server.dashboard.web;

import io.kasa.server.marketplace.Approvals;
import io.kasa.server.marketplace.Debts;
import io.kasa.server.marketplace.EarningChanges;
import io.kasa.server.marketplace.EarningStatus;
import io.kasa.server.marketplace.Ledger;
import io.kasa.server.marketplace.MarketplaceSettings;
import io.kasa.server.marketplace.MarketplaceSettingsStore;
import io.kasa.server.marketplace.PayoutJob;
import io.kasa.server.marketplace.PayoutJobs;
import io.kasa.server.member.Member;
import io.kasa.server.member.Members;
import io.kasa.server.payment.Lookups;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.Paging;
import io.kasa.server.shared.web.PhysicalEnvelope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The marketplace page: settings, members, earnings waiting for approval (approved or
 * rejected here with the API's rules), every earning with its reflection date (a refused
 * payout's retried here with the API's rules), payouts, the members' debts, the pool of
 * platform earnings and payout orders.
 */
@RestController
class MarketplaceController {

    private final MarketplaceSettingsStore settings;
    private final Members members;
    private final PayoutJobs jobs;
    private final Approvals approvals;
    private final Ledger ledger;
    private final EarningChanges changes;
    private final BusinessTime time;
    private final Debts debts;

    MarketplaceController(MarketplaceSettingsStore settings, Members members, PayoutJobs jobs, Approvals approvals,
                          Ledger ledger, EarningChanges changes, BusinessTime time, Debts debts) {
        this.settings = settings;
        this.members = members;
        this.jobs = jobs;
        this.approvals = approvals;
        this.ledger = ledger;
        this.changes = changes;
        this.time = time;
        this.debts = debts;
    }

    record WaitingItem(long paymentId, long productId, String productName, BigDecimal productAmount, String currency,
                       Long memberId, BigDecimal memberEarning, BigDecimal platformEarning, String calculator,
                       LocalDateTime calculatedDate) {
    }

    record EarningItem(long id, long paymentId, UUID paymentRequestId, long productId, String productName, Long memberId,
                       String payee, String currency, BigDecimal earning, int earningStatusId, String earningStatus,
                       LocalDate reflectionDate, LocalDateTime calculatedDate, UUID payoutTransactionId) {
    }

    record PayoutItem(UUID id, UUID jobId, Long memberId, String payee, String currency, BigDecimal amount, String status,
                      int attempts, String lastMessage, LocalDateTime createdDate, LocalDateTime updatedDate) {
    }

    /** {@code Calculator}: "Kasa" or "Platform", the one the product was calculated by; {@code Description} optional. */
    record ApproveProducts(Long paymentId, List<Long> productIds, String calculator, String description) {
    }

    record RejectProducts(List<Long> productIds) {
    }

    record DecisionView(List<Long> success, List<FailView> fail) {
    }

    record FailView(long productId, String reason) {
    }

    record SettingsView(boolean marketplaceEnabled, boolean manualTrigger, boolean hasPlatformAccount,
                        String platformAccountTitle, boolean automaticApproval) {
    }

    record MemberItem(long id, String externalId, String name, String title, boolean isSubMerchant, int memberType,
                      String email, String phone, List<String> bankAccountCurrencies, LocalDateTime createdDate) {
    }

    record PendingView(int currencyId, String currency, LocalDate dateFrom, LocalDate dateTo, BigDecimal earning,
                       long count) {
    }

    record StartJob(Integer currencyId, String dateFrom, String dateTo, Boolean testMode, Boolean skipExistsControl) {
    }

    record JobView(UUID id, int currencyId, String currency, LocalDate dateFrom, LocalDate dateTo, String status,
                   BigDecimal earning, int count, List<PayoutJob.Result> results) {
    }

    record DebtItem(long id, int type, String typeName, long memberId, String memberName, String currency, long paymentId,
                    long productId, BigDecimal debtAmount, String status, UUID payoutId, LocalDateTime date) {
    }

    /** The members' debts, newest first (docs/marketplace.md, "Cargo, discounts and debts"). */
    @GetMapping("/dashboard/api/marketplace/debts")
    PhysicalEnvelope debts(MerchantId merchant, @RequestParam(required = false) Integer pageIndex,
                           @RequestParam(required = false) Integer pageSize) {
        return PhysicalEnvelope.success(debts.list(merchant, Paging.of(pageIndex, pageSize)).map(debt -> new DebtItem(
                debt.id(), debt.type().id(), debt.type().wireName(), debt.memberId(),
                debt.memberName(),
                Lookups.CURRENCIES.get(debt.currencyId()), debt.paymentId(), debt.productId(), debt.amount(),
                debt.status().wireName(), debt.payoutId(), time.local(debt.createdAt()))));
    }

    @GetMapping("/dashboard/api/marketplace/settings")
    PhysicalEnvelope settings(MerchantId merchant) {
        MarketplaceSettings current = settings.get(merchant);
        return PhysicalEnvelope.success(new SettingsView(current.marketplaceEnabled(), current.manualTrigger(),
                current.platformIban() != null, current.platformTitle(), current.automaticApproval()));
    }

    @GetMapping("/dashboard/api/marketplace/members")
    PhysicalEnvelope members(MerchantId merchant, @RequestParam(required = false) Integer pageIndex,
                             @RequestParam(required = false) Integer pageSize) {
        Paging paging = Paging.of(pageIndex, pageSize);
        Members.Listing listing = members.list(merchant, paging.offset(), paging.size());
        return PhysicalEnvelope.success(paging.page(listing.members().stream().map(this::member).toList(), listing.total()));
    }

    @GetMapping("/dashboard/api/marketplace/pending")
    PhysicalEnvelope pending(MerchantId merchant, @RequestParam int currencyId, @RequestParam String dateFrom,
                             @RequestParam String dateTo) {
        PayoutJobs.knownCurrency("currencyId", currencyId);
        PayoutJobs.Pending pending = jobs.pending(merchant, currencyId,
                Validation.required("dateFrom", Validation.day("dateFrom", dateFrom)),
                Validation.required("dateTo", Validation.day("dateTo", dateTo)));
        return PhysicalEnvelope.success(new PendingView(currencyId, Lookups.CURRENCIES.get(currencyId),
                pending.dateFrom(), pending.dateTo(), pending.earning(), pending.count()));
    }

    @GetMapping("/dashboard/api/marketplace/approvals")
    PhysicalEnvelope waiting(MerchantId merchant, @RequestParam(required = false) Integer pageIndex,
                             @RequestParam(required = false) Integer pageSize) {
        return PhysicalEnvelope.success(approvals.waiting(merchant, Paging.of(pageIndex, pageSize)).map(w -> new WaitingItem(
                w.paymentId(), w.productId(), w.productName(), w.productAmount(), Lookups.CURRENCIES.get(w.currencyId()),
                w.memberId(), w.memberEarning(), w.platformEarning(),
                w.calculator() == Approvals.Calculator.KASA ? "Kasa" : "Platform", time.local(w.calculatedAt()))));
    }

    @PostMapping("/dashboard/api/marketplace/approvals")
    PhysicalEnvelope approve(MerchantId merchant, @RequestBody ApproveProducts request) {
        long paymentId = Validation.required("PaymentId", request.paymentId());
        if (paymentId < 1) {
            throw Validation.invalid("PaymentId 1 veya daha büyük olmalıdır", "PaymentId must be 1 or greater");
        }
        List<Long> productIds = productIds(request.productIds());
        Approvals.Calculator calculator = switch (Validation.required("Calculator", request.calculator()).strip()) {
            case "Kasa" -> Approvals.Calculator.KASA;
            case "Platform" -> Approvals.Calculator.PLATFORM;
            default -> throw Validation.invalid("Calculator Kasa veya Platform olmalıdır", "Calculator must be Kasa or Platform");
        };
        String description = Validation.optionalText("Description", request.description(), 140);
        return decided(approvals.approve(merchant, new Approvals.Approve(paymentId, productIds, calculator, description, false)));
    }

    @PostMapping("/dashboard/api/marketplace/rejections")
    PhysicalEnvelope reject(MerchantId merchant, @RequestBody RejectProducts request) {
        return decided(approvals.reject(merchant, productIds(request.productIds())));
    }

    /** {@code statusId}: only earnings in that {@link EarningStatus}; absent, all of them. */
    @GetMapping("/dashboard/api/marketplace/earnings")
    PhysicalEnvelope earnings(MerchantId merchant, @RequestParam(required = false) Integer statusId,
                              @RequestParam(required = false) Integer pageIndex,
                              @RequestParam(required = false) Integer pageSize) {
        EarningStatus status = statusId == null ? null : EarningStatus.withId(statusId)
                .orElseThrow(() -> Validation.invalid("statusId geçersiz", "statusId is not a known earning status"));
        return PhysicalEnvelope.success(ledger.earnings(merchant, status, Paging.of(pageIndex, pageSize))
                .map(MarketplaceController::earning));
    }

    /** A refused payout's earning put back in the queue, by the same rules as {@code earning/put/retry/id}. */
    @PostMapping("/dashboard/api/marketplace/earnings/{earningId}/retry")
    PhysicalEnvelope retry(MerchantId merchant, @PathVariable long earningId) {
        changes.retry(merchant, new EarningChanges.OfId(earningId), null);
        return PhysicalEnvelope.success(earning(ledger.earning(merchant, earningId)
                .orElseThrow(() -> new KasaException(KasaError.EARNING_NOT_FOUND))));
    }

    @GetMapping("/dashboard/api/marketplace/payouts")
    PhysicalEnvelope payouts(MerchantId merchant, @RequestParam(required = false) Integer pageIndex,
                             @RequestParam(required = false) Integer pageSize) {
        return PhysicalEnvelope.success(ledger.payouts(merchant, Paging.of(pageIndex, pageSize))
                .map(payout -> new PayoutItem(payout.id(), payout.jobId(), payout.memberId(), payout.memberName(),
                        Lookups.CURRENCIES.get(payout.currencyId()), payout.amount(), payout.status(), payout.attempts(),
                        payout.lastMessage(), payout.createdAt(), payout.updatedAt())));
    }

    private static EarningItem earning(Ledger.Entry entry) {
        return new EarningItem(entry.id(), entry.paymentId(), entry.paymentRequestId(), entry.productId(),
                entry.productName(), entry.memberId(), entry.memberName(), Lookups.CURRENCIES.get(entry.currencyId()),
                entry.amount(), entry.status().id(), entry.status().wireName(), entry.reflectionDate(),
                entry.calculatedAt(), entry.payoutId());
    }

    /** The page names products it listed; the API's rules apply all the same (1–100, each once, each the merchant's). */
    private static List<Long> productIds(List<Long> productIds) {
        if (productIds == null || productIds.isEmpty() || productIds.size() > 100
                || productIds.stream().anyMatch(id -> id == null || id < 1) || productIds.stream().distinct().count() < productIds.size()) {
            throw Validation.invalid("ProductIds 1–100 farklı ürün Id'si olmalıdır", "ProductIds must be 1 to 100 distinct product ids");
        }
        return productIds;
    }

    /** As the API: a decision of no product is refused with ErrorCode 1 and still shows each product's reason. */
    private static PhysicalEnvelope decided(Approvals.Decision decision) {
        DecisionView view = new DecisionView(decision.success(),
                decision.fail().stream().map(f -> new FailView(f.productId(), f.reason())).toList());
        if (decision.success().isEmpty()) {
            throw new KasaException(KasaError.MARKETPLACE_NOTHING_DECIDED).withResult(view);
        }
        return PhysicalEnvelope.success(view);
    }

    @GetMapping("/dashboard/api/marketplace/jobs")
    PhysicalEnvelope jobs(MerchantId merchant, @RequestParam(required = false) Integer pageIndex,
                          @RequestParam(required = false) Integer pageSize) {
        return PhysicalEnvelope.success(jobs.list(merchant, Paging.of(pageIndex, pageSize)).map(MarketplaceController::job));
    }

    /** A payout order by the manual trigger's rules ({@link PayoutJobs.Start#of}, {@link PayoutJobs#start}). */
    @PostMapping("/dashboard/api/marketplace/jobs")
    PhysicalEnvelope start(MerchantId merchant, @RequestBody StartJob request) {
        PayoutJob job = jobs.start(merchant, PayoutJobs.Start.of(request.currencyId(), request.dateFrom(),
                request.dateTo(), request.testMode(), request.skipExistsControl()));
        return PhysicalEnvelope.success(job(job));
    }

    @GetMapping("/dashboard/api/marketplace/jobs/{jobId}")
    PhysicalEnvelope job(MerchantId merchant, @PathVariable UUID jobId) {
        return PhysicalEnvelope.success(job(jobs.get(merchant, jobId)));
    }

    private MemberItem member(Member member) {
        return new MemberItem(member.id(), member.externalId(), member.name(), member.title(), member.isSubMerchant(),
                member.memberType(), member.email(), member.phone(),
                member.bankAccounts().stream().map(account -> Lookups.CURRENCIES.get(account.currencyId())).toList(),
                time.local(member.createdAt()));
    }

    private static JobView job(PayoutJob job) {
        return new JobView(job.id(), job.currencyId(), Lookups.CURRENCIES.get(job.currencyId()), job.dateFrom(),
                job.dateTo(), job.status().name(), job.earning(), job.count(), job.results());
    }
}
