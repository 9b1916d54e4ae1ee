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

    /** The payments of one period (an hour or a day, from {@code start}) that have ended up alike. */
    public record OutcomeTotal(LocalDateTime start, Outcome outcome, int currencyId, long count, BigDecimal amount) {
    }

    /** The periods {@link #outcomes} groups by: the business time zone's hours or days. */
    public enum Period {
        HOUR("hour", ChronoUnit.HOURS), DAY("day", ChronoUnit.DAYS);

        private final String sqlField;
        private final ChronoUnit unit;

        Period(String sqlField, ChronoUnit unit) {
            this.sqlField = sqlField;
            this.unit = unit;
        }

        /** The start of the period that holds {@code at}. */
        public LocalDateTime start(LocalDateTime at) {
            return at.truncatedTo(unit);
        }

        public LocalDateTime plus(LocalDateTime start, long periods) {
            return start.plus(periods, unit);
        }
    }

    /**
     * The payments created in each period from the one that starts at {@code first} (local
     * time) up to now, by outcome and currency, oldest first; periods without payments have
     * no rows. One grouped read over the merchant's range of {@code payment_merchant_created}.
     */
    public List<OutcomeTotal> outcomes(MerchantId merchant, Period period, LocalDateTime first) {
        List<OutcomeTotal> rows = jdbc.sql("""
                        select date_trunc(:field, created_at at time zone :zone) as start, payment_type_id,
                               payment_status_id, currency_id, count(*) as n, sum(amount) as total
                        from payment
                        where merchant_id = :merchant and created_at >= :since
                        group by 1, 2, 3, 4""")
                .param("field", period.sqlField).param("zone", time.zone().getId())
                .param("merchant", merchant.value())
                .param("since", SqlTime.of(first.atZone(time.zone()).toInstant()))
                .query((row, n) -> new OutcomeTotal(row.getObject("start", LocalDateTime.class),
                        Outcome.of(PaymentType.of(row.getInt("payment_type_id")),
                                PaymentStatus.of(row.getInt("payment_status_id"))),
                        row.getInt("currency_id"), row.getLong("n"), row.getBigDecimal("total")))
                .list();
        java.util.Map<OutcomeKey, OutcomeTotal> merged = new java.util.TreeMap<>();
        for (OutcomeTotal row : rows) {
            merged.merge(new OutcomeKey(row.start(), row.outcome(), row.currencyId()), row, (a, b) -> new OutcomeTotal(
                    a.start(), a.outcome(), a.currencyId(), a.count() + b.count(), a.amount().add(b.amount())));
        }
        return List.copyOf(merged.values());
    }

    private record OutcomeKey(LocalDateTime start, Outcome outcome, int currencyId) implements Comparable<OutcomeKey> {
        @Override
        public int compareTo(OutcomeKey other) {
            return java.util.Comparator.comparing(OutcomeKey::start).thenComparing(OutcomeKey::outcome)
                    .thenComparingInt(OutcomeKey::currencyId).compare(this, other);
        }
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
