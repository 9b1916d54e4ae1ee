package io.kasa.server.member.web;

import io.kasa.server.member.Iban;
import io.kasa.server.member.MemberDetails;
import io.kasa.server.member.ValueDate;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LocalizedText;
import io.kasa.server.shared.Validation;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads member requests. Names are matched in any case; numbers may be JSON numbers or
 * numeric strings; an empty string counts as absent. Each rule refuses with its own
 * {@code Member.*} catalog entry (Paywall's code) and a message naming the field, so the
 * body is read from a tree rather than bound: a wrong type is that field's failure too.
 * Nothing is written until the whole request has been read.
 */
final class MemberReader {

    static final int MAX_EXTERNAL_ID = 50;
    static final int MAX_NAME = 100;
    static final int MAX_TITLE = 200;
    static final int MAX_TAX_OFFICE = 100;
    static final int MAX_EMAIL = 100;
    static final int MAX_PHONE = 20;
    static final int MAX_ADDRESS = 255;
    static final int MAX_CONTACT = 50;
    static final int MAX_ACCOUNT_TITLE = 100;
    static final int MAX_BANK_ACCOUNTS = 7;

    private static final Pattern INTEGER_ID = Pattern.compile("[0-9]{1,19}");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]{1,20}(\\.[0-9]{1,20})?");
    private static final Pattern TAX_NUMBER = Pattern.compile("[0-9]{10,11}");
    private static final Pattern IDENTITY_NUMBER = Pattern.compile("[1-9][0-9]{10}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]+");

    private MemberReader() {
    }

    /** The member of a create (POST) or update (PUT) body. */
    static MemberDetails details(JsonNode body) {
        requireObject(body);
        boolean isSubMerchant = isSubMerchant(property(body, "IsSubMerchant"));
        int memberType = memberType(property(body, "MemberType"), isSubMerchant);
        // As Paywall: identity number and contact for people (individuals, sole proprietors),
        // tax office and number for companies (sole proprietorships, limited/joint-stock).
        boolean person = memberType == 1 || memberType == 2;
        boolean company = memberType == 2 || memberType == 3;

        String externalId = text(body, "MemberExternalId", MAX_EXTERNAL_ID, KasaError.MEMBER_EXTERNAL_ID_REQUIRED);
        String name = text(body, "MemberName", MAX_NAME, KasaError.MEMBER_NAME_REQUIRED);
        String title = text(body, "MemberTitle", MAX_TITLE, KasaError.MEMBER_TITLE_REQUIRED);
        String taxOffice = text(body, "MemberTaxOffice", MAX_TAX_OFFICE,
                company ? KasaError.MEMBER_TAX_OFFICE_REQUIRED : null);
        String taxNumber = taxNumber(text(body, "MemberTaxNumber", 11, KasaError.MEMBER_TAX_NUMBER_INVALID,
                company ? KasaError.MEMBER_TAX_NUMBER_REQUIRED : null));
        String identityNumber = identityNumber(text(body, "MemberIdentityNumber", 11,
                KasaError.MEMBER_IDENTITY_NUMBER_INVALID,
                person ? KasaError.MEMBER_IDENTITY_NUMBER_REQUIRED : null));
        String email = text(body, "MemberEmail", MAX_EMAIL, KasaError.MEMBER_EMAIL_REQUIRED);
        if (!EMAIL.matcher(email).matches()) {
            throw refuse(KasaError.MEMBER_EMAIL_INVALID, "MemberEmail geçerli bir e-posta adresi değil",
                    "MemberEmail is not an email address");
        }
        String phone = phone(text(body, "MemberPhone", MAX_PHONE, KasaError.MEMBER_PHONE_REQUIRED));
        String address = text(body, "MemberAddress", MAX_ADDRESS, KasaError.MEMBER_ADDRESS_REQUIRED);
        String contactName = text(body, "ContactName", MAX_CONTACT,
                person ? KasaError.MEMBER_CONTACT_NAME_REQUIRED : null);
        String contactLastname = text(body, "ContactLastname", MAX_CONTACT,
                person ? KasaError.MEMBER_CONTACT_LASTNAME_REQUIRED : null);
        List<MemberDetails.Account> accounts = bankAccounts(property(body, "BankAccounts"));
        ValueDate valueDate = valueDate(property(body, "ValueDate"));
        return new MemberDetails(isSubMerchant, memberType, externalId, name, title, taxOffice, taxNumber,
                identityNumber, email, phone, address, contactName, contactLastname, accounts, valueDate);
    }

    /** The {@code Id} of an update body. */
    static long id(JsonNode body) {
        requireObject(body);
        return memberId("Id", property(body, "Id"));
    }

    /** A delete body names its member by {@code Id} or, failing that, by {@code MemberExternalId}. */
    record Target(Long id, String externalId) {
    }

    static Target target(JsonNode body) {
        requireObject(body);
        if (property(body, "Id") != null) {
            return new Target(memberId("Id", property(body, "Id")), null);
        }
        String externalId = text(body, "MemberExternalId", MAX_EXTERNAL_ID, null);
        if (externalId == null) {
            throw refuse(KasaError.MEMBER_ID_OR_EXTERNAL_ID_REQUIRED, "Id veya MemberExternalId alanı zorunludur",
                    "Id or MemberExternalId is required");
        }
        return new Target(null, externalId);
    }

    /** The {@code memberid} header of a detail request. */
    static long memberIdHeader(String value) {
        if (value == null || value.isBlank()) {
            throw refuse(KasaError.MEMBER_ID_INVALID, "memberid başlığı zorunludur", "memberid header is required");
        }
        return positive("memberid", value.strip());
    }

    /**
     * A member id in a body: Paywall's integer, as a JSON number or a numeric string (SPEC
     * §2), 1 or more and within 64 bits.
     */
    private static long memberId(String field, JsonNode node) {
        if (absent(node)) {
            throw refuse(KasaError.MEMBER_ID_INVALID, field + " alanı zorunludur", field + " is required");
        }
        if (node.isIntegralNumber()) {
            return positive(field, node.asString());
        }
        if (node.isString()) {
            return positive(field, node.stringValue().strip());
        }
        throw refuse(KasaError.MEMBER_ID_INVALID, field + " bir tam sayı olmalıdır", field + " must be a whole number");
    }

    private static long positive(String field, String digits) {
        if (INTEGER_ID.matcher(digits).matches()) {
            try {
                long id = Long.parseLong(digits);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException tooLarge) {
                // falls through to the refusal: beyond 64 bits is no id Kasa gives out
            }
        }
        throw refuse(KasaError.MEMBER_ID_INVALID, field + " 1 veya daha büyük bir tam sayı olmalıdır",
                field + " must be a whole number, 1 or greater");
    }

    private static boolean isSubMerchant(JsonNode node) {
        if (node != null && node.isBoolean()) {
            return node.booleanValue();
        }
        if (node != null && node.isString() && (node.stringValue().strip().equalsIgnoreCase("true")
                || node.stringValue().strip().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.stringValue().strip());
        }
        throw refuse(KasaError.MEMBER_TYPE_INVALID, "IsSubMerchant alanı zorunludur ve true ya da false olmalıdır",
                "IsSubMerchant is required and must be true or false");
    }

    private static int memberType(JsonNode node, boolean isSubMerchant) {
        Integer type = integer(node, "MemberType", KasaError.MEMBER_TYPE_INVALID);
        if (type == null) {
            if (isSubMerchant) {
                throw refuse(KasaError.MEMBER_TYPE_INVALID, "MemberType alanı alt üye işyerleri için zorunludur",
                        "MemberType is required for a sub-merchant");
            }
            return 0;
        }
        if (type < 1 || type > 3) {
            throw refuse(KasaError.MEMBER_TYPE_INVALID, "MemberType 1, 2 veya 3 olmalıdır",
                    "MemberType must be 1, 2 or 3");
        }
        return type;
    }

    private static String taxNumber(String value) {
        if (value != null && !TAX_NUMBER.matcher(value).matches()) {
            throw refuse(KasaError.MEMBER_TAX_NUMBER_INVALID, "MemberTaxNumber 10 veya 11 rakamdan oluşmalıdır",
                    "MemberTaxNumber must be 10 or 11 digits");
        }
        return value;
    }

    private static String identityNumber(String value) {
        if (value != null && !(IDENTITY_NUMBER.matcher(value).matches() && hasIdentityChecksum(value))) {
            throw refuse(KasaError.MEMBER_IDENTITY_NUMBER_INVALID,
                    "MemberIdentityNumber geçerli bir T.C. kimlik numarası değil (11 rakam ve kontrol basamakları)",
                    "MemberIdentityNumber is not a valid Turkish identity number (11 digits and check digits)");
        }
        return value;
    }

    /** The two check digits of a T.C. kimlik numarası (TCKN). */
    static boolean hasIdentityChecksum(String number) {
        int[] d = number.chars().map(c -> c - '0').toArray();
        int odd = d[0] + d[2] + d[4] + d[6] + d[8];
        int even = d[1] + d[3] + d[5] + d[7];
        int tenth = Math.floorMod(odd * 7 - even, 10);
        int eleventh = (odd + even + d[9]) % 10;
        return d[9] == tenth && d[10] == eleventh;
    }

    private static String phone(String value) {
        long digits = value.chars().filter(Character::isDigit).count();
        if (!PHONE.matcher(value).matches() || digits < 7 || digits > 15) {
            throw refuse(KasaError.MEMBER_PHONE_INVALID,
                    "MemberPhone 7-15 rakamdan oluşmalıdır; yalnızca baştaki +, boşluk, -, ( ve ) içerebilir",
                    "MemberPhone must have 7-15 digits and may hold only a leading +, spaces, -, ( and )");
        }
        return value;
    }

    private static List<MemberDetails.Account> bankAccounts(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw refuse(KasaError.MEMBER_BANK_ACCOUNTS_INVALID, "BankAccounts bir liste olmalıdır",
                    "BankAccounts must be a list");
        }
        if (node.size() > MAX_BANK_ACCOUNTS) {
            throw refuse(KasaError.MEMBER_BANK_ACCOUNTS_INVALID,
                    "BankAccounts en fazla " + MAX_BANK_ACCOUNTS + " hesap içerebilir (para birimi başına bir)",
                    "BankAccounts may hold at most " + MAX_BANK_ACCOUNTS + " accounts (one per currency)");
        }
        List<MemberDetails.Account> accounts = new ArrayList<>();
        Set<Integer> currencies = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "BankAccounts[" + i + "]";
            JsonNode account = node.get(i);
            if (account == null || !account.isObject()) {
                throw refuse(KasaError.MEMBER_BANK_ACCOUNTS_INVALID, field + " bir nesne olmalıdır",
                        field + " must be an object");
            }
            MemberDetails.Account read = account(account, field + ".");
            if (!currencies.add(read.currencyId())) {
                throw refuse(KasaError.MEMBER_BANK_ACCOUNTS_INVALID,
                        "BankAccounts " + read.currencyId() + " para biriminde birden fazla hesap içeriyor",
                        "BankAccounts holds more than one account in currency " + read.currencyId());
            }
            accounts.add(read);
        }
        return accounts;
    }

    /** One account's {@code CurrencyId}, {@code Title} and {@code Iban}, named {@code prefix + "CurrencyId"} and so on in refusals. */
    private static MemberDetails.Account account(JsonNode account, String prefix) {
        Integer currencyId = integer(property(account, "CurrencyId"), prefix + "CurrencyId",
                KasaError.MEMBER_BANK_ACCOUNT_CURRENCY_INVALID);
        if (currencyId == null || currencyId < 1 || currencyId > 7) {
            throw refuse(KasaError.MEMBER_BANK_ACCOUNT_CURRENCY_INVALID,
                    prefix + "CurrencyId zorunludur ve 1 ile 7 arasında olmalıdır",
                    prefix + "CurrencyId is required and must be between 1 and 7");
        }
        String title = text(account, "Title", prefix + "Title", MAX_ACCOUNT_TITLE,
                KasaError.MEMBER_BANK_ACCOUNT_TITLE_TOO_LONG, KasaError.MEMBER_BANK_ACCOUNT_TITLE_REQUIRED);
        return new MemberDetails.Account(currencyId, title, iban(account, prefix + "Iban"));
    }

    /** A bank-account body: {@code {CurrencyId, Title, Iban}} beside the id its endpoint reads. */
    static MemberDetails.Account bankAccount(JsonNode body) {
        requireObject(body);
        return account(body, "");
    }

    /** A value-date body: {@code {CalculationType, CalculationValue, Commission}} beside {@code MemberId}. */
    static ValueDate valueDateBody(JsonNode body) {
        requireObject(body);
        return valueDate(body, "body", "");
    }

    /** A required integer id field of a body ({@code MemberId}, a bank account's {@code Id}), refused with 228. */
    static long idField(JsonNode body, String field) {
        requireObject(body);
        return memberId(field, property(body, field));
    }

    private static String iban(JsonNode account, String field) {
        String raw = text(account, "Iban", field, Integer.MAX_VALUE, KasaError.MEMBER_IBAN_TOO_LONG,
                KasaError.MEMBER_IBAN_REQUIRED);
        String iban = Iban.normalise(raw);
        if (iban.length() > Iban.MAX_LENGTH) {
            throw refuse(KasaError.MEMBER_IBAN_TOO_LONG, field + " en fazla " + Iban.MAX_LENGTH + " karakter olabilir",
                    field + " must be at most " + Iban.MAX_LENGTH + " characters long");
        }
        if (!Iban.hasValidForm(iban)) {
            throw refuse(KasaError.MEMBER_IBAN_INVALID,
                    field + " iki harf, iki kontrol rakamı ve 11-30 harf ya da rakamdan oluşmalıdır",
                    field + " must be two letters, two check digits and 11-30 letters or digits");
        }
        if (!Iban.hasValidLength(iban)) {
            throw refuse(KasaError.MEMBER_IBAN_INVALID,
                    field + ": TR IBAN'ları " + Iban.TURKISH_LENGTH + " karakterdir",
                    field + ": a TR IBAN has " + Iban.TURKISH_LENGTH + " characters");
        }
        if (!Iban.hasValidChecksum(iban)) {
            throw refuse(KasaError.MEMBER_IBAN_INVALID, field + " kontrol rakamları tutmuyor (mod 97)",
                    field + " fails its check digits (mod 97)");
        }
        return iban;
    }

    private static ValueDate valueDate(JsonNode node) {
        return valueDate(node, "ValueDate", "ValueDate.");
    }

    /** A value date from {@code node}, its fields named {@code prefix + "CalculationType"} and so on in refusals. */
    private static ValueDate valueDate(JsonNode node, String name, String prefix) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw refuse(KasaError.MEMBER_CALCULATION_TYPE_INVALID, name + " bir nesne olmalıdır",
                    name + " must be an object");
        }
        Integer type = integer(property(node, "CalculationType"), prefix + "CalculationType",
                KasaError.MEMBER_CALCULATION_TYPE_INVALID);
        if (type == null || type < 1 || type > 3) {
            throw refuse(KasaError.MEMBER_CALCULATION_TYPE_INVALID,
                    prefix + "CalculationType zorunludur ve 1, 2 veya 3 olmalıdır",
                    prefix + "CalculationType is required and must be 1, 2 or 3");
        }
        int max = ValueDate.maxValue(type);
        Integer value = integer(property(node, "CalculationValue"), prefix + "CalculationValue",
                KasaError.MEMBER_CALCULATION_VALUE_INVALID);
        if (value == null || value < 1 || value > max) {
            throw refuse(KasaError.MEMBER_CALCULATION_VALUE_INVALID,
                    prefix + "CalculationValue zorunludur ve CalculationType " + type + " için 1 ile " + max
                            + " arasında olmalıdır",
                    prefix + "CalculationValue is required and must be between 1 and " + max
                            + " for CalculationType " + type);
        }
        BigDecimal commission = decimal(property(node, "Commission"));
        if (commission == null || commission.signum() < 0 || commission.compareTo(ValueDate.MAX_COMMISSION) > 0
                || commission.stripTrailingZeros().scale() > 2) {
            throw refuse(KasaError.MEMBER_COMMISSION_INVALID,
                    prefix + "Commission zorunludur; 0 ile 100 arasında ve en fazla 2 ondalık basamaklı olmalıdır",
                    prefix + "Commission is required and must be 0 to 100 with at most 2 fraction digits");
        }
        return new ValueDate(type, value, commission);
    }

    /** A decimal from a JSON number or a numeric string; null when absent or not a number. */
    private static BigDecimal decimal(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (node.isBigDecimal() || node.isIntegralNumber()) {
            return node.decimalValue();
        }
        if (node.isFloatingPointNumber()) {
            // Read as a double: its shortest decimal text is the number that was sent.
            return new BigDecimal(node.asString());
        }
        if (node.isString() && DECIMAL.matcher(node.stringValue().strip()).matches()) {
            return new BigDecimal(node.stringValue().strip());
        }
        return null;
    }

    private static Integer integer(JsonNode node, String field, KasaError error) {
        if (absent(node)) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        if (node.isString() && INTEGER.matcher(node.stringValue().strip()).matches()) {
            return Integer.parseInt(node.stringValue().strip());
        }
        throw refuse(error, field + " bir tam sayı olmalıdır", field + " must be a whole number");
    }

    private static String text(JsonNode object, String field, int max, KasaError required) {
        return text(object, field, field, max, KasaError.MEMBER_TEXT_INVALID, required);
    }

    private static String text(JsonNode object, String field, int max, KasaError tooLong, KasaError required) {
        return text(object, field, field, max, tooLong, required);
    }

    /**
     * A text of at most {@code max} characters, stripped; absent, null or blank gives null, or
     * refuses with {@code required} when that is not null. Integral JSON numbers are read as
     * their digits (an external id or a tax number sent as a number).
     */
    private static String text(JsonNode object, String name, String field, int max, KasaError tooLong,
                               KasaError required) {
        JsonNode node = property(object, name);
        if (absent(node)) {
            if (required != null) {
                throw refuse(required, field + " alanı zorunludur", field + " is required");
            }
            return null;
        }
        String value;
        if (node.isString()) {
            value = node.stringValue().strip();
        } else if (node.isIntegralNumber()) {
            value = node.bigIntegerValue().toString();
        } else {
            throw refuse(KasaError.MEMBER_TEXT_INVALID, field + " bir metin olmalıdır", field + " must be text");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw refuse(tooLong, field + " en fazla " + max + " karakter olabilir",
                    field + " must be at most " + max + " characters long");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw refuse(KasaError.MEMBER_TEXT_INVALID, field + " NUL karakteri içeremez",
                    field + " must not contain the NUL character");
        }
        return value;
    }

    /** A property of a JSON object by name in any case (the last one wins); null when absent or JSON null. */
    private static JsonNode property(JsonNode object, String name) {
        JsonNode found = null;
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (property.getKey().equalsIgnoreCase(name)) {
                found = property.getValue();
            }
        }
        return found == null || found.isNull() ? null : found;
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isString() && node.stringValue().isBlank();
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Validation.invalid("İstek gövdesi bir JSON nesnesi olmalıdır", "The request body must be a JSON object");
        }
    }

    private static KasaException refuse(KasaError error, String tr, String en) {
        return new KasaException(error, new LocalizedText(tr, en));
    }
}
