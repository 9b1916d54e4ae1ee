package io.kasa.server.marketplace;

import io.kasa.server.member.BankAccount;
import io.kasa.server.member.Members;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.DatabaseOutage;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Pays member earnings, and platform earnings that are not pooled, on their payable date:
 * one transfer per merchant, payee, currency and transfer description (the one their
 * approval asked for, or none), less the member's open debts it nets ({@link Debts#net}).
 * Scheduled earnings and those a merchant put back in the queue (RETRY) are paid alike; a
 * transfer the bank refuses leaves its earnings FAILED, paid again only after an explicit
 * retry ({@link EarningChanges#retry}), and its debts open. Earnings are claimed with
 * {@code for update skip locked} into a payout before the transfer, so each is paid by one
 * run on one node, however many nodes run this; a payout interrupted by a stopped node is
 * claimed by one node and executed again with the same transfer id, which the bank executes
 * at most once.
 */
@Component
public class AutomaticPayouts {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final Members members;
    private final MarketplaceSettingsStore settings;
    private final Payouts payouts;
    private final Duration stalledAfter;
    private final TransactionTemplate transaction;
    private final DatabaseOutage outage;
    private final Debts debts;

    AutomaticPayouts(JdbcClient jdbc, BusinessTime time, Members members, MarketplaceSettingsStore settings,
                     Payouts payouts, PayoutSettings payoutSettings, PlatformTransactionManager transactions,
                     DatabaseOutage outage, Debts debts) {
        this.debts = debts;
        this.jdbc = jdbc;
        this.time = time;
        this.members = members;
        this.settings = settings;
        this.payouts = payouts;
        this.stalledAfter = payoutSettings.stalledAfter();
        this.transaction = new TransactionTemplate(transactions);
        this.outage = outage;
    }

    private record Payee(UUID merchantId, Long memberId, int currencyId, String description) {
    }

    /**
     * Every payout interval; while the database cannot be reached a run does nothing, and a
     * payout it interrupted is finished by a later run (see {@link #run()}).
     */
    @Scheduled(fixedDelayString = "${kasa.marketplace.payout-interval:60s}")
    void scheduled() {
        outage.run("automatic payouts", this::run);
    }

    /** One run: finish interrupted payouts, then pay everything due today or earlier. */
    public void run() {
        finishInterrupted();
        LocalDate today = time.local(time.now()).toLocalDate();
        List<Payee> payees = jdbc.sql("""
                        select distinct merchant_id, member_id, currency_id, payout_description from earning
                        where status = any(:due) and payable_date <= :today""")
                .param("today", today).param("due", EarningStatus.names(EarningStatus.DUE_FOR_AUTOMATIC_RUN))
                .query((row, n) -> new Payee(row.getObject("merchant_id", UUID.class), (Long) row.getObject("member_id"),
                        row.getInt("currency_id"), row.getString("payout_description")))
                .list();
        for (Payee payee : payees) {
            UUID payoutId = transaction.execute(status -> claim(payee, today));
            if (payoutId != null) {
                payouts.execute(payoutId, paid -> settle(payoutId, paid));
            }
        }
    }

    private UUID claim(Payee payee, LocalDate today) {
        List<Long> due = jdbc.sql("""
                        select id from earning
                        where merchant_id = :merchant and member_id is not distinct from :member and currency_id = :currency
                          and payout_description is not distinct from :description
                          and status = any(:due) and payable_date <= :today
                        for update skip locked""")
                .param("due", EarningStatus.names(EarningStatus.DUE_FOR_AUTOMATIC_RUN))
                .param("merchant", payee.merchantId()).param("member", payee.memberId())
                .param("description", payee.description())
                .param("currency", payee.currencyId()).param("today", today)
                .query(Long.class).list();
        if (due.isEmpty()) {
            return null;
        }
        BigDecimal total = jdbc.sql("select sum(amount) from earning where id = any(:ids)")
                .param("ids", due.toArray(Long[]::new)).query(BigDecimal.class).single();
        Debts.Netting netting = debts.net(payee.merchantId(), payee.memberId(), payee.currencyId(), total);
        UUID payoutId = payouts.create(payee.merchantId(), null, payee.memberId(), payee.currencyId(),
                total.subtract(netting.amount()), iban(payee), payee.description());
        debts.attach(netting, payoutId);
        jdbc.sql("update earning set status = 'ORDERED', payout_id = :payout, updated_at = :now where id = any(:ids)")
                .param("payout", payoutId).param("now", SqlTime.of(time.now())).param("ids", due.toArray(Long[]::new))
                .update();
        return payoutId;
    }

    private String iban(Payee payee) {
        MerchantId merchant = new MerchantId(payee.merchantId());
        if (payee.memberId() == null) {
            return settings.get(merchant).platformIban();
        }
        return members.find(merchant, payee.memberId())
                .flatMap(member -> member.bankAccounts().stream()
                        .filter(account -> account.currencyId() == payee.currencyId())
                        .map(BankAccount::iban)
                        .findFirst())
                .orElse(null);
    }

    /**
     * Paid: the earnings are paid. Refused: they are FAILED and keep the refused payout's id
     * (their transaction id in the reports) until a retry puts them back in the queue. Runs in
     * the transaction recording the payout.
     */
    private void settle(UUID payoutId, boolean paid) {
        jdbc.sql("""
                        update earning set status = :status, updated_at = :now
                        where payout_id = :payout and status = 'ORDERED'""")
                .param("status", paid ? EarningStatus.PAID.name() : EarningStatus.FAILED.name())
                .param("now", SqlTime.of(time.now()))
                .param("payout", payoutId)
                .update();
        debts.settle(payoutId, paid);
    }

    /**
     * Payouts of earlier runs that never recorded the bank's answer are executed again. Each
     * is claimed first (its {@code updated_at} moved to now), so that one node executes it.
     */
    private void finishInterrupted() {
        Instant now = time.now();
        List<UUID> interrupted = jdbc.sql("""
                        update payout set updated_at = :now
                        where id in (select id from payout
                                     where job_id is null and status = 'IN_FLIGHT' and updated_at < :before
                                     for update skip locked)
                        returning id""")
                .param("now", SqlTime.of(now)).param("before", SqlTime.of(now.minus(stalledAfter)))
                .query(UUID.class).list();
        for (UUID payoutId : interrupted) {
            payouts.execute(payoutId, paid -> settle(payoutId, paid));
        }
    }
}
