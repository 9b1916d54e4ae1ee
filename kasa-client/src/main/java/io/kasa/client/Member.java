package io.kasa.client;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A marketplace member as Kasa answers it; {@code id} is its {@code MemberId} (Paywall's
 * increasing integer), to put on sale products. {@code memberType} is null when none was given; absent texts are null.
 * {@code bankAccounts} (one per currency, ordered by currency) is never null;
 * {@code valueDate} is null until one is set, {@code updateDateTime} until the first update.
 * Dates are local date-times in the server's business time zone.
 */
public record Member(long id, boolean isSubMerchant, Integer memberType, String memberExternalId, String memberName,
                     String memberTitle, String memberTaxOffice, String memberTaxNumber, String memberIdentityNumber,
                     String memberEmail, String memberPhone, String memberAddress, String contactName,
                     String contactLastname, List<BankAccount> bankAccounts, ValueDate valueDate,
                     LocalDateTime insertDateTime, LocalDateTime updateDateTime) {

    public Member {
        bankAccounts = bankAccounts == null ? List.of() : List.copyOf(bankAccounts);
    }
}
