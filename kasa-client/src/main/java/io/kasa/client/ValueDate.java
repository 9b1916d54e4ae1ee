package io.kasa.client;

import java.math.BigDecimal;

/**
 * A member's value date and commission, {@code {CalculationType, CalculationValue, Commission}}:
 * earnings become payable {@code calculationValue} days after the earning date (type 1,
 * 1–100), on the next such weekday (type 2, 1–7, 1 = Monday) or on the next such day of a
 * month (type 3, 1–28); a Saturday or Sunday moves to Monday. {@code commission} is the
 * platform's percentage (0–100, at most 2 fraction digits). The server checks the ranges.
 */
public record ValueDate(int calculationType, int calculationValue, BigDecimal commission) {

    /** Payable {@code days} (1–100) after the earning date. */
    public static ValueDate plusDays(int days, BigDecimal commission) {
        return new ValueDate(1, days, commission);
    }

    /** Payable on the next {@code isoWeekday} (1 = Monday … 7 = Sunday) after the earning date. */
    public static ValueDate dayOfWeek(int isoWeekday, BigDecimal commission) {
        return new ValueDate(2, isoWeekday, commission);
    }

    /** Payable on the next {@code dayOfMonth} (1–28) after the earning date. */
    public static ValueDate dayOfMonth(int dayOfMonth, BigDecimal commission) {
        return new ValueDate(3, dayOfMonth, commission);
    }
}
