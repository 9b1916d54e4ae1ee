package io.kasa.server.marketplace;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.SqlTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Executes one payout — one transfer through the {@link PayoutProvider} — and records the
 * try together with what it settles. The payout's id is the transfer id, so executing an
 * interrupted payout again never pays twice. Called outside transactions: the bank call is
 * network I/O.
 */
@Component
class Payouts {

    private static final Logger log = LoggerFactory.getLogger(Payouts.class);

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final PayoutProvider provider;
    private final TransactionTemplate transaction;
    private final PayoutMeters meters;

    Payouts(JdbcClient jdbc, BusinessTime time, PayoutProvider provider, PlatformTransactionManager transactions,
            PayoutMeters meters) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.time = time;
        this.provider = provider;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Writes a payout to be executed; the caller's transaction holds the earnings it pays.
     * {@code description} goes to the bank with the transfer (null: none).
     */
    UUID create(UUID merchantId, UUID jobId, Long memberId, int currencyId, BigDecimal amount, String iban,
                String description) {
        UUID id = UUID.randomUUID();
        Instant now = time.now();
        jdbc.sql("""
                        insert into payout (id, merchant_id, job_id, member_id, currency_id, amount, iban, description, status,
                            created_at, updated_at)
                        values (:id, :merchant, :job, :member, :currency, :amount, :iban, :description, 'IN_FLIGHT', :now, :now)""")
                .param("id", id).param("merchant", merchantId).param("job", jobId).param("member", memberId)
                .param("description", description)
                .param("currency", currencyId).param("amount", amount).param("iban", iban).param("now", SqlTime.of(now))
                .update();
        return id;
    }

    /**
     * Sends the payout's transfer, then records the bank's answer and runs {@code settle}
     * with it in one transaction, so that a crash leaves either the payout in flight with its
     * earnings ordered (to be executed again) or both recorded, never a finished payout whose
     * earnings wait for a settlement that no one will make. Returns true when the money moved.
     * The answer is counted ({@link PayoutMeters}) once it is recorded.
     */
    boolean execute(UUID payoutId, Consumer<Boolean> settle) {
        record Payout(UUID jobId, int currencyId, BigDecimal amount, String iban, String description) {
        }
        Payout payout = jdbc.sql("select job_id, currency_id, amount, iban, description from payout where id = :id")
                .param("id", payoutId)
                .query((row, n) -> new Payout(row.getObject("job_id", UUID.class), row.getInt("currency_id"),
                        row.getBigDecimal("amount"), row.getString("iban"), row.getString("description")))
                .single();
        PayoutProvider.Transfer transfer;
        try {
            transfer = provider.transfer(payoutId, payout.iban(), payout.description(), payout.currencyId(), payout.amount());
        } catch (RuntimeException e) {
            log.warn("Payout {} failed in the provider", payoutId, e);
            transfer = new PayoutProvider.Transfer(false, "the payout provider failed: " + e.getClass().getSimpleName());
        }
        boolean succeeded = transfer.succeeded();
        String message = clip(transfer.message());
        Instant now = time.now();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into payout_attempt (id, payout_id, job_id, succeeded, message, created_at)
                            values (:id, :payout, :job, :succeeded, :message, :now)""")
                    .param("id", UUID.randomUUID()).param("payout", payoutId).param("job", payout.jobId())
                    .param("succeeded", succeeded).param("message", message)
                    .param("now", SqlTime.of(now))
                    .update();
            jdbc.sql("update payout set status = :status, updated_at = :now where id = :id")
                    .param("status", succeeded ? "SUCCEEDED" : "FAILED").param("now", SqlTime.of(now))
                    .param("id", payoutId)
                    .update();
            settle.accept(succeeded);
        });
        meters.recorded(payout.jobId() != null, succeeded, payout.currencyId(), payout.amount());
        return succeeded;
    }

    private static String clip(String message) {
        String text = message == null ? "" : message;
        return text.length() > 255 ? text.substring(0, 255) : text;
    }
}
