package io.kasa.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What {@link Members} puts on the wire and how it reads the marketplace envelope. */
class MembersWireTests {

    private static final long MEMBER = 4_294_967_301L;
    private static final String MEMBER_JSON = """
            {"Id":4294967301,"IsSubMerchant":true,"MemberType":1,
             "MemberExternalId":"m-1","MemberName":"Ayşe","MemberTitle":"Ayşe Yılmaz","MemberTaxOffice":null,
             "MemberTaxNumber":null,"MemberIdentityNumber":"10000000146","MemberEmail":"a@b.example",
             "MemberPhone":"5554443322","MemberAddress":"Üsküdar","ContactName":"Ayşe","ContactLastname":"Yılmaz",
             "BankAccounts":[{"Id":17,"CurrencyId":1,"Currency":"TRY",
               "Title":"Ayşe Yılmaz","Iban":"TR330006100519786457841326"}],
             "ValueDate":{"CalculationType":2,"CalculationValue":5,"Commission":12.50},
             "InsertDateTime":"2024-09-02T13:52:34.504179","UpdateDateTime":null}
            """;

    private ScriptedServer server;
    private KasaClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        client = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void body(String json) {
        server.answer(200, "{\"ErrorCode\":0,\"Result\":true,\"Message\":null,\"Body\":" + json + "}");
    }

    @Test
    void createSendsPaywallNamesWithThePublicPairAndReadsTheMember() {
        body(MEMBER_JSON);
        MemberDetails details = MemberDetails.of(true, 1, "m-1", "Ayşe", "Ayşe Yılmaz", "a@b.example", "5554443322",
                        "Üsküdar")
                .withMemberIdentityNumber("10000000146").withContact("Ayşe", "Yılmaz")
                .withBankAccounts(List.of(BankAccount.of(1, "Ayşe Yılmaz", "TR33 0006 1005 1978 6457 8413 26")))
                .withValueDate(ValueDate.dayOfWeek(5, new BigDecimal("12.50")));

        Member member = client.members().create(details);

        ScriptedServer.Received sent = server.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/paywall/member");
        assertThat(sent.header("apiclientpublic")).isEqualTo("pub-client");
        assertThat(sent.header("apikeyprivate")).isNull();
        JsonNode json = KasaJson.MAPPER.readTree(sent.body());
        assertThat(json.propertyNames()).containsExactlyInAnyOrder("IsSubMerchant", "MemberType", "MemberExternalId",
                "MemberName", "MemberTitle", "MemberIdentityNumber", "MemberEmail", "MemberPhone", "MemberAddress",
                "ContactName", "ContactLastname", "BankAccounts", "ValueDate");
        assertThat(json.get("BankAccounts").get(0).propertyNames()).containsExactly("CurrencyId", "Title", "Iban");
        assertThat(json.get("ValueDate").get("Commission").decimalValue()).isEqualTo(new BigDecimal("12.50"));
        assertThat(member.id()).isEqualTo(MEMBER);
        assertThat(member.bankAccounts().getFirst().currency()).isEqualTo("TRY");
        assertThat(member.bankAccounts().getFirst().id()).isEqualTo(17L);
        assertThat(member.valueDate()).isEqualTo(new ValueDate(2, 5, new BigDecimal("12.50")));
        assertThat(member.updateDateTime()).isNull();
    }

    @Test
    void updateSendsTheIdBesideTheFields() {
        body(MEMBER_JSON);

        client.members().update(MEMBER, MemberDetails.of(false, null, "m-1", "A", "A", "a@b.example", "5554443322", "X"));

        JsonNode json = KasaJson.MAPPER.readTree(server.last().body());
        assertThat(server.last().method()).isEqualTo("PUT");
        assertThat(json.get("Id").isIntegralNumber()).isTrue();
        assertThat(json.get("Id").longValue()).isEqualTo(MEMBER);
        assertThat(json.get("IsSubMerchant").booleanValue()).isFalse();
        assertThat(json.has("MemberType")).isFalse();
        assertThat(json.has("BankAccounts")).isFalse();
    }

    @Test
    void getAndListSendTheirInputsAsLowerCaseHeaders() {
        body(MEMBER_JSON);
        body("[" + MEMBER_JSON + "]");

        client.members().get(MEMBER);
        ScriptedServer.Received detail = server.last();
        List<Member> list = client.members().list(20, 10);
        ScriptedServer.Received listing = server.last();

        assertThat(detail.method()).isEqualTo("GET");
        assertThat(detail.path()).isEqualTo("/api/paywall/member/detail");
        assertThat(detail.header("memberid")).isEqualTo("4294967301");
        assertThat(listing.path()).isEqualTo("/api/paywall/member");
        assertThat(listing.header("start")).isEqualTo("20");
        assertThat(listing.header("length")).isEqualTo("10");
        assertThat(list).extracting(Member::id).containsExactly(MEMBER);
    }

    @Test
    void deleteSendsTheIdOrTheExternalId() {
        body("null");
        body("null");

        client.members().delete(MEMBER);
        String byId = server.last().text();
        client.members().deleteByExternalId("m-1");

        assertThat(byId).isEqualTo("{\"Id\":4294967301}");
        assertThat(server.last().text()).isEqualTo("{\"MemberExternalId\":\"m-1\"}");
        assertThat(server.last().method()).isEqualTo("DELETE");
    }

    @Test
    void bankAccountAndValueDateCallsSendIntegerIdsAndReadTheirAnswers() {
        String account = "{\"Id\":17,\"MemberId\":4294967301,\"CurrencyId\":1,\"Currency\":\"TRY\",\"Title\":\"Ayşe\","
                + "\"Iban\":\"TR330006100519786457841326\"}";
        String valueDate = "{\"Id\":9,\"MemberId\":4294967301,\"CalculationType\":2,\"CalculationValue\":5,\"Commission\":12.50}";
        body(account);
        body(account);
        body("null");
        body("[" + account + "]");
        body("null");
        body(valueDate);

        MemberBankAccount added = client.members().addBankAccount(MEMBER, BankAccount.of(1, "Ayşe", "TR33 0006 1005 1978 6457 8413 26"));
        String addBody = server.last().text();
        client.members().updateBankAccount(17, BankAccount.of(1, "Ayşe", "TR330006100519786457841326"));
        String updateBody = server.last().text();
        client.members().deleteBankAccount(17);
        String deleteBody = server.last().text();
        List<MemberBankAccount> listed = client.members().bankAccounts(MEMBER);
        ScriptedServer.Received listing = server.last();
        MemberValueDate none = client.members().valueDate(MEMBER);
        MemberValueDate set = client.members().setValueDate(MEMBER, ValueDate.dayOfWeek(5, new BigDecimal("12.50")));

        assertThat(addBody).isEqualTo("{\"MemberId\":4294967301,\"CurrencyId\":1,\"Title\":\"Ayşe\","
                + "\"Iban\":\"TR33 0006 1005 1978 6457 8413 26\"}");
        assertThat(updateBody).startsWith("{\"Id\":17,\"CurrencyId\":1,");
        assertThat(deleteBody).isEqualTo("{\"Id\":17}");
        assertThat(listing.path()).isEqualTo("/api/paywall/member/bankaccount");
        assertThat(listing.header("memberid")).isEqualTo("4294967301");
        assertThat(added).isEqualTo(new MemberBankAccount(17, MEMBER, 1, "TRY", "Ayşe", "TR330006100519786457841326"));
        assertThat(listed).containsExactly(added);
        assertThat(none).as("Body null: no value date yet").isNull();
        assertThat(server.last().text()).isEqualTo("{\"MemberId\":4294967301,\"CalculationType\":2,\"CalculationValue\":5,"
                + "\"Commission\":12.50}");
        assertThat(set).isEqualTo(new MemberValueDate(9, MEMBER, 2, 5, new BigDecimal("12.50")));
    }

    @Test
    void searchSendsItsCriteriaAndPagingAsLowerCaseHeaders() {
        body("[" + MEMBER_JSON + "]");

        List<Member> found = client.members().search(java.util.Map.of("memberexternalid", "m-1"), 5, 20);

        ScriptedServer.Received sent = server.last();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/api/paywall/member/search");
        assertThat(sent.header("memberexternalid")).isEqualTo("m-1");
        assertThat(sent.header("start")).isEqualTo("5");
        assertThat(sent.header("length")).isEqualTo("20");
        assertThat(found).extracting(Member::id).containsExactly(MEMBER);
    }

    @Test
    void aRefusalCarriesPaywallsCodeAndTheHttpStatus() {
        server.answer(404, "{\"ErrorCode\":198,\"Result\":false,\"Message\":\"Member not found\",\"Body\":null}");

        KasaException refused = catchThrowableOfType(KasaException.class, () -> client.members().get(MEMBER));

        assertThat(refused.errorCode()).isEqualTo(198);
        assertThat(refused.httpStatus()).isEqualTo(404);
        assertThat(refused.message()).isEqualTo("Member not found");
    }
}
