package io.kasa.server.marketplace;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.SqlTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The built-in payout provider: a bank that keeps its ledger in Kasa's database and can be
 * told to fail — for given accounts, or at a rate — so that failed payouts and restarts can
 * be exercised. A refused transfer moves nothing and leaves no trace in the ledger. An account
 * that fails once refuses the first transfer to it after the start and accepts the later ones
 * (a restarted order's same transfer, a retried payout's new one), as a bank that was briefly
 * unable to credit the account would, so a restart or a retry can be shown succeeding.
 */
@Component
public class SimulatedBank implements PayoutProvider {

    private final JdbcClient jdbc;
    private final BusinessTime time;
    private final Set<String> failingAccounts = ConcurrentHashMap.newKeySet();
    private final Set<String> failingOnce = ConcurrentHashMap.newKeySet();
    private final RandomGenerator random = RandomGenerator.getDefault();
    private volatile double failureRate;

    SimulatedBank(JdbcClient jdbc, BusinessTime time, @Value("${kasa.payout.simulated.failure-rate:0}") double failureRate,
                  @Value("${kasa.payout.simulated.failing-accounts:}") Set<String> failingAccounts,
                  @Value("${kasa.payout.simulated.failing-once-accounts:}") Set<String> failingOnce) {
        this.jdbc = jdbc;
        this.time = time;
        this.failureRate = failureRate;
        failingAccounts.stream().filter(iban -> !iban.isBlank()).forEach(this.failingAccounts::add);
        failingOnce.stream().filter(iban -> !iban.isBlank()).forEach(this.failingOnce::add);
    }

    @Override
    public Transfer transfer(UUID transferId, String iban, String description, int currencyId, BigDecimal amount) {
        boolean done = jdbc.sql("select count(*) from simulated_bank_transfer where id = :id").param("id", transferId)
                .query(Long.class).single() > 0;
        if (done) {
            return new Transfer(true, "already executed");
        }
        if (iban == null || iban.isBlank()) {
            return new Transfer(false, "no bank account");
        }
        if (failingAccounts.contains(iban) || failingOnce.remove(iban)) {
            return new Transfer(false, "the bank refused the transfer to " + iban);
        }
        if (failureRate > 0 && random.nextDouble() < failureRate) {
            return new Transfer(false, "the bank is unavailable");
        }
        jdbc.sql("""
                        insert into simulated_bank_transfer (id, iban, currency_id, amount, description, created_at)
                        values (:id, :iban, :currency, :amount, :description, :now) on conflict (id) do nothing""")
                .param("id", transferId).param("iban", iban).param("currency", currencyId).param("amount", amount)
                .param("description", description)
                .param("now", SqlTime.of(time.now()))
                .update();
        return new Transfer(true, "");
    }

    public void failAccount(String iban) {
        failingAccounts.add(iban);
    }

    public void healAccount(String iban) {
        failingAccounts.remove(iban);
    }

    /** Every transfer fails with this probability (0 to 1). */
    public void failureRate(double rate) {
        this.failureRate = rate;
    }

    /** The descriptions of the transfers to this account, oldest first (null for a transfer without one). */
    public List<String> descriptions(String iban) {
        return jdbc.sql("select description from simulated_bank_transfer where iban = :iban order by created_at, id")
                .param("iban", iban).query((row, n) -> row.getString("description")).list();
    }

    /** What the bank has moved to this account in this currency. */
    public BigDecimal received(String iban, int currencyId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from simulated_bank_transfer where iban = :iban and currency_id = :currency")
                .param("iban", iban).param("currency", currencyId).query(BigDecimal.class).single();
    }
}
