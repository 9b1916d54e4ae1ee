package io.kasa.server.member;

import java.util.Objects;

/**
 * Where a member's payouts in one currency go. {@code currencyId} as in SPEC §9 (1 TRY …
 * 7 GBP); {@code title} is the account holder's name exactly as the bank knows it;
 * {@code iban} is normalised and valid (see {@link Iban}).
 */
public record BankAccount(long id, int currencyId, String title, String iban) {

    public BankAccount {
        Objects.requireNonNull(title, "title");
        if (currencyId < 1 || currencyId > 7) {
            throw new IllegalArgumentException("currencyId must be between 1 and 7: " + currencyId);
        }
        if (!Iban.isValid(iban)) {
            throw new IllegalArgumentException("not a valid normalised IBAN: " + iban);
        }
    }
}
