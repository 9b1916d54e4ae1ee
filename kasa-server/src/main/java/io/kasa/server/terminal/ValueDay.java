package io.kasa.server.terminal;

import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.LookupValue;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The wire's {@code EndOfDayId} of a connection: Paywall's "Valör Günü" table (its page names
 * the field {@code PaymentTermId}), when the provider settles the connection's sales. 1 is
 * the next day, 2 weekly, and 3 to 30 after {@code id − 2} days. A value that is not in the
 * table cannot be built.
 */
public record ValueDay(int id) implements LookupValue {

    public static final int FIRST = 1;
    public static final int LAST = 30;
    private static final int NEXT_DAY = 1;
    private static final int WEEKLY = 2;

    public ValueDay {
        if (id < FIRST || id > LAST) {
            throw new IllegalArgumentException("no value day " + id);
        }
    }

    /** The whole table, in id order. */
    public static List<ValueDay> all() {
        return IntStream.rangeClosed(FIRST, LAST).mapToObj(ValueDay::new).toList();
    }

    /** The days after which the sales are settled; none for the weekly term. */
    public Integer days() {
        return id == NEXT_DAY ? Integer.valueOf(1) : id == WEEKLY ? null : Integer.valueOf(id - 2);
    }

    @Override
    public String wireName() {
        return id == NEXT_DAY ? "NextDay" : id == WEEKLY ? "Weekly" : "Days" + days();
    }

    @Override
    public LocalizedText label() {
        if (id == NEXT_DAY) {
            return new LocalizedText("Ertesi Gün", "Next day");
        }
        if (id == WEEKLY) {
            return new LocalizedText("Haftalık", "Weekly");
        }
        return new LocalizedText(days() + " Gün", days() + (days() == 1 ? " day" : " days"));
    }
}
