package io.kasa.client;

import java.util.List;

/**
 * What a merchant sends to create or update a member ({@code POST}/{@code PUT
 * /api/paywall/member}), with Paywall's field names. Null fields are not sent. Start from
 * {@link #of} and add the rest with {@code with…}:
 * <pre>{@code
 * MemberDetails shop = MemberDetails.of(true, 3, "seller-42", "Çiçekçi", "Çiçek Ticaret A.Ş.",
 *                 "satis@cicek.example", "+90 212 555 00 00", "Kadıköy, İstanbul")
 *         .withMemberTaxOffice("Kadıköy").withMemberTaxNumber("1234567890")
 *         .withBankAccounts(List.of(BankAccount.of(1, "Çiçek Ticaret A.Ş.", "TR330006100519786457841326")))
 *         .withValueDate(ValueDate.plusDays(7, new BigDecimal("12.50")));
 * }</pre>
 * Nothing is checked here: the server owns the rules ({@code docs/members.md}) and refuses a
 * broken member with the rule's {@code ErrorCode} (200–236) and a message naming the field.
 */
public record MemberDetails(boolean isSubMerchant,
                            Integer memberType,
                            String memberExternalId,
                            String memberName,
                            String memberTitle,
                            String memberTaxOffice,
                            String memberTaxNumber,
                            String memberIdentityNumber,
                            String memberEmail,
                            String memberPhone,
                            String memberAddress,
                            String contactName,
                            String contactLastname,
                            List<BankAccount> bankAccounts,
                            ValueDate valueDate) {

    public MemberDetails {
        bankAccounts = bankAccounts == null ? null : List.copyOf(bankAccounts);
    }

    /** A member with what every member needs; the rest absent. */
    public static MemberDetails of(boolean isSubMerchant, Integer memberType, String memberExternalId, String memberName,
                                   String memberTitle, String memberEmail, String memberPhone, String memberAddress) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle, null, null, null,
                memberEmail, memberPhone, memberAddress, null, null, null, null);
    }

    /** Whether the member is a sub-merchant; a sub-merchant needs a {@code memberType}. */
    public MemberDetails withIsSubMerchant(boolean isSubMerchant) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** 1 individual, 2 sole proprietorship, 3 limited/joint-stock; null for none (not for a sub-merchant). */
    public MemberDetails withMemberType(Integer memberType) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The member's id in the merchant's own system (1–50), unique among the merchant's members. */
    public MemberDetails withMemberExternalId(String memberExternalId) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The merchant's name for the member (1–100). */
    public MemberDetails withMemberName(String memberName) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The legal title, or a person's full name (1–200). */
    public MemberDetails withMemberTitle(String memberTitle) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The tax office (≤100); required for types 2 and 3. */
    public MemberDetails withMemberTaxOffice(String memberTaxOffice) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The tax number, 10 or 11 digits; required for types 2 and 3. */
    public MemberDetails withMemberTaxNumber(String memberTaxNumber) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The Turkish identity number (TCKN, 11 digits with its check digits); required for types 1 and 2. */
    public MemberDetails withMemberIdentityNumber(String memberIdentityNumber) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The email address (≤100). */
    public MemberDetails withMemberEmail(String memberEmail) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The phone number (≤20 characters, 7–15 digits, an optional leading {@code +}, spaces, {@code -}, {@code (}, {@code )}). */
    public MemberDetails withMemberPhone(String memberPhone) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The address (1–255). */
    public MemberDetails withMemberAddress(String memberAddress) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The contact's first name (≤50); required for types 1 and 2. */
    public MemberDetails withContactName(String contactName) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The contact's last name (≤50); required for types 1 and 2. */
    public MemberDetails withContactLastname(String contactLastname) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** At most one account per currency. On update null keeps the member's accounts and a list, even an empty one, replaces them. */
    public MemberDetails withBankAccounts(List<BankAccount> bankAccounts) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The value date and commission. On update null keeps the current one. */
    public MemberDetails withValueDate(ValueDate valueDate) {
        return new MemberDetails(isSubMerchant, memberType, memberExternalId, memberName, memberTitle,
                memberTaxOffice, memberTaxNumber, memberIdentityNumber, memberEmail, memberPhone, memberAddress,
                contactName, contactLastname, bankAccounts, valueDate);
    }

    /** The contact person's first and last name. */
    public MemberDetails withContact(String contactName, String contactLastname) {
        return withContactName(contactName).withContactLastname(contactLastname);
    }
}
