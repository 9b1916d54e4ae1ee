package io.kasa.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What {@link KasaAdminClient} puts on the wire and how it reads answers, against a scripted local HTTP server. */
class KasaAdminClientWireTests {

    private static final UUID MERCHANT = UUID.fromString("9d5a1f0e-7c39-4b8e-9a57-2f0e3c1b6a44");
    private static final UUID KEY = UUID.fromString("5c1e9f7a-2b3d-4e6f-8a9b-0c1d2e3f4a5b");

    private ScriptedServer server;
    private KasaAdminClient admin;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        admin = KasaAdminClient.create(server.uri(), "admin-token");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createMerchantReadsKeysByKind() {
        server.result("""
                {"MerchantId":"9d5a1f0e-7c39-4b8e-9a57-2f0e3c1b6a44","Name":"Çiçek Pazarı","CreatedDate":"2024-09-02T13:52:34.504179",
                 "ConnectionId":"0b0e7a0f-58c9-4b0e-a0b1-7f6f3f1f8c11",
                 "Keys":[{"KeyId":"5c1e9f7a-2b3d-4e6f-8a9b-0c1d2e3f4a5b","Kind":"Private","Client":"pc","Secret":"ps","CreatedDate":"2024-09-02T13:52:34"},
                         {"KeyId":"6c1e9f7a-2b3d-4e6f-8a9b-0c1d2e3f4a5b","Kind":"Public","Client":"uc","Secret":"us","CreatedDate":"2024-09-02T13:52:34"},
                         {"KeyId":"7c1e9f7a-2b3d-4e6f-8a9b-0c1d2e3f4a5b","Kind":"Webhook","Client":null,"Secret":"ws","CreatedDate":"2024-09-02T13:52:34"}]}
                """);

        CreatedMerchant merchant = admin.createMerchant("Çiçek Pazarı");

        assertThat(merchant.merchantId()).isEqualTo(MERCHANT);
        assertThat(merchant.name()).isEqualTo("Çiçek Pazarı");
        assertThat(merchant.privateKey().client()).isEqualTo("pc");
        assertThat(merchant.privateKey().secret()).isEqualTo("ps");
        assertThat(merchant.publicKey().secret()).isEqualTo("us");
        assertThat(merchant.webhookKey().client()).isNull();
        assertThat(merchant.webhookKey().secret()).isEqualTo("ws");
        assertThat(merchant.privateKey().toString()).doesNotContain("ps");
        ScriptedServer.Received sent = server.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /admin/merchants");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer admin-token");
        assertThat(sent.header("apiclientprivate")).isNull();
        assertThat(sent.text()).isEqualTo("{\"Name\":\"Çiçek Pazarı\"}");
    }

    @Test
    void missingKeyKindIsAnIllegalState() {
        CreatedMerchant merchant = new CreatedMerchant(MERCHANT, "x", LocalDateTime.now(), null, null);

        assertThatIllegalStateException().isThrownBy(merchant::webhookKey);
    }

    @Test
    void listAndReadMerchants() {
        server.result("""
                {"Items":[{"Id":"9d5a1f0e-7c39-4b8e-9a57-2f0e3c1b6a44","Name":"A","CreatedDate":"2024-09-02T13:52:34"}],
                 "Pagination":{"CurrentPage":2,"PageCount":3,"PageSize":5,"TotalCount":11}}
                """).result("""
                {"Id":"9d5a1f0e-7c39-4b8e-9a57-2f0e3c1b6a44","Name":"A","CreatedDate":"2024-09-02T13:52:34",
                 "Keys":[{"KeyId":"5c1e9f7a-2b3d-4e6f-8a9b-0c1d2e3f4a5b","Kind":"Private","Client":"pc",
                          "CreatedDate":"2024-09-02T13:52:34","ExpiresDate":"2024-09-02T14:52:34","RevokedDate":null,"Active":true}]}
                """);

        Page<MerchantSummary> page = admin.listMerchants(2, 5);
        Merchant merchant = admin.merchant(MERCHANT);

        assertThat(page.items()).extracting(MerchantSummary::name).containsExactly("A");
        assertThat(page.pagination().totalCount()).isEqualTo(11);
        assertThat(merchant.keys()).singleElement().satisfies(key -> {
            assertThat(key.kind()).isEqualTo(KeyKind.PRIVATE);
            assertThat(key.active()).isTrue();
            assertThat(key.expiresDate()).isEqualTo(LocalDateTime.of(2024, 9, 2, 14, 52, 34));
        });
        var sent = server.received();
        assertThat(sent.get(0).path()).isEqualTo("/admin/merchants");
        assertThat(sent.get(0).query()).isEqualTo("pageIndex=2&pageSize=5");
        assertThat(sent.get(0).method()).isEqualTo("GET");
        assertThat(sent.get(1).path()).isEqualTo("/admin/merchants/" + MERCHANT);
    }

    @Test
    void keyCallsWriteKindsAndGraceSeconds() {
        String issued = "{\"KeyId\":\"" + KEY + "\",\"Kind\":\"Webhook\",\"Client\":null,\"Secret\":\"ws\",\"CreatedDate\":\"2024-09-02T13:52:34\"}";
        server.result(issued).result(issued).result(issued).result("{\"Status\":true}");

        IssuedKey key = admin.issueKey(MERCHANT, KeyKind.WEBHOOK);
        admin.rotateKey(MERCHANT, KEY, Duration.ofMinutes(5));
        admin.rotateKey(MERCHANT, KEY, null);
        admin.revokeKey(MERCHANT, KEY);

        assertThat(key.kind()).isEqualTo(KeyKind.WEBHOOK);
        var sent = server.received();
        assertThat(sent).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /admin/merchants/" + MERCHANT + "/keys",
                "POST /admin/merchants/" + MERCHANT + "/keys/" + KEY + "/rotate",
                "POST /admin/merchants/" + MERCHANT + "/keys/" + KEY + "/rotate",
                "POST /admin/merchants/" + MERCHANT + "/keys/" + KEY + "/revoke");
        assertThat(sent.get(0).text()).isEqualTo("{\"Kind\":\"Webhook\"}");
        assertThat(sent.get(1).text()).isEqualTo("{\"GraceSeconds\":300}");
        assertThat(sent.get(2).text()).isEqualTo("{}");
        assertThat(sent.get(3).text()).isEqualTo("{}");
    }

    @Test
    void everyKindIsWrittenInPascalCase() {
        assertThat(KasaJson.MAPPER.writeValueAsString(KeyKind.PRIVATE)).isEqualTo("\"Private\"");
        assertThat(KasaJson.MAPPER.writeValueAsString(KeyKind.PUBLIC)).isEqualTo("\"Public\"");
        assertThat(KasaJson.MAPPER.writeValueAsString(KeyKind.WEBHOOK)).isEqualTo("\"Webhook\"");
    }

    @Test
    void refusalBecomesKasaException() {
        server.answer(404, """
                {"Result":null,"ErrorCode":1101,"Succeeded":false,"Failed":true,
                 "Message":"Üye işyeri bulunamadı","ClientMessage":"Merchant.NotFound"}
                """, "X-Request-Id", "op-1");

        KasaException refused = catchThrowableOfType(KasaException.class, () -> admin.merchant(MERCHANT));

        assertThat(refused.is(ClientMessages.MERCHANT_NOT_FOUND)).isTrue();
        assertThat(refused.errorCode()).isEqualTo(1101);
        assertThat(refused.requestId()).isEqualTo("op-1");
    }
}
