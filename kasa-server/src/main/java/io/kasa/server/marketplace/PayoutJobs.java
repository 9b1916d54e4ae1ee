package io.kasa.server.marketplace;

import io.kasa.server.payment.Lookups;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.DatabaseOutage;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.Paging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The manual trigger (seed 004): payout orders ("jobs") for the platform earnings waiting in
 * the pool. A job takes the pool's earnings of one currency whose earning date is in its
 * range — each earning at most once, ever — and sends one transfer of the total to the
 * platform's account. Jobs move Created → Running → Succeeded | Failed; a failed job can be
 * restarted. "Today" is the business time zone's today.
 */
@Service
public class PayoutJobs {

    static final int MAX_RANGE_DAYS = 40;
    private static final Logger log = LoggerFactory.getLogger(PayoutJobs.class);

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final MarketplaceSettingsStore settings;
    private final Payouts payouts;
    private final Duration stalledAfter;
    private final TransactionTemplate transaction;
    private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();
    private final DatabaseOutage outage;

    PayoutJobs(JdbcClient jdbc, BusinessTime time, MarketplaceSettingsStore settings, Payouts payouts,
               PayoutSettings payoutSettings, PlatformTransactionManager transactions, DatabaseOutage outage) {
        this.jdbc = jdbc;
        this.time = time;
        this.settings = settings;
        this.payouts = payouts;
        this.stalledAfter = payoutSettings.stalledAfter();
        this.transaction = new TransactionTemplate(transactions);
        this.outage = outage;
    }

    public record Pending(LocalDate dateFrom, LocalDate dateTo, BigDecimal earning, long count) {
    }

    /**
     * A payout order to start. {@link #of} reads it as the API and the dashboard both take it,
     * so the two refuse a missing or unknown {@code CurrencyId} and a missing or malformed
     * {@code DateFrom}/{@code DateTo} with the same messages; {@link #start} then applies the
     * rules that need the merchant's state.
     */
    public record Start(int currencyId, LocalDate dateFrom, LocalDate dateTo, boolean testMode, boolean skipExistsControl) {
        public Start {
            knownCurrency("CurrencyId", currencyId);
            Validation.required("DateFrom", dateFrom);
            Validation.required("DateTo", dateTo);
        }

        /** The request's fields as sent; absent flags are false. */
        public static Start of(Integer currencyId, String dateFrom, String dateTo, Boolean testMode,
                               Boolean skipExistsControl) {
            return new Start(knownCurrency("CurrencyId", Validation.required("CurrencyId", currencyId)),
                    Validation.required("DateFrom", Validation.day("DateFrom", dateFrom)),
                    Validation.required("DateTo", Validation.day("DateTo", dateTo)),
                    Boolean.TRUE.equals(testMode), Boolean.TRUE.equals(skipExistsControl));
        }
    }

    /** The currency id if it names a currency; refused naming {@code field} otherwise. */
    public static int knownCurrency(String field, int currencyId) {
        if (!Lookups.CURRENCIES.containsKey(currencyId)) {
            throw Validation.invalid(field + " geçerli bir para birimi değil", field + " is not a known currency");
        }
        return currencyId;
    }

    /** The pooled platform earnings of the currency whose earning date is in the range. */
    public Pending pending(MerchantId merchant, int currencyId, LocalDate from, LocalDate to) {
        checkRange(from, to);
        return jdbc.sql("""
                        select coalesce(sum(amount), 0) as total, count(*) as n from earning
                        where merchant_id = :merchant and currency_id = :currency and status = 'POOLED'
                          and earning_date between :from and :to""")
                .param("merchant", merchant.value()).param("currency", currencyId).param("from", from).param("to", to)
                .query((row, n) -> new Pending(from, to, row.getBigDecimal("total"), row.getLong("n")))
                .single();
    }

    /**
     * Orders a payout of the range. Refused when manual trigger is off (551), when a job of
     * the currency is still running (550), when the range reaches today without TestMode
     * (553), and when a succeeded job covers any of its dates without SkipExistsControl.
     * Concurrent starts of one merchant are serialised, so overlapping ones create one job.
     */
    public PayoutJob start(MerchantId merchant, Start command) {
        checkRange(command.dateFrom(), command.dateTo());
        LocalDate today = time.local(time.now()).toLocalDate();
        if (!command.testMode() && !command.dateTo().isBefore(today)) {
            throw new KasaException(KasaError.MARKETPLACE_RANGE_INCLUDES_TODAY);
        }
        UUID jobId = transaction.execute(status -> create(merchant, command));
        launch(jobId);
        return get(merchant, jobId);
    }

    private UUID create(MerchantId merchant, Start command) {
        MarketplaceSettings marketplace = settings.lock(merchant);
        if (!marketplace.manualTrigger()) {
            throw new KasaException(KasaError.MARKETPLACE_MANUAL_TRIGGER_NOT_ENABLED);
        }
        if (marketplace.platformIban() == null) {
            throw new KasaException(KasaError.MARKETPLACE_NEEDS_PLATFORM_ACCOUNT);
        }
        boolean open = jdbc.sql("""
                        select count(*) from payout_job
                        where merchant_id = :merchant and currency_id = :currency and status in ('CREATED', 'RUNNING')""")
                .param("merchant", merchant.value()).param("currency", command.currencyId()).query(Long.class).single() > 0;
        if (open) {
            throw new KasaException(KasaError.MARKETPLACE_MANUAL_TRIGGER_LIMIT);
        }
        if (!command.skipExistsControl()) {
            boolean covered = jdbc.sql("""
                            select count(*) from payout_job
                            where merchant_id = :merchant and currency_id = :currency and status = 'SUCCEEDED'
                              and date_from <= :to and date_to >= :from""")
                    .param("merchant", merchant.value()).param("currency", command.currencyId())
                    .param("from", command.dateFrom()).param("to", command.dateTo()).query(Long.class).single() > 0;
            if (covered) {
                throw new KasaException(KasaError.MARKETPLACE_RANGE_ALREADY_PAID);
            }
        }
        UUID jobId = UUID.randomUUID();
        Instant now = time.now();
        jdbc.sql("""
                        insert into payout_job (id, merchant_id, currency_id, date_from, date_to, status, earning, earning_count,
                            test_mode, skip_exists_control, created_at, updated_at)
                        values (:id, :merchant, :currency, :from, :to, 'CREATED', 0, 0, :test, :skip, :now, :now)""")
                .param("id", jobId).param("merchant", merchant.value()).param("currency", command.currencyId())
                .param("from", command.dateFrom()).param("to", command.dateTo()).param("test", command.testMode())
                .param("skip", command.skipExistsControl()).param("now", SqlTime.of(now))
                .update();
        record Taken(BigDecimal total, int count) {
        }
        Taken taken = jdbc.sql("""
                        with taken as (
                            update earning set status = 'ORDERED', job_id = :job, updated_at = :now
                            where id in (select id from earning
                                         where merchant_id = :merchant and currency_id = :currency and status = 'POOLED'
                                           and earning_date between :from and :to
                                         for update)
                            returning amount)
                        select coalesce(sum(amount), 0) as total, count(*) as n from taken""")
                .param("job", jobId).param("now", SqlTime.of(now)).param("merchant", merchant.value())
                .param("currency", command.currencyId()).param("from", command.dateFrom()).param("to", command.dateTo())
                .query((row, n) -> new Taken(row.getBigDecimal("total"), row.getInt("n")))
                .single();
        jdbc.sql("update payout_job set earning = :total, earning_count = :count where id = :id")
                .param("total", taken.total()).param("count", taken.count()).param("id", jobId).update();
        if (taken.count() > 0) {
            // One transfer of the pool to the platform's own account: the approvals' descriptions
            // belong to single sales, so the order's transfer carries none.
            payouts.create(merchant.value(), jobId, null, command.currencyId(), taken.total(), marketplace.platformIban(), null);
        }
        return jobId;
    }

    /** Runs a failed job again: the same earnings, the same transfer. */
    public PayoutJob restart(MerchantId merchant, UUID jobId) {
        PayoutJob job = get(merchant, jobId);
        if (job.status() != PayoutJob.Status.FAILED) {
            throw new KasaException(KasaError.MARKETPLACE_JOB_NOT_FAILED);
        }
        launch(jobId);
        return get(merchant, jobId);
    }

    /** The merchant's payout orders, newest first, without their tries. */
    public Paging.Page<PayoutJob> list(MerchantId merchant, Paging paging) {
        long total = jdbc.sql("select count(*) from payout_job where merchant_id = :merchant")
                .param("merchant", merchant.value()).query(Long.class).single();
        List<PayoutJob> items = jdbc.sql("""
                        select * from payout_job where merchant_id = :merchant
                        order by created_at desc, id limit :limit offset :offset""")
                .param("merchant", merchant.value()).param("limit", paging.size()).param("offset", paging.offset())
                .query((row, n) -> new PayoutJob(row.getObject("id", UUID.class), row.getInt("currency_id"),
                        row.getObject("date_from", LocalDate.class), row.getObject("date_to", LocalDate.class),
                        PayoutJob.Status.valueOf(row.getString("status")), row.getBigDecimal("earning"),
                        row.getInt("earning_count"), List.of()))
                .list();
        return paging.page(items, total);
    }

    public PayoutJob get(MerchantId merchant, UUID jobId) {
        PayoutJob job = jdbc.sql("select * from payout_job where id = :id and merchant_id = :merchant")
                .param("id", jobId).param("merchant", merchant.value())
                .query((row, n) -> new PayoutJob(row.getObject("id", UUID.class), row.getInt("currency_id"),
                        row.getObject("date_from", LocalDate.class), row.getObject("date_to", LocalDate.class),
                        PayoutJob.Status.valueOf(row.getString("status")), row.getBigDecimal("earning"),
                        row.getInt("earning_count"), List.of()))
                .optional()
                .orElseThrow(() -> new KasaException(KasaError.MARKETPLACE_JOB_NOT_FOUND));
        List<PayoutJob.Result> results = jdbc.sql("select succeeded, message from payout_attempt where job_id = :id order by created_at, id")
                .param("id", jobId)
                .query((row, n) -> new PayoutJob.Result(row.getBoolean("succeeded"), row.getString("message")))
                .list();
        return new PayoutJob(job.id(), job.currencyId(), job.dateFrom(), job.dateTo(), job.status(), job.earning(),
                job.count(), results);
    }

    private void launch(UUID jobId) {
        runner.submit(() -> {
            try {
                run(jobId);
            } catch (RuntimeException e) {
                if (!outage.absorbs("payout job " + jobId, e)) {
                    log.warn("Payout job {} could not run; it is retried when found stalled", jobId, e);
                }
            }
        });
    }

    /**
     * Created or failed → running → succeeded (earnings paid) or failed (earnings stay ordered
     * for a restart). The job's outcome is recorded in the transaction that records the bank's
     * answer, so a crash leaves it running, to be picked up again once stalled.
     */
    void run(UUID jobId) {
        Instant now = time.now();
        int claimed = jdbc.sql("""
                        update payout_job set status = 'RUNNING', updated_at = :now
                        where id = :id and (status in ('CREATED', 'FAILED') or (status = 'RUNNING' and updated_at < :stalled))""")
                .param("now", SqlTime.of(now)).param("id", jobId).param("stalled", SqlTime.of(now.minus(stalledAfter)))
                .update();
        if (claimed == 0) {
            return;
        }
        UUID payoutId = jdbc.sql("select id from payout where job_id = :job").param("job", jobId).query(UUID.class)
                .optional().orElse(null);
        if (payoutId == null) {
            transaction.executeWithoutResult(status -> finish(jobId, null, true));
        } else {
            payouts.execute(payoutId, paid -> finish(jobId, payoutId, paid));
        }
    }

    private void finish(UUID jobId, UUID payoutId, boolean paid) {
        Instant at = time.now();
        jdbc.sql("update payout_job set status = :status, updated_at = :at where id = :id")
                .param("status", paid ? "SUCCEEDED" : "FAILED").param("at", SqlTime.of(at)).param("id", jobId).update();
        if (paid) {
            jdbc.sql("update earning set status = 'PAID', payout_id = :payout, updated_at = :at where job_id = :job and status = 'ORDERED'")
                    .param("payout", payoutId).param("at", SqlTime.of(at)).param("job", jobId).update();
        }
    }

    /**
     * Picks up jobs a crashed or stopped node left running, or that the database going away
     * interrupted; while it cannot be reached a round does nothing.
     */
    @Scheduled(fixedDelayString = "${kasa.marketplace.recovery-interval:60s}")
    void recoverStalled() {
        outage.run("payout job recovery", this::recoverStalledRound);
    }

    private void recoverStalledRound() {
        List<UUID> stalled = jdbc.sql("select id from payout_job where status in ('CREATED', 'RUNNING') and updated_at < :before")
                .param("before", SqlTime.of(time.now().minus(stalledAfter))).query(UUID.class).list();
        stalled.forEach(this::run);
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        Validation.required("DateFrom", from);
        Validation.required("DateTo", to);
        if (from.isAfter(to)) {
            throw Validation.invalid("DateFrom DateTo'dan sonra olamaz", "DateFrom must not be after DateTo");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
            throw Validation.invalid("Tarih aralığı en fazla " + MAX_RANGE_DAYS + " gün olabilir",
                    "The date range may cover at most " + MAX_RANGE_DAYS + " days");
        }
    }
}
