package io.kasa.server.member;

import io.kasa.client.BankAccount;
import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.Member;
import io.kasa.client.MemberDetails;
import io.kasa.client.ValueDate;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.server.RawHttp.Answer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Member API (docs/members.md) through the SDK and raw HTTP: its life cycle, every field
 * rule at and past its edge with Paywall's code, keys, and isolation between merchants.
 */
class MembersIT extends KasaServerIT {

    private static final String PATH = "/api/paywall/member";
    private static final List<String> ENVELOPE = List.of("ErrorCode", "Result", "Message", "Body");
    private static final List<String> MEMBER_FIELDS = List.of("Id", "IsSubMerchant", "MemberType",
            "MemberExternalId", "MemberName", "MemberTitle", "MemberTaxOffice", "MemberTaxNumber",
            "MemberIdentityNumber", "MemberEmail", "MemberPhone", "MemberAddress", "ContactName", "ContactLastname",
            "BankAccounts", "ValueDate", "InsertDateTime", "UpdateDateTime");
    /** Writes SDK records as the SDK does: PascalCase, nulls left out. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .changeDefaultPropertyInclusion(inclusion -> JsonInclude.Value.ALL_NON_NULL)
            .build();

    /** Valid IBANs: Turkish (26), British, and a 34-character one whose check digits hold. */
    private static final String TR_IBAN = "TR330006100519786457841326";
    private static final String GB_IBAN = "GB82WEST12345698765432";
    private static final String LONGEST_IBAN = iban("LC", "ABCD" + "1".repeat(26));
    /** Two valid Turkish identity numbers (TCKN). */
    private static final String TCKN = "10000000146";
    private static final String OTHER_TCKN = "11111111110";

    private MerchantFixture merchant;
    private KasaClient client;
    private RawHttp http;

    @BeforeEach
    void merchant() {
        merchant = newMerchant("Members");
        client = merchant.client();
        http = new RawHttp(baseUri);
    }

    // ---- fixtures ----------------------------------------------------------------------

    private static MemberDetails individual(String externalId) {
        return MemberDetails.of(true, 1, externalId, "Ayşe'nin Dükkânı", "Ayşe Yılmaz", "ayse@example.com",
                        "+90 532 111 22 33", "Bağdat Caddesi 1, Kadıköy, İstanbul")
                .withMemberIdentityNumber(TCKN)
                .withContact("Ayşe", "Yılmaz");
    }

    private static MemberDetails company(String externalId) {
        return MemberDetails.of(true, 3, externalId, "Çiçekçi", "Çiçek Ticaret Anonim Şirketi", "satis@cicek.example",
                        "02125550000", "Şişli, İstanbul")
                .withMemberTaxOffice("Şişli")
                .withMemberTaxNumber("1234567890")
                .withBankAccounts(List.of(BankAccount.of(1, "Çiçek Ticaret A.Ş.", TR_IBAN),
                        BankAccount.of(3, "Cicek Ticaret AS", GB_IBAN)))
                .withValueDate(ValueDate.plusDays(7, new BigDecimal("12.50")));
    }

    private RawHttp.Request raw(String method, String path) {
        return http.request(method, path).publicKeys(merchant.created().publicKey()).header("locale", "en");
    }

    /** Asserts the marketplace envelope and nothing else, and returns it. */
    private static JsonNode envelope(Answer answer) {
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.text()).doesNotContain("Exception", "\tat ", "java.");
        JsonNode envelope = answer.json();
        assertThat(envelope.propertyNames()).as(answer.text()).containsExactlyInAnyOrderElementsOf(ENVELOPE);
        return envelope;
    }

    private static JsonNode body(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode envelope = envelope(answer);
        assertThat(envelope.get("ErrorCode").intValue()).isZero();
        assertThat(envelope.get("Result").booleanValue()).isTrue();
        assertThat(envelope.get("Message").isNull()).isTrue();
        return envelope.get("Body");
    }

    /** Asserts a marketplace refusal with {@code code} and {@code status}; returns its message. */
    private static String refused(Answer answer, int code, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        JsonNode envelope = envelope(answer);
        assertThat(envelope.get("ErrorCode").intValue()).as(answer.text()).isEqualTo(code);
        assertThat(envelope.get("Result").booleanValue()).isFalse();
        assertThat(envelope.get("Body").isNull()).isTrue();
        assertThat(envelope.get("Message").stringValue()).isNotBlank();
        return envelope.get("Message").stringValue();
    }

    private static KasaException refused(int code, int status, ThrowingCallable call) {
        KasaException failure = catchThrowableOfType(KasaException.class, call);
        assertThat(failure).as("refusal with %s", code).isNotNull();
        assertThat(failure.errorCode()).as(failure.getMessage()).isEqualTo(code);
        assertThat(failure.httpStatus()).as(failure.getMessage()).isEqualTo(status);
        assertThat(failure.message()).isNotBlank();
        return failure;
    }

    /** An IBAN of {@code country} and {@code bban} with check digits that hold. */
    private static String iban(String country, String bban) {
        StringBuilder digits = new StringBuilder();
        for (char c : (bban + country + "00").toCharArray()) {
            digits.append(Character.digit(c, 36));
        }
        int check = 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
        return country + String.format("%02d", check) + bban;
    }

    // ---- life cycle --------------------------------------------------------------------

    @Test
    void aMemberIsCreatedReadListedUpdatedAndDeleted() {
        Member created = client.members().create(company("seller-1"));

        assertThat(created.id()).isNotNull();
        assertThat(created.isSubMerchant()).isTrue();
        assertThat(created.memberType()).isEqualTo(3);
        assertThat(created.memberExternalId()).isEqualTo("seller-1");
        assertThat(created.memberTitle()).isEqualTo("Çiçek Ticaret Anonim Şirketi");
        assertThat(created.memberIdentityNumber()).isNull();
        assertThat(created.contactName()).isNull();
        assertThat(created.bankAccounts()).extracting(BankAccount::currencyId, BankAccount::currency, BankAccount::iban)
                .containsExactly(tuple(1, "TRY", TR_IBAN),
                        tuple(3, "EUR", GB_IBAN));
        assertThat(created.valueDate()).isEqualTo(new ValueDate(1, 7, new BigDecimal("12.50")));
        assertThat(created.insertDateTime()).isNotNull();
        assertThat(created.updateDateTime()).isNull();
        assertThat(client.members().get(created.id())).isEqualTo(created);
        assertThat(client.members().list(0, 10)).containsExactly(created);

        Member updated = client.members().update(created.id(), individual("seller-1b")
                .withBankAccounts(List.of(BankAccount.of(2, "Ayşe Yılmaz", "gb82 west 1234 5698 7654 32")))
                .withValueDate(ValueDate.dayOfMonth(28, new BigDecimal("0"))));

        assertThat(updated.id()).isEqualTo(created.id());
        assertThat(updated.memberType()).isEqualTo(1);
        assertThat(updated.memberExternalId()).isEqualTo("seller-1b");
        assertThat(updated.memberTaxOffice()).isNull();
        assertThat(updated.memberIdentityNumber()).isEqualTo(TCKN);
        assertThat(updated.bankAccounts()).extracting(BankAccount::currencyId, BankAccount::iban)
                .containsExactly(tuple(2, GB_IBAN));
        assertThat(updated.valueDate()).isEqualTo(new ValueDate(3, 28, new BigDecimal("0.00")));
        assertThat(updated.insertDateTime()).isEqualTo(created.insertDateTime());
        assertThat(updated.updateDateTime()).isNotNull();
        assertThat(client.members().get(created.id())).isEqualTo(updated);

        client.members().delete(created.id());

        refused(198, 404, () -> client.members().get(created.id()));
        refused(198, 404, () -> client.members().update(created.id(), individual("seller-1b")));
        refused(198, 404, () -> client.members().delete(created.id()));
        assertThat(client.members().list(0, 10)).isEmpty();
        assertThat(client.members().create(individual("seller-1b")).id()).isNotEqualTo(created.id());
    }

    @Test
    void theWireCarriesPaywallsNamesAndTheMemberIdAsId() {
        String json = """
                {"isSubMerchant": true, "memberType": "3", "memberExternalId": 4651176935,
                 "MEMBERNAME": "Intranet", "memberTitle": "Intranet Technology Yazılım A.Ş.",
                 "memberTaxOffice": "Beşiktaş", "memberTaxNumber": "4651176935", "memberEmail": "member@paywall.one",
                 "memberPhone": "5554443322", "memberAddress": "test adresi", "unknown": [1, 2],
                 "bankAccounts": [{"currencyId": "1", "title": "Ünvan", "iban": "tr33 0006 1005 1978 6457 8413 26"}],
                 "valueDate": {"calculationType": 2, "calculationValue": "5", "commission": "10"}}
                """;

        Answer answer = raw("POST", PATH).json(json).send();
        JsonNode member = body(answer);

        assertThat(member.propertyNames()).containsExactlyElementsOf(MEMBER_FIELDS);
        assertThat(member.get("Id").isIntegralNumber()).as("MemberId is a JSON integer").isTrue();
        long id = member.get("Id").longValue();
        assertThat(id).isPositive();
        assertThat(member.get("MemberType").intValue()).isEqualTo(3);
        assertThat(member.get("MemberExternalId").stringValue()).isEqualTo("4651176935");
        assertThat(member.get("MemberIdentityNumber").isNull()).isTrue();
        assertThat(member.get("InsertDateTime").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?");
        assertThat(member.get("UpdateDateTime").isNull()).isTrue();
        JsonNode account = member.get("BankAccounts").get(0);
        assertThat(account.propertyNames()).containsExactly("Id", "CurrencyId", "Currency", "Title", "Iban");
        assertThat(account.get("Id").isIntegralNumber()).as("a bank account's Id is a JSON integer").isTrue();
        assertThat(account.get("Iban").stringValue()).isEqualTo(TR_IBAN);
        assertThat(account.get("Currency").stringValue()).isEqualTo("TRY");
        assertThat(member.get("ValueDate").propertyNames())
                .containsExactly("CalculationType", "CalculationValue", "Commission");
        assertThat(answer.text()).contains("\"Commission\":10.00");
        assertThat(jdbc.sql("select iban from member_bank_account where member_id = :id").param("id", id)
                .query(String.class).single()).isEqualTo(TR_IBAN);

        JsonNode detail = body(raw("GET", PATH + "/detail").header("memberid", " " + id + " ").send());
        assertThat(detail).isEqualTo(member);
        JsonNode list = body(raw("GET", PATH).header("start", "0").header("length", "50").send());
        assertThat(list.isArray()).as("Body is a bare array, as the page's sample shows").isTrue();
        assertThat(list).containsExactly(member);
        assertThat(body(raw("DELETE", PATH).json("{\"id\":\"" + id + "\"}").send()).isNull()).isTrue();
        refused(raw("GET", PATH + "/detail").header("memberid", Long.toString(id)).send(), 198, 404);
    }

    @Test
    void turkishTextRoundTripsAndMessagesFollowTheLocale() {
        String text = "ğüşıöç ĞÜŞİÖÇ — Iğdır'da “Şahin” Çarşısı №5";
        Member created = client.members().create(individual("türkçe-ğüş").withMemberName(text)
                .withMemberAddress(text).withContact("Çağrı", "Işıkoğlu")
                .withBankAccounts(List.of(BankAccount.of(1, "Çağrı Işıkoğlu", TR_IBAN))));

        Member read = client.members().get(created.id());
        assertThat(read.memberName()).isEqualTo(text);
        assertThat(read.memberAddress()).isEqualTo(text);
        assertThat(read.memberExternalId()).isEqualTo("türkçe-ğüş");
        assertThat(read.contactLastname()).isEqualTo("Işıkoğlu");
        assertThat(read.bankAccounts().getFirst().title()).isEqualTo("Çağrı Işıkoğlu");

        String unknown = Long.toString(Long.MAX_VALUE);
        assertThat(refused(http.get(PATH + "/detail").publicKeys(merchant.created().publicKey())
                .header("memberid", unknown).send(), 198, 404)).isEqualTo("Üye bulunamadı");
        assertThat(refused(raw("GET", PATH + "/detail").header("memberid", unknown).send(), 198, 404))
                .isEqualTo("Member not found");
        KasaClient turkish = client.withLocale("tr");
        assertThat(refused(215, 400, () -> turkish.members().create(individual("x").withMemberEmail("no-at-sign")))
                .message()).isEqualTo("Üyenin e-posta adresi geçersiz: MemberEmail geçerli bir e-posta adresi değil");
    }

    @Test
    void updateKeepsBankAccountsAndValueDateUnlessItCarriesThem() {
        Member created = client.members().create(company("keep"));
        MemberDetails plain = company("keep").withBankAccounts(null).withValueDate(null).withMemberName("Renamed");

        Member kept = client.members().update(created.id(), plain);

        assertThat(kept.memberName()).isEqualTo("Renamed");
        assertThat(kept.bankAccounts()).isEqualTo(created.bankAccounts());
        assertThat(kept.valueDate()).isEqualTo(created.valueDate());

        Member cleared = client.members().update(created.id(), plain.withBankAccounts(List.of()));

        assertThat(cleared.bankAccounts()).isEmpty();
        assertThat(cleared.valueDate()).isEqualTo(created.valueDate());
    }

    @Test
    void aRefusedUpdateChangesNothing() {
        Member created = client.members().create(company("atomic"));
        MemberDetails broken = company("atomic-2").withMemberName("Changed")
                .withBankAccounts(List.of(BankAccount.of(2, "Fine", GB_IBAN), BankAccount.of(7, "Broken", TR_IBAN + "0")));

        refused(222, 400, () -> client.members().update(created.id(), broken));
        client.members().create(individual("taken"));
        refused(227, 409, () -> client.members().update(created.id(),
                company("taken").withBankAccounts(List.of(BankAccount.of(2, "Fine", GB_IBAN)))));

        assertThat(client.members().get(created.id())).isEqualTo(created);
        assertThat(jdbc.sql("select count(*) from member_bank_account where member_id = :id").param("id", created.id())
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void externalIdsAreUniquePerMerchantAmongLiveMembersAndCaseSensitive() {
        Member first = client.members().create(individual("ext-1"));

        refused(227, 409, () -> client.members().create(company("ext-1")));
        Member upper = client.members().create(individual("EXT-1"));
        refused(227, 409, () -> client.members().update(upper.id(), individual("ext-1")));
        assertThat(newMerchant("Other shop").client().members().create(individual("ext-1")).id()).isNotNull();

        client.members().deleteByExternalId("ext-1");

        refused(198, 404, () -> client.members().get(first.id()));
        refused(198, 404, () -> client.members().deleteByExternalId("ext-1"));
        assertThat(client.members().create(individual("ext-1")).id()).isNotEqualTo(first.id());
        assertThat(client.members().list(0, 10).size()).isEqualTo(2);
    }

    @Test
    void theListPagesByOffsetAndLength() {
        List<Long> ids = Stream.of("a", "b", "c").map(id -> client.members().create(individual(id)).id()).toList();

        assertThat(client.members().list(0, 2)).extracting(Member::id).containsExactlyElementsOf(ids.subList(0, 2));
        assertThat(client.members().list(1, 2)).extracting(Member::id).containsExactlyElementsOf(ids.subList(1, 3));
        assertThat(client.members().list(2, 50)).extracting(Member::id).containsExactly(ids.get(2));
        assertThat(client.members().list(3, 1)).isEmpty();
        assertThat(client.members().list(0, 50)).hasSize(3);
        JsonNode defaults = body(raw("GET", PATH).send());
        assertThat(defaults.isArray()).isTrue();
        assertThat(defaults.size()).as("length defaults to 10").isEqualTo(3);

        refused(1001, 400, () -> client.members().list(0, 0));
        refused(1001, 400, () -> client.members().list(0, 51));
        refused(1001, 400, () -> client.members().list(-1, 10));
        assertThat(refused(raw("GET", PATH).header("start", "x").send(), 1001, 400)).contains("start");
        assertThat(refused(raw("GET", PATH).header("length", "1.5").send(), 1001, 400)).contains("length");
    }

    @Test
    void searchMatchesEveryCriterionGivenAmongTheMerchantsLiveMembers() {
        Member a = client.members().create(individual("a"));
        Member b = client.members().create(individual("b").withMemberName("Baska Dukkan"));
        Member c = client.members().create(company("c"));
        Member gone = client.members().create(individual("gone"));
        client.members().delete(gone.id());
        newMerchant("Other search").client().members().create(individual("a"));

        assertThat(client.members().search(java.util.Map.of("memberexternalid", "a"), 0, 50)).containsExactly(a);
        assertThat(client.members().search(java.util.Map.of("memberemail", "AYSE@example.com"), 0, 50))
                .as("e-mail in any case; the deleted member and the other merchant's are not found").containsExactly(a, b);
        assertThat(client.members().search(java.util.Map.of("memberidentitynumber", TCKN, "membername", "Baska Dukkan"), 0, 50))
                .as("every criterion must hold").containsExactly(b);
        assertThat(client.members().search(java.util.Map.of("memberphone", "02125550000"), 0, 50)).containsExactly(c);
        assertThat(client.members().search(java.util.Map.of("memberemail", "ayse@example.com"), 1, 1)).containsExactly(b);
        assertThat(client.members().search(java.util.Map.of("memberexternalid", "gone"), 0, 50)).isEmpty();

        JsonNode found = body(raw("GET", PATH + "/search").header("memberexternalid", " c ").send());
        assertThat(found.isArray()).isTrue();
        assertThat(found.get(0).propertyNames()).containsExactlyElementsOf(MEMBER_FIELDS);
        assertThat(found.get(0).get("Id").longValue()).isEqualTo(c.id());
        assertThat(refused(raw("GET", PATH + "/search").send(), 1001, 400)).contains("memberexternalid");
        refused(raw("GET", PATH + "/search").header("membername", " ").send(), 1001, 400);
        refused(raw("GET", PATH + "/search").header("membername", "x").header("length", "51").send(), 1001, 400);
        refused(raw("GET", PATH + "/search").header("membername", "x").header("start", "-1").send(), 1001, 400);
        refused(raw("GET", PATH + "/search").header("memberexternalid", "x".repeat(51)).send(), 1001, 400);
        assertThat(body(raw("GET", PATH + "/search").header("memberexternalid", "x".repeat(50)).send())).isEmpty();
        refused(raw("GET", PATH + "/search").header("memberidentitynumber", "10000000147").send(), 1001, 400);
        refused(raw("GET", PATH + "/search").header("memberphone", "1".repeat(21)).send(), 1001, 400);
    }

    @Test
    void anotherMerchantsMembersAreInvisible() {
        Member mine = client.members().create(company("mine"));
        KasaClient other = newMerchant("Other marketplace").client();

        refused(198, 404, () -> other.members().get(mine.id()));
        refused(198, 404, () -> other.members().update(mine.id(), company("mine")));
        refused(198, 404, () -> other.members().delete(mine.id()));
        refused(198, 404, () -> other.members().deleteByExternalId("mine"));
        assertThat(other.members().list(0, 50)).isEmpty();

        assertThat(client.members().get(mine.id())).isEqualTo(mine);
    }

    @Test
    void thePrivatePairAndNoKeysAreRefusedInTheMarketplaceEnvelope() {
        Answer withPrivate = http.post(PATH).privateKeys(merchant.created().privateKey())
                .json(JSON.writeValueAsString(individual("p"))).send();
        Answer withNone = http.get(PATH).send();
        Answer mixed = http.get(PATH + "/detail").header("memberid", "1")
                .header("apiclientpublic", merchant.created().publicKey().client())
                .header("apikeypublic", merchant.created().privateKey().secret()).send();

        for (Answer answer : List.of(withPrivate, withNone, mixed)) {
            refused(answer, 1002, 401);
        }
        assertThat(client.members().list(0, 10).size()).isZero();
    }

    @Test
    void idsAreRequiredPositive64BitIntegers() {
        assertThat(refused(raw("PUT", PATH).json(JSON.writeValueAsString(individual("x"))).send(), 228, 400)).contains("Id");
        ObjectNode update = JSON.valueToTree(individual("x"));
        for (String wrong : List.of("0", "-1", "1.5", "1e3", "9223372036854775808", "", " ", "x")) {
            update.put("Id", wrong);
            assertThat(refused(raw("PUT", PATH).json(update.toString()).send(), 228, 400)).as(wrong).contains("Id");
        }
        update.put("Id", UUID.randomUUID().toString());
        assertThat(refused(raw("PUT", PATH).json(update.toString()).send(), 228, 400)).as("a GUID is no MemberId").contains("Id");
        update.put("Id", 0);
        refused(raw("PUT", PATH).json(update.toString()).send(), 228, 400);
        update.put("Id", 1.5);
        refused(raw("PUT", PATH).json(update.toString()).send(), 228, 400);
        update.put("Id", true);
        refused(raw("PUT", PATH).json(update.toString()).send(), 228, 400);
        update.set("Id", JSON.createObjectNode());
        refused(raw("PUT", PATH).json(update.toString()).send(), 228, 400);
        update.put("Id", Long.MAX_VALUE);
        refused(raw("PUT", PATH).json(update.toString()).send(), 198, 404);
        update.put("Id", "9223372036854775807");
        refused(raw("PUT", PATH).json(update.toString()).send(), 198, 404);

        assertThat(refused(raw("DELETE", PATH).json("{}").send(), 223, 400)).contains("MemberExternalId");
        refused(raw("DELETE", PATH).json("{\"Id\":\"not-an-id\",\"MemberExternalId\":\"x\"}").send(), 228, 400);
        refused(raw("DELETE", PATH).json("{\"Id\":" + Long.MAX_VALUE + "}").send(), 198, 404);
        assertThat(refused(raw("GET", PATH + "/detail").send(), 228, 400)).contains("memberid");
        refused(raw("GET", PATH + "/detail").header("memberid", "1-1-1-1-1").send(), 228, 400);
        refused(raw("GET", PATH + "/detail").header("memberid", UUID.randomUUID().toString()).send(), 228, 400);
        refused(raw("GET", PATH + "/detail").header("memberid", "0").send(), 228, 400);
        refused(raw("POST", PATH).json("[]").send(), 1001, 400);
        refused(raw("POST", PATH).json("{").send(), 1001, 400);
    }

    // ---- every field rule --------------------------------------------------------------

    /**
     * One rule at or past its edge: the {@code base} member (individual, sole proprietor,
     * company or plain) with {@code path} set to the raw JSON {@code value} (null removes it);
     * {@code code} 0 means accepted.
     */
    record Rule(String base, String path, String value, int code, String field) {

        @Override
        public String toString() {
            String shown = value == null ? "absent" : value.length() > 40 ? value.substring(0, 37) + "…(" + value.length() + ")" : value;
            return base + " " + path + "=" + shown + " → " + (code == 0 ? "accepted" : code);
        }
    }

    private static Arguments accepted(String base, String path, String value) {
        return Arguments.of(new Rule(base, path, value, 0, null));
    }

    /** A refusal whose message names {@code path} (or the object holding it). */
    private static Arguments refused(String base, String path, String value, int code) {
        return refused(base, path, value, code, path);
    }

    private static Arguments refused(String base, String path, String value, int code, String field) {
        return Arguments.of(new Rule(base, path, value, code, field));
    }

    /** A JSON string of {@code length} Turkish letters, so limits count characters, not bytes. */
    private static String text(int length) {
        return "\"" + "ğ".repeat(length) + "\"";
    }

    private static String string(String value) {
        return "\"" + value + "\"";
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // 200 type
                refused("individual", "IsSubMerchant", null, 200),
                refused("individual", "IsSubMerchant", "\"yes\"", 200),
                refused("individual", "IsSubMerchant", "1", 200),
                accepted("individual", "IsSubMerchant", "\"false\""),
                refused("individual", "MemberType", null, 200),
                refused("individual", "MemberType", "0", 200),
                refused("individual", "MemberType", "4", 200),
                refused("individual", "MemberType", "\"bir\"", 200),
                refused("individual", "MemberType", "1.5", 200),
                accepted("individual", "MemberType", "\"1\""),
                accepted("plain", "MemberType", null),
                refused("plain", "MemberType", "5", 200),
                refused("plain", "MemberType", "3", 204, "MemberTaxOffice"),
                // 201-203, 207-209 required texts, 212 lengths
                refused("individual", "MemberExternalId", null, 201),
                refused("individual", "MemberExternalId", "\"   \"", 201),
                accepted("individual", "MemberExternalId", text(50)),
                refused("individual", "MemberExternalId", text(51), 212),
                refused("individual", "MemberExternalId", "true", 212),
                refused("individual", "MemberName", null, 202),
                refused("individual", "MemberName", "\"\"", 202),
                accepted("individual", "MemberName", text(100)),
                refused("individual", "MemberName", text(101), 212),
                refused("individual", "MemberName", "{\"a\":1}", 212),
                refused("individual", "MemberName", "\"a\\u0000b\"", 212),
                refused("individual", "MemberTitle", null, 203),
                accepted("individual", "MemberTitle", text(200)),
                refused("individual", "MemberTitle", text(201), 212),
                refused("individual", "MemberEmail", null, 207),
                refused("individual", "MemberEmail", "\"ayse.example.com\"", 215),
                refused("individual", "MemberEmail", "\"ayse@example\"", 215),
                accepted("individual", "MemberEmail", string("a".repeat(88) + "@example.com")),
                refused("individual", "MemberEmail", string("a".repeat(89) + "@example.com"), 212),
                refused("individual", "MemberPhone", null, 208),
                accepted("individual", "MemberPhone", "\"1234567\""),
                refused("individual", "MemberPhone", "\"123456\"", 216),
                accepted("individual", "MemberPhone", "\"123456789012345\""),
                refused("individual", "MemberPhone", "\"1234567890123456\"", 216),
                refused("individual", "MemberPhone", "\"0532 ABC 22 33\"", 216),
                refused("individual", "MemberPhone", "\"0532+111\"", 216),
                accepted("individual", "MemberPhone", "\"+90 212 555 00 00 00\""),
                refused("individual", "MemberPhone", "\"+90 212 555 00 00 000\"", 212),
                refused("individual", "MemberAddress", null, 209),
                accepted("individual", "MemberAddress", text(255)),
                refused("individual", "MemberAddress", text(256), 212),
                // 204, 205, 213 tax office and number: companies (types 2 and 3)
                refused("company", "MemberTaxOffice", null, 204),
                refused("sole", "MemberTaxOffice", null, 204),
                accepted("individual", "MemberTaxOffice", "\"Kadıköy\""),
                accepted("company", "MemberTaxOffice", text(100)),
                refused("company", "MemberTaxOffice", text(101), 212),
                refused("company", "MemberTaxNumber", null, 205),
                refused("sole", "MemberTaxNumber", null, 205),
                refused("company", "MemberTaxNumber", "\"123456789\"", 213),
                accepted("company", "MemberTaxNumber", "\"1234567890\""),
                accepted("company", "MemberTaxNumber", "12345678901"),
                refused("company", "MemberTaxNumber", "\"123456789012\"", 213),
                refused("company", "MemberTaxNumber", "\"12345abcde\"", 213),
                // 206, 214 identity number: individuals and sole proprietors
                refused("individual", "MemberIdentityNumber", null, 206),
                refused("sole", "MemberIdentityNumber", null, 206),
                accepted("company", "MemberIdentityNumber", null),
                accepted("individual", "MemberIdentityNumber", string(OTHER_TCKN)),
                refused("individual", "MemberIdentityNumber", "\"10000000147\"", 214),
                refused("individual", "MemberIdentityNumber", "\"10000000136\"", 214),
                refused("individual", "MemberIdentityNumber", "\"01000000146\"", 214),
                refused("individual", "MemberIdentityNumber", "\"1000000014\"", 214),
                refused("individual", "MemberIdentityNumber", "\"100000001460\"", 214),
                refused("individual", "MemberIdentityNumber", "\"1000000014a\"", 214),
                // 210, 211 contact: individuals and sole proprietors
                refused("individual", "ContactName", null, 210),
                refused("sole", "ContactName", null, 210),
                accepted("company", "ContactName", null),
                accepted("individual", "ContactName", text(50)),
                refused("individual", "ContactName", text(51), 212),
                refused("individual", "ContactLastname", null, 211),
                refused("sole", "ContactLastname", null, 211),
                accepted("individual", "ContactLastname", text(50)),
                refused("individual", "ContactLastname", text(51), 212),
                // 217-222, 226 bank accounts
                accepted("company", "BankAccounts", "[]"),
                accepted("company", "BankAccounts", null),
                refused("company", "BankAccounts", "\"TR33\"", 226),
                refused("company", "BankAccounts", "[1]", 226),
                refused("company", "BankAccounts[1].CurrencyId", "1", 226, "BankAccounts"),
                refused("company", "BankAccounts", eightAccounts(), 226),
                refused("company", "BankAccounts[0].CurrencyId", "0", 217),
                accepted("company", "BankAccounts[0].CurrencyId", "7"),
                refused("company", "BankAccounts[0].CurrencyId", "8", 217),
                refused("company", "BankAccounts[0].CurrencyId", null, 217),
                refused("company", "BankAccounts[0].CurrencyId", "\"TRY\"", 217),
                refused("company", "BankAccounts[0].Title", null, 218),
                refused("company", "BankAccounts[0].Title", "\" \"", 218),
                accepted("company", "BankAccounts[0].Title", text(100)),
                refused("company", "BankAccounts[0].Title", text(101), 220),
                refused("company", "BankAccounts[0].Iban", null, 219),
                accepted("company", "BankAccounts[0].Iban", "\"tr33 0006 1005 1978 6457 8413 26\""),
                refused("company", "BankAccounts[0].Iban", "\"TR330006100519786457841327\"", 222),
                refused("company", "BankAccounts[0].Iban", "\"TR370006400012345678987654\"", 222),
                refused("company", "BankAccounts[0].Iban", string(iban("TR", "1".repeat(21))), 222),
                refused("company", "BankAccounts[0].Iban", string(iban("TR", "1".repeat(23))), 222),
                accepted("company", "BankAccounts[0].Iban", string(iban("TR", "1".repeat(22)))),
                refused("company", "BankAccounts[0].Iban", "\"TRAB0006100519786457841326\"", 222),
                refused("company", "BankAccounts[0].Iban", "\"TR33-0006-1005-1978-6457-8413-26\"", 222),
                accepted("company", "BankAccounts[0].Iban", string(LONGEST_IBAN)),
                refused("company", "BankAccounts[0].Iban", string(iban("LC", "ABCD" + "1".repeat(27))), 221),
                accepted("company", "BankAccounts[0].Iban", string(iban("NO", "86011117947"))),
                refused("company", "BankAccounts[0].Iban", string(iban("NO", "8601111794")), 222),
                // 233-235 value date
                accepted("company", "ValueDate", null),
                refused("company", "ValueDate", "[1, 7, 10]", 233),
                refused("company", "ValueDate.CalculationType", null, 233),
                refused("company", "ValueDate.CalculationType", "0", 233),
                refused("company", "ValueDate.CalculationType", "4", 233),
                refused("company", "ValueDate", valueDate(1, "0", "10"), 234),
                accepted("company", "ValueDate", valueDate(1, "1", "10")),
                accepted("company", "ValueDate", valueDate(1, "100", "10")),
                refused("company", "ValueDate", valueDate(1, "101", "10"), 234),
                refused("company", "ValueDate", valueDate(2, "0", "10"), 234),
                accepted("company", "ValueDate", valueDate(2, "1", "10")),
                accepted("company", "ValueDate", valueDate(2, "7", "10")),
                refused("company", "ValueDate", valueDate(2, "8", "10"), 234),
                refused("company", "ValueDate", valueDate(3, "0", "10"), 234),
                accepted("company", "ValueDate", valueDate(3, "1", "10")),
                accepted("company", "ValueDate", valueDate(3, "28", "10")),
                refused("company", "ValueDate", valueDate(3, "29", "10"), 234),
                refused("company", "ValueDate.CalculationValue", null, 234),
                refused("company", "ValueDate.CalculationValue", "7.5", 234),
                accepted("company", "ValueDate.Commission", "0"),
                accepted("company", "ValueDate.Commission", "100"),
                accepted("company", "ValueDate.Commission", "100.00"),
                accepted("company", "ValueDate.Commission", "99.99"),
                accepted("company", "ValueDate.Commission", "\"12.5\""),
                refused("company", "ValueDate.Commission", "100.01", 235),
                refused("company", "ValueDate.Commission", "1.234", 235),
                refused("company", "ValueDate.Commission", "-0.01", 235),
                refused("company", "ValueDate.Commission", null, 235),
                refused("company", "ValueDate.Commission", "\"%10\"", 235));
    }

    private static String valueDate(int type, String value, String commission) {
        return "{\"CalculationType\":" + type + ",\"CalculationValue\":" + value + ",\"Commission\":" + commission + "}";
    }

    private static String eightAccounts() {
        ArrayNode accounts = JSON.createArrayNode();
        for (int currency = 1; currency <= 8; currency++) {
            accounts.addObject().put("CurrencyId", Math.min(currency, 7)).put("Title", "T").put("Iban", TR_IBAN);
        }
        return accounts.toString();
    }

    private static ObjectNode base(String name) {
        MemberDetails member = switch (name) {
            case "individual" -> individual("rule");
            case "sole" -> individual("rule").withMemberType(2).withMemberTaxOffice("Kadıköy")
                    .withMemberTaxNumber(TCKN);
            case "company" -> company("rule");
            case "plain" -> MemberDetails.of(false, null, "rule", "Tedarikçi", "Tedarikçi Ltd.", "t@example.com",
                    "02165550000", "Ankara");
            default -> throw new IllegalArgumentException(name);
        };
        return JSON.valueToTree(member);
    }

    /** Sets {@code path} ({@code A}, {@code A.B} or {@code A[i].B}) to raw JSON, or removes it when null. */
    private static void patch(ObjectNode body, String path, String value) {
        ObjectNode target = body;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            String step = steps[i];
            int bracket = step.indexOf('[');
            target = bracket < 0 ? (ObjectNode) target.get(step)
                    : (ObjectNode) target.get(step.substring(0, bracket))
                    .get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
        }
        String last = steps[steps.length - 1];
        if (value == null) {
            target.remove(last);
        } else {
            target.set(last, JSON.readTree(value));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void everyFieldRuleAtAndPastItsEdge(Rule rule) {
        ObjectNode body = base(rule.base());
        patch(body, rule.path(), rule.value());

        Answer answer = raw("POST", PATH).json(body.toString()).send();

        if (rule.code() == 0) {
            JsonNode member = body(answer);
            assertThat(client.members().get(member.get("Id").longValue()).memberExternalId())
                    .isNotBlank();
            return;
        }
        String message = refused(answer, rule.code(), 400);
        assertThat(message).as(answer.text()).contains(rule.field());
        assertThat(client.members().list(0, 50).size()).as("nothing written").isZero();
        assertThat(jdbc.sql("select count(*) from member_bank_account a join member m on m.id = a.member_id "
                        + "where m.merchant_id = :merchant").param("merchant", merchant.created().merchantId())
                .query(Long.class).single()).isZero();
    }

    /** A member name holding a lone UTF-16 surrogate is not Unicode: refused naming the field, nothing written. */
    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "Ay\\ud800\\u015fe", "\\udc00"})
    void aMemberNameThatIsNotUnicodeIsRefusedNamingIt(String escaped) {
        ObjectNode body = base("individual");
        body.put("MemberName", "@@");
        String json = body.toString().replace("@@", escaped);

        String message = refused(raw("POST", PATH).json(json).send(), 1001, 400);

        assertThat(message).contains("MemberName").contains("not valid Unicode");
        assertThat(client.members().list(0, 50).size()).as("nothing written").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"individual", "sole", "company", "plain"})
    void everyBaseMemberIsAcceptedBySdkAndRawAlike(String base) {
        JsonNode member = body(raw("POST", PATH).json(base(base).toString()).send());
        ObjectNode update = base(base);
        update.put("Id", member.get("Id").longValue());
        update.put("MemberName", "Güncellendi");

        JsonNode updated = body(raw("PUT", PATH).json(update.toString()).send());

        assertThat(updated.get("MemberName").stringValue()).isEqualTo("Güncellendi");
        assertThat(updated.get("InsertDateTime")).isEqualTo(member.get("InsertDateTime"));
    }

    @Test
    void theSameRulesGuardAnUpdate() {
        Member created = client.members().create(individual("guarded"));

        refused(206, 400, () -> client.members().update(created.id(), individual("guarded").withMemberIdentityNumber(null)));
        refused(234, 400, () -> client.members().update(created.id(),
                individual("guarded").withValueDate(ValueDate.dayOfWeek(8, BigDecimal.ONE))));
        refused(235, 400, () -> client.members().update(created.id(),
                individual("guarded").withValueDate(ValueDate.dayOfWeek(1, new BigDecimal("1.234")))));

        assertThat(client.members().get(created.id())).isEqualTo(created);
    }
}
