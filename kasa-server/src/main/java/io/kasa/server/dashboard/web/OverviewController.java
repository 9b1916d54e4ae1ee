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
import java.util.List;

/** The overview page: today's sales by status and the sales per minute of the last hours. */
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
