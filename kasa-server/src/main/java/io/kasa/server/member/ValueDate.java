package io.kasa.server.member;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * When a member's earnings become payable, and the platform's commission on them.
 *
 * <ul>
 *   <li>{@code calculationType} 1 (plus days): {@code calculationValue} days after the
 *       earning date, 1–100;</li>
 *   <li>2 (day of week): the next such ISO weekday strictly after the earning date, 1–7,
 *       1 = Monday;</li>
 *   <li>3 (day of month): the next such day of a month strictly after the earning date,
 *       1–28, so that every month has it.</li>
 * </ul>
 * {@code commission} is the platform's percentage of each sale, 0–100 with at most two
 * fraction digits, kept at scale 2.
 */
public record ValueDate(int calculationType, int calculationValue, BigDecimal commission) {

    public static final int PLUS_DAYS = 1;
    public static final int DAY_OF_WEEK = 2;
    public static final int DAY_OF_MONTH = 3;
    public static final BigDecimal MAX_COMMISSION = new BigDecimal("100");

    public ValueDate {
        if (calculationType < PLUS_DAYS || calculationType > DAY_OF_MONTH) {
            throw new IllegalArgumentException("calculationType must be 1, 2 or 3: " + calculationType);
        }
        int max = maxValue(calculationType);
        if (calculationValue < 1 || calculationValue > max) {
            throw new IllegalArgumentException("calculationValue must be between 1 and " + max
                    + " for calculationType " + calculationType + ": " + calculationValue);
        }
        Objects.requireNonNull(commission, "commission");
        if (commission.signum() < 0 || commission.compareTo(MAX_COMMISSION) > 0
                || commission.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("commission must be 0-100 with at most 2 fraction digits: " + commission);
        }
        commission = commission.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** The largest {@code calculationValue} of a calculation type (1, 2 or 3). */
    public static int maxValue(int calculationType) {
        return switch (calculationType) {
            case PLUS_DAYS -> 100;
            case DAY_OF_WEEK -> 7;
            case DAY_OF_MONTH -> 28;
            default -> throw new IllegalArgumentException("calculationType must be 1, 2 or 3: " + calculationType);
        };
    }

    /**
     * The day an earning of {@code earningDate} is paid: the rule's day, moved to the
     * following Monday when it falls on a Saturday or Sunday.
     */
    public LocalDate payableDate(LocalDate earningDate) {
        LocalDate due = switch (calculationType) {
            case PLUS_DAYS -> earningDate.plusDays(calculationValue);
            case DAY_OF_WEEK -> earningDate.with(TemporalAdjusters.next(DayOfWeek.of(calculationValue)));
            case DAY_OF_MONTH -> {
                LocalDate thisMonth = earningDate.withDayOfMonth(calculationValue);
                yield thisMonth.isAfter(earningDate) ? thisMonth : thisMonth.plusMonths(1);
            }
            default -> throw new IllegalStateException("calculationType " + calculationType);
        };
        return switch (due.getDayOfWeek()) {
            case SATURDAY -> due.plusDays(2);
            case SUNDAY -> due.plusDays(1);
            default -> due;
        };
    }
}
