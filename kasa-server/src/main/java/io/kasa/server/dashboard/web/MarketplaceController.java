package io.kasa.server.dashboard.web;

import io.kasa.server.marketplace.Debts;
import io.kasa.server.marketplace.MarketplaceSettings;
import io.kasa.server.marketplace.MarketplaceSettingsStore;
import io.kasa.server.marketplace.PayoutJob;
import io.kasa.server.marketplace.PayoutJobs;
import io.kasa.server.member.Member;
import io.kasa.server.member.Members;
import io.kasa.server.payment.Lookups;
import io.kasa.server.shared.BusinessTime;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The marketplace page: settings, members, the pool of platform earnings, payout orders and the members' debts. */
@RestController
class MarketplaceController {

    private final MarketplaceSettingsStore settings;
    private final Members members;
    private final PayoutJobs jobs;
    private final BusinessTime time;
    private final Debts debts;

    MarketplaceController(MarketplaceSettingsStore settings, Members members, PayoutJobs jobs, BusinessTime time, Debts debts) {
        this.debts = debts;
        this.settings = settings;
        this.members = members;
        this.jobs = jobs;
        this.time = time;
    }

    record SettingsView(boolean marketplaceEnabled, boolean manualTrigger, boolean hasPlatformAccount,
                        String platformAccountTitle) {
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
        Map<Long, String> names = new HashMap<>();
        return PhysicalEnvelope.success(debts.list(merchant, Paging.of(pageIndex, pageSize)).map(debt -> new DebtItem(
                debt.id(), debt.type().id(), debt.type().wireName(), debt.memberId(),
                names.computeIfAbsent(debt.memberId(), id -> members.find(merchant, id).map(Member::name).orElse(null)),
                Lookups.CURRENCIES.get(debt.currencyId()), debt.paymentId(), debt.productId(), debt.amount(),
                debt.status().wireName(), debt.payoutId(), time.local(debt.createdAt()))));
    }

    @GetMapping("/dashboard/api/marketplace/settings")
    PhysicalEnvelope settings(MerchantId merchant) {
        MarketplaceSettings current = settings.get(merchant);
        return PhysicalEnvelope.success(new SettingsView(current.marketplaceEnabled(), current.manualTrigger(),
                current.platformIban() != null, current.platformTitle()));
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
        currency(currencyId);
        PayoutJobs.Pending pending = jobs.pending(merchant, currencyId,
                Validation.required("dateFrom", Validation.day("dateFrom", dateFrom)),
                Validation.required("dateTo", Validation.day("dateTo", dateTo)));
        return PhysicalEnvelope.success(new PendingView(currencyId, Lookups.CURRENCIES.get(currencyId),
                pending.dateFrom(), pending.dateTo(), pending.earning(), pending.count()));
    }

    @GetMapping("/dashboard/api/marketplace/jobs")
    PhysicalEnvelope jobs(MerchantId merchant, @RequestParam(required = false) Integer pageIndex,
                          @RequestParam(required = false) Integer pageSize) {
        return PhysicalEnvelope.success(jobs.list(merchant, Paging.of(pageIndex, pageSize)).map(MarketplaceController::job));
    }

    @PostMapping("/dashboard/api/marketplace/jobs")
    PhysicalEnvelope start(MerchantId merchant, @RequestBody StartJob request) {
        int currencyId = Validation.required("CurrencyId", request.currencyId());
        currency(currencyId);
        PayoutJob job = jobs.start(merchant, new PayoutJobs.Start(currencyId,
                Validation.required("DateFrom", Validation.day("DateFrom", request.dateFrom())),
                Validation.required("DateTo", Validation.day("DateTo", request.dateTo())),
                Boolean.TRUE.equals(request.testMode()), Boolean.TRUE.equals(request.skipExistsControl())));
        return PhysicalEnvelope.success(job(job));
    }

    @GetMapping("/dashboard/api/marketplace/jobs/{jobId}")
    PhysicalEnvelope job(MerchantId merchant, @PathVariable UUID jobId) {
        return PhysicalEnvelope.success(job(jobs.get(merchant, jobId)));
    }

    private static void currency(int currencyId) {
        if (!Lookups.CURRENCIES.containsKey(currencyId)) {
            throw Validation.invalid("CurrencyId geçersiz", "CurrencyId is not a known currency");
        }
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
