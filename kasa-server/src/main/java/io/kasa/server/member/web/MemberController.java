package io.kasa.server.member.web;

import io.kasa.server.member.BankAccount;
import io.kasa.server.member.Member;
import io.kasa.server.member.Members;
import io.kasa.server.member.ValueDate;
import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.Validation;
import io.kasa.server.shared.web.MarketplaceEnvelope;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Paywall's Member API under {@code /api/paywall/member} (public pair, marketplace
 * envelope). GET inputs are lower-case headers, as everywhere in that family.
 */
@RestController
class MemberController {

    static final String PATH = "/api/paywall/member";
    static final int DEFAULT_LENGTH = 10;
    static final int MAX_LENGTH = 50;
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");
    private static final Pattern IDENTITY_NUMBER = Pattern.compile("[1-9][0-9]{10}");
    private static final Map<Integer, String> CURRENCIES =
            Map.of(1, "TRY", 2, "USD", 3, "EUR", 4, "BAM", 5, "MKD", 6, "ALL", 7, "GBP");

    private final Members members;
    private final BusinessTime time;

    MemberController(Members members, BusinessTime time) {
        this.members = members;
        this.time = time;
    }

    record MemberItem(long id, boolean isSubMerchant, Integer memberType, String memberExternalId, String memberName,
                      String memberTitle, String memberTaxOffice, String memberTaxNumber, String memberIdentityNumber,
                      String memberEmail, String memberPhone, String memberAddress, String contactName,
                      String contactLastname, List<BankAccountItem> bankAccounts, ValueDateItem valueDate,
                      LocalDateTime insertDateTime, LocalDateTime updateDateTime) {
    }

    record BankAccountItem(long id, int currencyId, String currency, String title, String iban) {
    }

    record ValueDateItem(int calculationType, int calculationValue, BigDecimal commission) {
    }

    /** A bank account as the bank-account calls answer it: with its member's id. */
    record MemberBankAccount(long id, long memberId, int currencyId, String currency, String title, String iban) {
    }

    /** A value date as the value-date calls answer it: {@code Id} is the value date's own integer id. */
    record MemberValueDate(long id, long memberId, int calculationType, int calculationValue, BigDecimal commission) {
    }

    @PostMapping(PATH)
    MarketplaceEnvelope create(MerchantId merchant, @RequestBody JsonNode body) {
        return MarketplaceEnvelope.success(item(members.create(merchant, MemberReader.details(body))));
    }

    @PutMapping(PATH)
    MarketplaceEnvelope update(MerchantId merchant, @RequestBody JsonNode body) {
        long id = MemberReader.id(body);
        return MarketplaceEnvelope.success(item(members.update(merchant, id, MemberReader.details(body))));
    }

    @DeleteMapping(PATH)
    MarketplaceEnvelope delete(MerchantId merchant, @RequestBody JsonNode body) {
        MemberReader.Target target = MemberReader.target(body);
        if (target.id() != null) {
            members.delete(merchant, target.id());
        } else {
            members.deleteByExternalId(merchant, target.externalId());
        }
        return MarketplaceEnvelope.success(null);
    }

    @GetMapping(PATH + "/detail")
    MarketplaceEnvelope detail(MerchantId merchant, @RequestHeader(name = "memberid", required = false) String memberId) {
        return MarketplaceEnvelope.success(item(members.get(merchant, MemberReader.memberIdHeader(memberId))));
    }

    /** A slice of the members, oldest first; {@code Body} is the bare array the page's sample shows. */
    @GetMapping(PATH)
    MarketplaceEnvelope list(MerchantId merchant,
                             @RequestHeader(name = "start", required = false) String start,
                             @RequestHeader(name = "length", required = false) String length) {
        int offset = count("start", start, 0);
        int size = count("length", length, DEFAULT_LENGTH);
        Validation.between("length", size, 1, MAX_LENGTH);
        return MarketplaceEnvelope.success(members.list(merchant, offset, size).members().stream().map(this::item).toList());
    }

    @PostMapping(PATH + "/bankaccount")
    MarketplaceEnvelope addBankAccount(MerchantId merchant, @RequestBody JsonNode body) {
        long memberId = MemberReader.idField(body, "MemberId");
        BankAccount account = members.addBankAccount(merchant, memberId, MemberReader.bankAccount(body));
        return MarketplaceEnvelope.success(item(memberId, account));
    }

    @PutMapping(PATH + "/bankaccount")
    MarketplaceEnvelope updateBankAccount(MerchantId merchant, @RequestBody JsonNode body) {
        long accountId = MemberReader.idField(body, "Id");
        BankAccount account = members.updateBankAccount(merchant, accountId, MemberReader.bankAccount(body));
        return MarketplaceEnvelope.success(item(members.memberOfBankAccount(merchant, accountId), account));
    }

    @DeleteMapping(PATH + "/bankaccount")
    MarketplaceEnvelope deleteBankAccount(MerchantId merchant, @RequestBody JsonNode body) {
        members.deleteBankAccount(merchant, MemberReader.idField(body, "Id"));
        return MarketplaceEnvelope.success(null);
    }

    @GetMapping(PATH + "/bankaccount")
    MarketplaceEnvelope bankAccounts(MerchantId merchant,
                                     @RequestHeader(name = "memberid", required = false) String memberId) {
        long id = MemberReader.memberIdHeader(memberId);
        return MarketplaceEnvelope.success(members.bankAccounts(merchant, id).stream()
                .map(account -> item(id, account)).toList());
    }

    /** The member's value date, or {@code Body: null} while it has none. */
    @GetMapping(PATH + "/valuedate")
    MarketplaceEnvelope valueDate(MerchantId merchant,
                                  @RequestHeader(name = "memberid", required = false) String memberId) {
        return MarketplaceEnvelope.success(valueDateItem(members.get(merchant, MemberReader.memberIdHeader(memberId))));
    }

    /** Sets the member's value date; one it already has is overwritten, keeping its id. */
    @PostMapping(PATH + "/valuedate")
    MarketplaceEnvelope setValueDate(MerchantId merchant, @RequestBody JsonNode body) {
        long memberId = MemberReader.idField(body, "MemberId");
        return MarketplaceEnvelope.success(
                valueDateItem(members.setValueDate(merchant, memberId, MemberReader.valueDateBody(body))));
    }

    private static MemberValueDate valueDateItem(Member member) {
        ValueDate valueDate = member.valueDate();
        return valueDate == null ? null : new MemberValueDate(member.valueDateId(), member.id(),
                valueDate.calculationType(), valueDate.calculationValue(), valueDate.commission());
    }

    private static MemberBankAccount item(long memberId, BankAccount account) {
        return new MemberBankAccount(account.id(), memberId, account.currencyId(), CURRENCIES.get(account.currencyId()),
                account.title(), account.iban());
    }

    /**
     * Members matching every criterion given as a lower-case header (exact values; the
     * e-mail in any case), oldest first, paged like the list; {@code Body} is an array.
     * Headers carry ISO-8859-1 text only, so a name with Turkish letters cannot be searched for.
     */
    @GetMapping(PATH + "/search")
    MarketplaceEnvelope search(MerchantId merchant,
                               @RequestHeader(name = "memberexternalid", required = false) String externalId,
                               @RequestHeader(name = "membername", required = false) String name,
                               @RequestHeader(name = "memberemail", required = false) String email,
                               @RequestHeader(name = "memberphone", required = false) String phone,
                               @RequestHeader(name = "memberidentitynumber", required = false) String identityNumber,
                               @RequestHeader(name = "start", required = false) String start,
                               @RequestHeader(name = "length", required = false) String length) {
        String identity = criterion("memberidentitynumber", identityNumber, 11);
        if (identity != null && !(IDENTITY_NUMBER.matcher(identity).matches() && MemberReader.hasIdentityChecksum(identity))) {
            throw Validation.invalid("memberidentitynumber geçerli bir T.C. kimlik numarası değil",
                    "memberidentitynumber is not a valid Turkish identity number");
        }
        Members.Search search = new Members.Search(criterion("memberexternalid", externalId, MemberReader.MAX_EXTERNAL_ID),
                criterion("membername", name, 100), criterion("memberemail", email, 100),
                criterion("memberphone", phone, 20), identity);
        if (search.equals(new Members.Search(null, null, null, null, null))) {
            throw Validation.invalid("En az bir arama başlığı gereklidir: memberexternalid, membername, memberemail, "
                            + "memberphone veya memberidentitynumber",
                    "At least one search header is required: memberexternalid, membername, memberemail, "
                            + "memberphone or memberidentitynumber");
        }
        int offset = count("start", start, 0);
        int size = count("length", length, DEFAULT_LENGTH);
        Validation.between("length", size, 1, MAX_LENGTH);
        return MarketplaceEnvelope.success(members.search(merchant, search, offset, size).stream().map(this::item).toList());
    }

    /**
     * A search header's value without outer spaces; null when absent or blank. Longer than
     * the field it matches, or holding a control character, it can match no member and is refused.
     */
    private static String criterion(String header, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
            throw Validation.invalid(header + " en fazla " + max + " karakter olmalı ve denetim karakteri içermemelidir",
                    header + " must have at most " + max + " characters and no control characters");
        }
        return text;
    }

    /** A whole number of 0 or more from a header; {@code absent} when the header is missing or empty. */
    private static int count(String header, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        if (!COUNT.matcher(value.strip()).matches()) {
            throw Validation.invalid(header + " 0 veya daha büyük bir tam sayı olmalıdır",
                    header + " must be a whole number, 0 or greater");
        }
        return Integer.parseInt(value.strip());
    }

    private MemberItem item(Member member) {
        ValueDate valueDate = member.valueDate();
        return new MemberItem(member.id(), member.isSubMerchant(), member.memberType() == 0 ? null : member.memberType(),
                member.externalId(), member.name(), member.title(), member.taxOffice(), member.taxNumber(),
                member.identityNumber(), member.email(), member.phone(), member.address(), member.contactName(),
                member.contactLastname(), member.bankAccounts().stream().map(MemberController::item).toList(),
                valueDate == null ? null
                        : new ValueDateItem(valueDate.calculationType(), valueDate.calculationValue(), valueDate.commission()),
                time.local(member.createdAt()), time.local(member.updatedAt()));
    }

    private static BankAccountItem item(BankAccount account) {
        return new BankAccountItem(account.id(), account.currencyId(), CURRENCIES.get(account.currencyId()),
                account.title(), account.iban());
    }
}
