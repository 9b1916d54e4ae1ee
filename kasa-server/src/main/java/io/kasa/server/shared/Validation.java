package io.kasa.server.shared;

import java.util.regex.Pattern;

/**
 * Field rules shared by every request. Each check throws a {@link KasaException} with
 * {@link KasaError#VALIDATION_ERROR} and a message, in both languages, that names the field.
 * Checks run before anything is written, so a refused request changes nothing.
 */
public final class Validation {

    private Validation() {
    }

    public static KasaException invalid(String tr, String en) {
        return new KasaException(KasaError.VALIDATION_ERROR, new LocalizedText(tr, en));
    }

    public static <T> T required(String field, T value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw invalid(field + " alanı zorunludur", field + " is required");
        }
        return value;
    }

    /** A required text of 1 to {@code max} characters, returned stripped of outer spaces. */
    public static String text(String field, String value, int max) {
        required(field, value);
        return optionalText(field, value, max);
    }

    /** An optional text of at most {@code max} characters; blank becomes null. */
    public static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.codePointCount(0, stripped.length()) > max) {
            throw invalid(field + " en fazla " + max + " karakter olabilir",
                    field + " must be at most " + max + " characters long");
        }
        if (stripped.indexOf('\u0000') >= 0) {
            // Valid in JSON, but PostgreSQL text cannot hold it.
            throw invalid(field + " NUL karakteri içeremez", field + " must not contain the NUL character");
        }
        return stripped;
    }

    public static String matching(String field, String value, Pattern pattern, String tr, String en) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw invalid(field + " " + tr, field + " " + en);
        }
        return value;
    }

    public static int between(String field, Integer value, int min, int max) {
        required(field, value);
        if (value < min || value > max) {
            throw invalid(field + " " + min + " ile " + max + " arasında olmalıdır",
                    field + " must be between " + min + " and " + max);
        }
        return value;
    }

    /** Refuses a request that sends both or neither of two alternatives. */
    public static void exactlyOne(String first, Object firstValue, String second, Object secondValue) {
        boolean hasFirst = present(firstValue);
        boolean hasSecond = present(secondValue);
        if (hasFirst && hasSecond) {
            throw invalid(first + " ve " + second + " birlikte gönderilemez; yalnızca biri gönderilmelidir",
                    first + " and " + second + " cannot be sent together; send exactly one of them");
        }
        if (!hasFirst && !hasSecond) {
            throw invalid(first + " veya " + second + " alanlarından biri zorunludur",
                    "One of " + first + " or " + second + " is required");
        }
    }

    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /**
     * A day written {@code yyyy-MM-dd} (a date-time's day part is accepted too); null when
     * absent. The year has exactly four digits: {@code +99999-01-01} and {@code -0001-01-01}
     * parse as ISO dates but name no day a payment can have.
     */
    public static java.time.LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        String day = text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text;
        try {
            if (DAY.matcher(day).matches()) {
                return java.time.LocalDate.parse(day);
            }
        } catch (java.time.format.DateTimeParseException e) {
            // refused below
        }
        throw invalid(field + " yyyy-MM-dd biçiminde bir tarih olmalıdır", field + " must be a date written yyyy-MM-dd");
    }

    /**
     * One of Paywall's integer ids (SPEC §3) from a header or a numeric string: 1 or more,
     * within 64 bits.
     */
    public static long integerId(String field, String value) {
        String text = required(field, value).strip();
        if (text.matches("[0-9]{1,19}")) {
            try {
                long id = Long.parseLong(text);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException beyond64Bits) {
                // refused below like any other text that is not an id
            }
        }
        throw invalid(field + " 1 veya daha büyük bir tam sayı olmalıdır", field + " must be a whole number, 1 or greater");
    }

    public static boolean present(Object value) {
        return value != null && !(value instanceof String text && text.isBlank());
    }
}
