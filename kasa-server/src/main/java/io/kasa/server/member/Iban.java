package io.kasa.server.member;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * International bank account numbers (ISO 13616): two letters of country, two check digits
 * and 11 to 30 letters or digits, 34 characters at most, whose check digits satisfy mod 97.
 * Only Turkey's length is checked per country: {@code TR} and 24 more characters.
 */
public final class Iban {

    public static final int MAX_LENGTH = 34;
    public static final int TURKISH_LENGTH = 26;
    private static final Pattern FORM = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");

    private Iban() {
    }

    /** The IBAN as stored and compared: without spaces, in upper case. */
    public static String normalise(String iban) {
        return iban.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** Whether a normalised IBAN has the letters and digits of an IBAN where they belong. */
    public static boolean hasValidForm(String iban) {
        return FORM.matcher(iban).matches();
    }

    /** Whether a normalised IBAN has its country's length, where Kasa knows it (Turkey). */
    public static boolean hasValidLength(String iban) {
        return !iban.startsWith("TR") || iban.length() == TURKISH_LENGTH;
    }

    /**
     * Whether the check digits of a well-formed, normalised IBAN hold: with its first four
     * characters moved to the end and letters read as 10 to 35, the number is 1 modulo 97.
     */
    public static boolean hasValidChecksum(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int value = Character.digit(rearranged.charAt(i), 36);
            remainder = (value < 10 ? remainder * 10 : remainder * 100) + value;
            remainder %= 97;
        }
        return remainder == 1;
    }

    /** Whether a normalised IBAN passes every check above. */
    public static boolean isValid(String iban) {
        return iban != null && iban.length() <= MAX_LENGTH && hasValidForm(iban) && hasValidLength(iban)
                && hasValidChecksum(iban);
    }
}
