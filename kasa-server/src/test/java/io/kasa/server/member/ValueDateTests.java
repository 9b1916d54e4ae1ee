package io.kasa.server.member;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The value-date rules of SPEC §8 as a table: type, value, earning date, payable date. */
class ValueDateTests {

    @ParameterizedTest(name = "type {0} value {1}: earned {2} ({4}) is payable {3}")
    @CsvSource(textBlock = """
            # plus N days
            1,   1, 2024-01-31, 2024-02-01, month end
            1,   1, 2024-02-28, 2024-02-29, leap day
            1,   1, 2023-02-28, 2023-03-01, no leap day in 2023
            1,   1, 2024-12-31, 2025-01-01, year end
            1,   1, 2024-06-07, 2024-06-10, Saturday rolls to Monday
            1,   2, 2024-06-07, 2024-06-10, Sunday rolls to Monday
            1,   3, 2024-06-07, 2024-06-10, Monday stays
            1,   7, 2024-06-08, 2024-06-17, earned on a Saturday and due on one
            1,   1, 2024-08-30, 2024-09-02, roll crosses a month end
            1,   1, 2022-12-30, 2023-01-02, roll crosses a year end
            1, 100, 2024-01-01, 2024-04-10, largest value
            # next ISO weekday strictly after
            2,   1, 2024-06-10, 2024-06-17, same weekday means next week
            2,   2, 2024-06-10, 2024-06-11, next day
            2,   1, 2024-06-09, 2024-06-10, Sunday to Monday
            2,   6, 2024-06-12, 2024-06-17, Saturday rolls to Monday
            2,   7, 2024-06-12, 2024-06-17, Sunday rolls to Monday
            2,   5, 2024-12-31, 2025-01-03, across the year
            2,   4, 2024-02-28, 2024-02-29, onto the leap day
            # next day of month strictly after
            3,  20, 2024-01-15, 2024-01-22, later this month and a Saturday
            3,  20, 2024-01-20, 2024-02-20, same day means next month
            3,  28, 2024-01-31, 2024-02-28, from a 31st into February
            3,  28, 2024-02-29, 2024-03-28, from the leap day
            3,  28, 2024-02-28, 2024-03-28, the 28th itself
            3,  28, 2023-02-28, 2023-03-28, short February
            3,   1, 2024-12-31, 2025-01-01, year end
            3,   1, 2024-12-15, 2025-01-01, next month is next year
            3,  28, 2024-01-27, 2024-01-29, Sunday rolls to Monday
            3,  28, 2024-09-27, 2024-09-30, Saturday rolls within the month
            """, commentCharacter = '#')
    void payableDate(int type, int value, LocalDate earned, LocalDate payable, String why) {
        assertThat(new ValueDate(type, value, BigDecimal.TEN).payableDate(earned)).isEqualTo(payable);
    }

    @Test
    void everyRuleAndEveryDayOfFourYearsLandsOnAWeekdayAfterTheEarningDate() {
        for (int type = 1; type <= 3; type++) {
            for (int value = 1; value <= ValueDate.maxValue(type); value++) {
                ValueDate rule = new ValueDate(type, value, BigDecimal.ZERO);
                for (LocalDate day = LocalDate.of(2023, 1, 1); day.isBefore(LocalDate.of(2027, 1, 1)); day = day.plusDays(1)) {
                    LocalDate payable = rule.payableDate(day);
                    assertThat(payable).isAfter(day);
                    assertThat(payable.getDayOfWeek().getValue()).isLessThanOrEqualTo(5);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 0", "4, 1, 0", "1, 0, 0", "1, 101, 0", "2, 8, 0", "3, 29, 0", "1, 1, -0.01", "1, 1, 100.01",
            "1, 1, 1.234"})
    void outOfRangeValuesCannotExist(int type, int value, BigDecimal commission) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ValueDate(type, value, commission));
    }

    @Test
    void commissionIsKeptAtScaleTwo() {
        assertThat(new ValueDate(1, 1, new BigDecimal("10")).commission()).isEqualTo(new BigDecimal("10.00"));
        assertThat(new ValueDate(1, 1, new BigDecimal("100.000")).commission()).isEqualTo(new BigDecimal("100.00"));
    }
}
