package io.kasa.client;

/**
 * Extra text printed at the top and bottom of the receipt of a sync sale. {@code top} and
 * {@code bottom} are required when their {@code …Support} flag is true; texts are at most
 * 150 characters, font sizes 1–99. Null lines are not sent.
 */
public record ReceiptOptions(boolean topSupport, Line top, boolean bottomSupport, Line bottom) {

    /** One printed line, written {@code {"Text": …, "FontSize": …}}. */
    public record Line(String text, int fontSize) {
    }

    /** Options printing the given lines; a null line turns its support flag off. */
    public static ReceiptOptions of(Line top, Line bottom) {
        return new ReceiptOptions(top != null, top, bottom != null, bottom);
    }
}
