package io.kasa.server.member;

import java.util.List;

/**
 * What a merchant sets on a member when creating or updating it, already validated by the
 * web layer. {@code memberType} 0 means none. {@code bankAccounts} null keeps the member's
 * accounts on update (and gives none on create); a list, even empty, replaces them.
 * {@code valueDate} null likewise keeps the current one.
 */
public record MemberDetails(boolean isSubMerchant, int memberType, String externalId, String name, String title,
                            String taxOffice, String taxNumber, String identityNumber, String email, String phone,
                            String address, String contactName, String contactLastname, List<Account> bankAccounts,
                            ValueDate valueDate) {

    public MemberDetails {
        if (memberType < 0 || memberType > 3 || isSubMerchant && memberType == 0) {
            throw new IllegalArgumentException("memberType " + memberType + " for isSubMerchant " + isSubMerchant);
        }
        bankAccounts = bankAccounts == null ? null : List.copyOf(bankAccounts);
        if (bankAccounts != null && bankAccounts.stream().map(Account::currencyId).distinct().count() < bankAccounts.size()) {
            throw new IllegalArgumentException("more than one bank account in a currency");
        }
    }

    /** A bank account to store: one per currency; {@code iban} normalised and valid. */
    public record Account(int currencyId, String title, String iban) {

        public Account {
            if (currencyId < 1 || currencyId > 7) {
                throw new IllegalArgumentException("currencyId must be between 1 and 7: " + currencyId);
            }
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("title is required");
            }
            if (!Iban.isValid(iban)) {
                throw new IllegalArgumentException("not a valid normalised IBAN: " + iban);
            }
        }
    }
}
