package io.kasa.server.member;

import io.kasa.client.BankAccount;
import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.MemberBankAccount;
import io.kasa.client.MemberDetails;
import io.kasa.client.MemberValueDate;
import io.kasa.client.ValueDate;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.server.RawHttp.Answer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Member API's bank-account ({@code /member/bankaccount}: POST, PUT, DELETE, GET) and
 * value-date ({@code /member/valuedate}: GET, POST) calls against the real server and
 * PostgreSQL: every field with its JSON type, the edges of every limit, wrong types, and
 * another merchant's ids answering exactly like unknown ones.
 */
class MemberAccountsAndValueDatesIT extends KasaServerIT {

    private static final String PATH = "/api/paywall/member";
    private static final List<String> ACCOUNT_FIELDS = List.of("Id", "MemberId", "CurrencyId", "Currency", "Title", "Iban");
    private static final List<String> VALUE_DATE_FIELDS =
            List.of("Id", "MemberId", "CalculationType", "CalculationValue", "Commission");
    private static final String TR_IBAN = "TR330006100519786457841326";
    private static final String GB_IBAN = "GB82WEST12345698765432";

    private MerchantFixture merchant;
    private KasaClient client;
    private RawHttp http;
    private long member;

    @BeforeEach
    void merchant() {
        merchant = newMerchant("Member accounts");
        client = merchant.client();
        http = new RawHttp(baseUri);
        member = client.members().create(MemberDetails.of(true, 1, "berber", "Berber", "Ali Yılmaz", "ali@example.com",
                        "+905551112233", "Kadıköy")
                .withMemberIdentityNumber("10000000146").withContact("Ali", "Yılmaz")).id();
    }

    private RawHttp.Request raw(String method, String path) {
        return http.request(method, path).publicKeys(merchant.created().publicKey()).header("locale", "en");
    }

    private static JsonNode body(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().propertyNames()).containsExactlyInAnyOrder("ErrorCode", "Result", "Message", "Body");
        assertThat(answer.json().get("ErrorCode").intValue()).isZero();
        assertThat(answer.json().get("Result").booleanValue()).isTrue();
        return answer.json().get("Body");
    }

    private static String refused(Answer answer, int code, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().get("ErrorCode").intValue()).as(answer.text()).isEqualTo(code);
        assertThat(answer.json().get("Result").booleanValue()).isFalse();
        assertThat(answer.json().get("Body").isNull()).isTrue();
        return answer.json().get("Message").stringValue();
    }

    private static void refused(int code, int status, ThrowingCallable call) {
        KasaException failure = catchThrowableOfType(KasaException.class, call);
        assertThat(failure).as("refusal with %s", code).isNotNull();
        assertThat(failure.errorCode()).as(failure.getMessage()).isEqualTo(code);
        assertThat(failure.httpStatus()).isEqualTo(status);
    }

    private String account(long memberId, Object currencyId, String title, String iban) {
        return "{\"MemberId\":" + memberId + ",\"CurrencyId\":" + currencyId + ",\"Title\":\"" + title
                + "\",\"Iban\":\"" + iban + "\"}";
    }

    @Test
    void aBankAccountIsAddedChangedListedAndDeletedWithIntegerIds() {
        JsonNode added = body(raw("POST", PATH + "/bankaccount").json(account(member, 1, "Ali Yılmaz", "tr33 0006 1005 1978 6457 8413 26")).send());

        assertThat(added.propertyNames()).containsExactlyElementsOf(ACCOUNT_FIELDS);
        assertThat(added.get("Id").isIntegralNumber()).isTrue();
        assertThat(added.get("MemberId").isIntegralNumber()).isTrue();
        assertThat(added.get("MemberId").longValue()).isEqualTo(member);
        assertThat(added.get("CurrencyId").isInt()).isTrue();
        assertThat(added.get("Currency").stringValue()).isEqualTo("TRY");
        assertThat(added.get("Title").stringValue()).isEqualTo("Ali Yılmaz");
        assertThat(added.get("Iban").stringValue()).as("normalised").isEqualTo(TR_IBAN);
        long id = added.get("Id").longValue();

        assertThat(refused(raw("POST", PATH + "/bankaccount").json(account(member, 1, "Ali", TR_IBAN)).send(), 226, 400))
                .contains("currency 1");
        JsonNode listed = body(raw("GET", PATH + "/bankaccount").header("memberid", Long.toString(member)).send());
        assertThat(listed.isArray()).isTrue();
        assertThat(listed).containsExactly(added);
        assertThat(client.members().get(member).bankAccounts()).extracting(BankAccount::id).containsExactly(id);

        JsonNode changed = body(raw("PUT", PATH + "/bankaccount")
                .json("{\"Id\":\"" + id + "\",\"CurrencyId\":\"3\",\"Title\":\"Ali Yilmaz\",\"Iban\":\"" + GB_IBAN + "\"}").send());
        assertThat(changed.get("Id").longValue()).isEqualTo(id);
        assertThat(changed.get("MemberId").longValue()).isEqualTo(member);
        assertThat(changed.get("Currency").stringValue()).isEqualTo("EUR");
        assertThat(client.members().get(member).bankAccounts().getFirst().iban()).isEqualTo(GB_IBAN);

        assertThat(body(raw("DELETE", PATH + "/bankaccount").json("{\"Id\":" + id + "}").send()).isNull()).isTrue();
        assertThat(body(raw("GET", PATH + "/bankaccount").header("memberid", Long.toString(member)).send())).isEmpty();
        refused(raw("DELETE", PATH + "/bankaccount").json("{\"Id\":" + id + "}").send(), 224, 404);
        refused(raw("PUT", PATH + "/bankaccount").json("{\"Id\":" + id + ",\"CurrencyId\":1,\"Title\":\"A\",\"Iban\":\""
                + TR_IBAN + "\"}").send(), 224, 404);
        long again = body(raw("POST", PATH + "/bankaccount").json(account(member, 1, "Ali", TR_IBAN)).send()).get("Id").longValue();
        assertThat(again).as("ids increase and are never reused").isGreaterThan(id);
    }

    @Test
    void everyBankAccountFieldIsCheckedAtItsEdges() {
        String bank = PATH + "/bankaccount";
        refused(raw("POST", bank).json("{\"CurrencyId\":1,\"Title\":\"A\",\"Iban\":\"" + TR_IBAN + "\"}").send(), 228, 400);
        refused(raw("POST", bank).json(account(Long.MAX_VALUE, 1, "A", TR_IBAN)).send(), 198, 404);
        refused(raw("POST", bank).json("{\"MemberId\":\"x\",\"CurrencyId\":1,\"Title\":\"A\",\"Iban\":\"" + TR_IBAN + "\"}").send(), 228, 400);
        refused(raw("POST", bank).json(account(member, 0, "A", TR_IBAN)).send(), 217, 400);
        refused(raw("POST", bank).json(account(member, 8, "A", TR_IBAN)).send(), 217, 400);
        refused(raw("POST", bank).json(account(member, "true", "A", TR_IBAN)).send(), 217, 400);
        refused(raw("POST", bank).json(account(member, 1, "", TR_IBAN)).send(), 218, 400);
        refused(raw("POST", bank).json(account(member, 1, "a".repeat(101), TR_IBAN)).send(), 220, 400);
        refused(raw("POST", bank).json(account(member, 1, "A", "")).send(), 219, 400);
        refused(raw("POST", bank).json(account(member, 1, "A", "TR33" + "0".repeat(31))).send(), 221, 400);
        refused(raw("POST", bank).json(account(member, 1, "A", "TR340006100519786457841326")).send(), 222, 400);
        refused(raw("POST", bank).json("[]").send(), 1001, 400);
        refused(raw("PUT", bank).json("{\"CurrencyId\":1,\"Title\":\"A\",\"Iban\":\"" + TR_IBAN + "\"}").send(), 228, 400);
        refused(raw("DELETE", bank).json("{}").send(), 228, 400);
        refused(raw("GET", bank).send(), 228, 400);
        refused(raw("GET", bank).header("memberid", "0").send(), 228, 400);
        assertThat(client.members().get(member).bankAccounts()).as("nothing written").isEmpty();

        for (int currency = 1; currency <= 7; currency++) {
            body(raw("POST", bank).json(account(member, currency, "a".repeat(100), TR_IBAN)).send());
        }
        assertThat(client.members().bankAccounts(member)).extracting(MemberBankAccount::currencyId)
                .containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void theValueDateIsReadAndOverwrittenKeepingItsId() {
        assertThat(body(raw("GET", PATH + "/valuedate").header("memberid", Long.toString(member)).send()).isNull())
                .as("no value date yet").isTrue();

        JsonNode set = body(raw("POST", PATH + "/valuedate").json("{\"MemberId\":" + member
                + ",\"CalculationType\":1,\"CalculationValue\":100,\"Commission\":12.5}").send());
        assertThat(set.propertyNames()).containsExactlyElementsOf(VALUE_DATE_FIELDS);
        assertThat(set.get("Id").isIntegralNumber()).isTrue();
        assertThat(set.get("MemberId").longValue()).isEqualTo(member);
        assertThat(set.get("CalculationType").intValue()).isEqualTo(1);
        assertThat(set.get("CalculationValue").intValue()).isEqualTo(100);
        assertThat(set.get("Commission").isNumber()).isTrue();
        assertThat(set.get("Commission").decimalValue()).isEqualByComparingTo("12.5");

        JsonNode overwritten = body(raw("POST", PATH + "/valuedate").json("{\"memberId\":\"" + member
                + "\",\"calculationType\":\"3\",\"calculationValue\":28,\"commission\":\"0\"}").send());
        assertThat(overwritten.get("Id")).as("the value date keeps its id").isEqualTo(set.get("Id"));
        assertThat(overwritten.get("CalculationType").intValue()).isEqualTo(3);
        assertThat(body(raw("GET", PATH + "/valuedate").header("memberid", Long.toString(member)).send()))
                .isEqualTo(overwritten);
        assertThat(client.members().get(member).valueDate()).isEqualTo(new ValueDate(3, 28, new BigDecimal("0.00")));
    }

    @Test
    void everyValueDateFieldIsCheckedAtItsEdges() {
        String path = PATH + "/valuedate";
        String prefix = "{\"MemberId\":" + member + ",";
        refused(raw("POST", path).json("{\"CalculationType\":1,\"CalculationValue\":1,\"Commission\":1}").send(), 228, 400);
        refused(raw("POST", path).json("{\"MemberId\":" + Long.MAX_VALUE + ",\"CalculationType\":1,\"CalculationValue\":1,\"Commission\":1}").send(), 198, 404);
        refused(raw("POST", path).json(prefix + "\"CalculationType\":0,\"CalculationValue\":1,\"Commission\":1}").send(), 233, 400);
        refused(raw("POST", path).json(prefix + "\"CalculationType\":4,\"CalculationValue\":1,\"Commission\":1}").send(), 233, 400);
        refused(raw("POST", path).json(prefix + "\"CalculationType\":1,\"CalculationValue\":101,\"Commission\":1}").send(), 234, 400);
        refused(raw("POST", path).json(prefix + "\"CalculationType\":2,\"CalculationValue\":8,\"Commission\":1}").send(), 234, 400);
        refused(raw("POST", path).json(prefix + "\"CalculationType\":3,\"CalculationValue\":29,\"Commission\":1}").send(), 234, 400);
        refused(raw("POST", path).json(prefix + "\"CalculationType\":3,\"CalculationValue\":0,\"Commission\":1}").send(), 234, 400);
        refused(raw("POST", path).json(prefix + "\"CalculationType\":1,\"CalculationValue\":1,\"Commission\":100.01}").send(), 235, 400);
        refused(raw("POST", path).json(prefix + "\"CalculationType\":1,\"CalculationValue\":1,\"Commission\":-0.01}").send(), 235, 400);
        refused(raw("POST", path).json(prefix + "\"CalculationType\":1,\"CalculationValue\":1,\"Commission\":1.001}").send(), 235, 400);
        refused(raw("POST", path).json(prefix + "\"CalculationType\":1,\"CalculationValue\":1,\"Commission\":true}").send(), 235, 400);
        refused(raw("GET", path).send(), 228, 400);
        assertThat(client.members().valueDate(member)).as("nothing written").isNull();

        body(raw("POST", path).json(prefix + "\"CalculationType\":2,\"CalculationValue\":7,\"Commission\":100}").send());
        assertThat(client.members().valueDate(member).valueDate()).isEqualTo(ValueDate.dayOfWeek(7, new BigDecimal("100.00")));
    }

    @Test
    void anotherMerchantsMembersAndAccountsAnswerLikeUnknownOnes() {
        MemberBankAccount mine = client.members().addBankAccount(member, BankAccount.of(1, "Ali Yılmaz", TR_IBAN));
        client.members().setValueDate(member, ValueDate.plusDays(7, new BigDecimal("10")));
        KasaClient other = newMerchant("Other marketplace").client();

        refused(198, 404, () -> other.members().addBankAccount(member, BankAccount.of(2, "X", TR_IBAN)));
        refused(224, 404, () -> other.members().updateBankAccount(mine.id(), BankAccount.of(1, "X", TR_IBAN)));
        refused(224, 404, () -> other.members().deleteBankAccount(mine.id()));
        refused(198, 404, () -> other.members().bankAccounts(member));
        refused(198, 404, () -> other.members().valueDate(member));
        refused(198, 404, () -> other.members().setValueDate(member, ValueDate.plusDays(1, BigDecimal.ONE)));

        assertThat(client.members().bankAccounts(member)).containsExactly(mine);
        assertThat(client.members().valueDate(member).valueDate()).isEqualTo(ValueDate.plusDays(7, new BigDecimal("10.00")));
    }

    @Test
    void aDeletedMembersAccountsAndValueDateAreGoneFromTheApi() {
        MemberBankAccount account = client.members().addBankAccount(member, BankAccount.of(1, "Ali Yılmaz", TR_IBAN));
        client.members().delete(member);

        refused(198, 404, () -> client.members().bankAccounts(member));
        refused(224, 404, () -> client.members().deleteBankAccount(account.id()));
        refused(198, 404, () -> client.members().setValueDate(member, ValueDate.plusDays(1, BigDecimal.ONE)));
    }
}
