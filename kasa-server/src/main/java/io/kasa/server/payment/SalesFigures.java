package io.kasa.server.payment;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Figures of a merchant's sales for its dashboard: a day's payments by current status and
 * currency, and how many payments were created in each minute of a recent period. Days and
 * minutes are those of the business time zone.
 */
@Service
public class SalesFigures {

    private final JdbcClient jdbc;
    private final BusinessTime time;

    SalesFigures(JdbcClient jdbc, BusinessTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    public record StatusTotal(PaymentStatus status, int currencyId, long count, BigDecimal amount) {
    }

    public record MinuteCount(LocalDateTime minute, long count) {
    }

    /** Sales created on the day, grouped by their current status and currency. */
    public List<StatusTotal> day(MerchantId merchant, LocalDate day) {
        Instant from = day.atStartOfDay(time.zone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(time.zone()).toInstant();
        return jdbc.sql("""
                        select payment_status_id, currency_id, count(*) as n, coalesce(sum(amount), 0) as total
                        from payment
                        where merchant_id = :merchant and payment_type_id = :sale and created_at >= :from and created_at < :to
                        group by payment_status_id, currency_id
                        order by payment_status_id, currency_id""")
                .param("sale", PaymentType.SALE.id()).param("merchant", merchant.value())
                .param("from", SqlTime.of(from)).param("to", SqlTime.of(to))
                .query((row, n) -> new StatusTotal(PaymentStatus.of(row.getInt("payment_status_id")),
                        row.getInt("currency_id"), row.getLong("n"), row.getBigDecimal("total")))
                .list();
    }

    /**
     * Sales created in each minute of the last {@code minutes} minutes up to now, oldest
     * first, including the minutes without any.
     */
    public List<MinuteCount> perMinute(MerchantId merchant, int minutes) {
        LocalDateTime last = time.local(time.now()).truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime first = last.minusMinutes(minutes - 1L);
        return jdbc.sql("""
                        with counted as (
                            select date_trunc('minute', created_at at time zone :zone) as minute, count(*) as n
                            from payment
                            where merchant_id = :merchant and payment_type_id = :sale and created_at >= :since
                            group by 1)
                        select m.minute, coalesce(counted.n, 0) as n
                        from generate_series(cast(:first as timestamp), cast(:last as timestamp), interval '1 minute') as m(minute)
                        left join counted on counted.minute = m.minute
                        order by m.minute""")
                .param("first", first).param("last", last).param("zone", time.zone().getId())
                .param("sale", PaymentType.SALE.id()).param("merchant", merchant.value())
                .param("since", SqlTime.of(first.atZone(time.zone()).toInstant()))
                .query((row, n) -> new MinuteCount(row.getObject("minute", LocalDateTime.class), row.getLong("n")))
                .list();
    }
}
