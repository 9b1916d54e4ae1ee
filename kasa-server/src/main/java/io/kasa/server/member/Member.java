package io.kasa.server.member;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A marketplace member (sub-merchant) of a merchant; {@code id} is its {@code MemberId}, Paywall's increasing integer.
 * {@code memberType} is 1 individual, 2 sole proprietorship, 3 limited/joint-stock, or 0
 * when none was given (allowed only when {@code isSubMerchant} is false). Optional texts are
 * null when absent. {@code bankAccounts} holds at most one account per currency, ordered by
 * currency; {@code valueDate} is null until one is set, and so is
 * {@code valueDateId}, its integer id, which stays when a later value date replaces it;
 * {@code updatedAt} is null until the member is first updated.
 */
public record Member(long id, boolean isSubMerchant, int memberType, String externalId, String name, String title,
                     String taxOffice, String taxNumber, String identityNumber, String email, String phone,
                     String address, String contactName, String contactLastname, List<BankAccount> bankAccounts,
                     ValueDate valueDate, Long valueDateId, Instant createdAt, Instant updatedAt) {

    public Member {
        Objects.requireNonNull(createdAt, "createdAt");
        bankAccounts = List.copyOf(bankAccounts);
    }

    /** The account for payouts in {@code currencyId}, if the member has one. */
    public Optional<BankAccount> bankAccount(int currencyId) {
        return bankAccounts.stream().filter(account -> account.currencyId() == currencyId).findFirst();
    }
}
