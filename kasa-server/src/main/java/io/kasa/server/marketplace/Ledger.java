package io.kasa.server.marketplace;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import io.kasa.server.shared.web.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A merchant's marketplace money as people read it: every earning with its reflection date,
 * and every payout with the bank's last answer.
 * Read only; the tables belong to {@link Earnings} and {@link Payouts}.
 */
@Component
public class Ledger {

    private final JdbcClient jdbc;
    private final BusinessTime time;

    Ledger(JdbcClient jdbc, BusinessTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /** One earning: whose share of which product, how much, where it is and when it is paid. */
    public record Entry(long id, long paymentId, UUID paymentRequestId, long productId, String productName,
                        Long memberId, String memberName, int currencyId, BigDecimal amount, EarningStatus status,
                        LocalDate reflectionDate, LocalDateTime calculatedAt, UUID payoutId) {
    }

    /** One transfer: to whom (no member: the platform's account), how much, the bank's last answer. */
    public record Transfer(UUID id, UUID jobId, Long memberId, String memberName, int currencyId, BigDecimal amount,
                           String status, int attempts, String lastMessage, LocalDateTime createdAt,
                           LocalDateTime updatedAt) {
    }

    /** Earnings, newest first, optionally only those in one status. */
    public Paging.Page<Entry> earnings(MerchantId merchant, EarningStatus status, Paging paging) {
        String filter = "e.merchant_id = :merchant and (cast(:status as varchar) is null or e.status = :status)";
        String statusName = status == null ? null : status.name();
        long total = jdbc.sql("select count(*) from earning e where " + filter)
                .param("merchant", merchant.value()).param("status", statusName).query(Long.class).single();
        List<Entry> items = jdbc.sql(ENTRIES + filter + " order by e.id desc limit :limit offset :offset")
                .param("merchant", merchant.value()).param("status", statusName)
                .param("limit", paging.size()).param("offset", paging.offset())
                .query(this::entry).list();
        return paging.page(items, total);
    }

    /** One of the merchant's earnings; empty for another merchant's. */
    public Optional<Entry> earning(MerchantId merchant, long earningId) {
        return jdbc.sql(ENTRIES + "e.merchant_id = :merchant and e.id = :id")
                .param("merchant", merchant.value()).param("id", earningId)
                .query(this::entry).optional();
    }

    private static final String ENTRIES = """
            select e.id, mp.paywall_payment_id as payment_number, e.payment_id, mp.paywall_product_id as product_number,
                   mp.name as product_name, e.member_id, m.name as member_name, e.currency_id, e.amount,
                   e.status, e.payable_date, e.created_at, e.payout_id
            from earning e join marketplace_product mp on mp.id = e.product_id
                 left join member m on m.id = e.member_id
            where\s""";

    private Entry entry(ResultSet row, int n) throws SQLException {
        return new Entry(row.getLong("id"), row.getLong("payment_number"), row.getObject("payment_id", UUID.class),
                row.getLong("product_number"), row.getString("product_name"), (Long) row.getObject("member_id"),
                row.getString("member_name"), row.getInt("currency_id"), row.getBigDecimal("amount"),
                EarningStatus.valueOf(row.getString("status")), row.getObject("payable_date", LocalDate.class),
                time.local(SqlTime.read(row, "created_at")), row.getObject("payout_id", UUID.class));
    }

    /** Payouts, newest first, with how many times the bank was asked and what it last said. */
    public Paging.Page<Transfer> payouts(MerchantId merchant, Paging paging) {
        long total = jdbc.sql("select count(*) from payout where merchant_id = :merchant")
                .param("merchant", merchant.value()).query(Long.class).single();
        List<Transfer> items = jdbc.sql("""
                        select o.id, o.job_id, o.member_id, m.name as member_name, o.currency_id, o.amount, o.status,
                               o.created_at, o.updated_at,
                               (select count(*) from payout_attempt a where a.payout_id = o.id) as attempts,
                               (select a.message from payout_attempt a where a.payout_id = o.id
                                order by a.created_at desc limit 1) as last_message
                        from payout o left join member m on m.id = o.member_id
                        where o.merchant_id = :merchant
                        order by o.created_at desc, o.id limit :limit offset :offset""")
                .param("merchant", merchant.value()).param("limit", paging.size()).param("offset", paging.offset())
                .query((row, n) -> new Transfer(row.getObject("id", UUID.class), row.getObject("job_id", UUID.class),
                        (Long) row.getObject("member_id"), row.getString("member_name"), row.getInt("currency_id"),
                        row.getBigDecimal("amount"), row.getString("status"), row.getInt("attempts"),
                        row.getString("last_message"), time.local(SqlTime.read(row, "created_at")),
                        time.local(SqlTime.read(row, "updated_at"))))
                .list();
        return paging.page(items, total);
    }
}
