package io.kasa.server.dashboard.web;

import io.kasa.server.payment.Lookups;
import io.kasa.server.payment.SalesFigures;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.PhysicalEnvelope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The overview page: today's sales by status, the sales per minute of the last hours, and the
 * payments of the last 24 hours and 30 days by outcome.
 */
@RestController
class OverviewController {

    private final SalesFigures figures;
    private final BusinessTime time;

    OverviewController(SalesFigures figures, BusinessTime time) {
        this.figures = figures;
        this.time = time;
    }

    record Overview(LocalDate date, List<StatusTotal> byStatus, List<MinuteCount> perMinute) {
    }

    record StatusTotal(int paymentStatusId, String paymentStatus, int currencyId, String currency, long count,
                       BigDecimal amount) {
    }

    record MinuteCount(LocalDateTime minute, long count) {
    }

    record Outcomes(List<Period> hours, List<Period> days) {
    }

    /** One hour or day (from {@code start}, local time) and its payments by outcome and currency; empty when none. */
    record Period(LocalDateTime start, List<OutcomeTotal> outcomes) {
    }

    record OutcomeTotal(String outcome, int currencyId, String currency, long count, BigDecimal amount) {
    }

    static final int HOURS = 24;
    static final int DAYS = 30;

    @GetMapping("/dashboard/api/overview/outcomes")
    PhysicalEnvelope outcomes(MerchantId merchant) {
        return PhysicalEnvelope.success(new Outcomes(periods(merchant, SalesFigures.Period.HOUR, HOURS),
                periods(merchant, SalesFigures.Period.DAY, DAYS)));
    }

    /** Every one of the last {@code count} periods, oldest first, the empty ones included. */
    private List<Period> periods(MerchantId merchant, SalesFigures.Period period, int count) {
        LocalDateTime last = period.start(time.local(time.now()));
        LocalDateTime first = period.plus(last, 1L - count);
        Map<LocalDateTime, List<OutcomeTotal>> byStart = new HashMap<>();
        for (SalesFigures.OutcomeTotal total : figures.outcomes(merchant, period, first)) {
            byStart.computeIfAbsent(total.start(), start -> new ArrayList<>()).add(new OutcomeTotal(
                    total.outcome().wireName(), total.currencyId(), Lookups.CURRENCIES.get(total.currencyId()),
                    total.count(), total.amount()));
        }
        List<Period> periods = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LocalDateTime start = period.plus(first, i);
            periods.add(new Period(start, byStart.getOrDefault(start, List.of())));
        }
        return periods;
    }

    @GetMapping("/dashboard/api/overview")
    PhysicalEnvelope overview(MerchantId merchant, @RequestParam(required = false) Integer hours) {
        int span = hours == null ? 3 : hours;
        Validation.between("hours", span, 1, 24);
        LocalDate today = time.local(time.now()).toLocalDate();
        List<StatusTotal> totals = figures.day(merchant, today).stream()
                .map(total -> new StatusTotal(total.status().id(), total.status().wireName(), total.currencyId(),
                        Lookups.CURRENCIES.get(total.currencyId()), total.count(), total.amount()))
                .toList();
        List<MinuteCount> minutes = figures.perMinute(merchant, span * 60).stream()
                .map(minute -> new MinuteCount(minute.minute(), minute.count()))
                .toList();
        return PhysicalEnvelope.success(new Overview(today, totals, minutes));
    }
}
