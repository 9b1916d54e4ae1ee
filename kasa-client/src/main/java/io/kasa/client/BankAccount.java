package io.kasa.client;


/**
 * A member's bank account for one currency: {@code currencyId} 1–7 (1 TRY, 2 USD, 3 EUR,
 * 4 BAM, 5 MKD, 6 ALL, 7 GBP), {@code title} (1–100, the holder exactly as the bank knows
 * it) and {@code iban} (checked by its ISO 13616 check digits; a TR IBAN has 26 characters).
 * In answers {@code id} is the account's id, {@code currency} the currency's code and
 * {@code iban} normalised (no spaces, upper case); in requests both are left out.
 */
public record BankAccount(Long id, int currencyId, String currency, String title, String iban) {

    /** An account to send with a member. */
    public static BankAccount of(int currencyId, String title, String iban) {
        return new BankAccount(null, currencyId, null, title, iban);
    }
}
