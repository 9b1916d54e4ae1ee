package io.kasa.server.marketplace;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.Validation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Paywall's rules for a reflection (payable) date a merchant chooses, in the business time
 * zone: a weekday (361), not before today and at most {@link #MAX_DAYS_AHEAD} days ahead
 * (363), and today only before the {@link #CUT_OFF} (364), since the day's payouts leave then.
 */
public final class ReflectionDates {

    public static final LocalTime CUT_OFF = LocalTime.of(16, 0);
    public static final int MAX_DAYS_AHEAD = 365;

    private ReflectionDates() {
    }

    /** The date a request names in {@code field}: required (1001), a date written yyyy-MM-dd (363). */
    public static LocalDate parse(String field, String value) {
        Validation.required(field, value);
        try {
            return Validation.day(field, value);
        } catch (KasaException notADay) {
            throw new KasaException(KasaError.REFLECTION_DATE_INVALID, new LocalizedText(
                    field + " yyyy-MM-dd biçiminde geçerli bir tarih olmalıdır",
                    field + " must be a valid date written yyyy-MM-dd"));
        }
    }

    /** Refuses a date the rules forbid at {@code time}'s now. */
    static void check(BusinessTime time, LocalDate date) {
        LocalDateTime now = time.local(time.now());
        LocalDate today = now.toLocalDate();
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            throw new KasaException(KasaError.REFLECTION_DATE_WEEKEND);
        }
        if (date.isBefore(today) || date.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw new KasaException(KasaError.REFLECTION_DATE_INVALID);
        }
        if (date.equals(today) && !now.toLocalTime().isBefore(CUT_OFF)) {
            throw new KasaException(KasaError.REFLECTION_DATE_AFTER_CUT_OFF);
        }
    }

    /** {@code days} after {@code date}, moved past a weekend to Monday. */
    static LocalDate postponed(LocalDate date, int days) {
        LocalDate later = date.plusDays(days);
        while (later.getDayOfWeek() == DayOfWeek.SATURDAY || later.getDayOfWeek() == DayOfWeek.SUNDAY) {
            later = later.plusDays(1);
        }
        return later;
    }
}
