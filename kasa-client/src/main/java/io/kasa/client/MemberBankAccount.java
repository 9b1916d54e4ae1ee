package io.kasa.client;

/**
 * A member's bank account as the bank-account calls answer it: its integer {@code id}, the
 * integer {@code memberId} it belongs to, {@code currencyId} (1–7) with its code
 * {@code currency}, the holder {@code title} and the normalised {@code iban}.
 */
public record MemberBankAccount(long id, long memberId, int currencyId, String currency, String title, String iban) {
}
