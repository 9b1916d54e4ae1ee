package io.kasa.server.merchant;

import io.kasa.client.CreatedMerchant;
import io.kasa.client.IssuedKey;
import io.kasa.client.KeyInfo;
import io.kasa.client.KeyKind;
import io.kasa.client.Merchant;
import io.kasa.client.MerchantSummary;
import io.kasa.client.Page;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.server.RawHttp.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator API (docs/api.md "Operator API"): merchants and their keys, secrets shown
 * once and stored only as hashes (API keys) or encrypted (webhook keys).
 */
class AdminApiIT extends KasaServerIT {

    private RawHttp http;

    @BeforeEach
    void http() {
        http = new RawHttp(baseUri);
    }

    private RawHttp.Request operator(String method, String path) {
        return http.request(method, path).header("Authorization", "Bearer " + ADMIN_TOKEN).header("locale", "en");
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNewMerchantComesWithItsDefaultConnectionAndThreeKindsOfKeysWithTheirSecrets() {
        String name = unique("Created");
        JsonNode result = operator("POST", "/admin/merchants").json("{\"Name\":\"" + name + "\"}").send().result();

        assertThat(result.propertyNames())
                .containsExactlyInAnyOrder("MerchantId", "Name", "CreatedDate", "ConnectionId", "Keys");
        assertThat(result.get("Name").stringValue()).isEqualTo(name);
        assertThat(result.get("CreatedDate").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?");
        List<String> kinds = new ArrayList<>();
        Set<String> secrets = new HashSet<>();
        for (JsonNode key : result.get("Keys")) {
            assertThat(key.propertyNames()).containsExactlyInAnyOrder("KeyId", "Kind", "Client", "Secret", "CreatedDate");
            String kind = key.get("Kind").stringValue();
            kinds.add(kind);
            assertThat(key.get("Client").isNull()).as("client of %s", kind).isEqualTo(kind.equals("Webhook"));
            String secret = key.get("Secret").stringValue();
            assertThat(secret).as("at least 128 random bits").hasSizeGreaterThanOrEqualTo(22);
            secrets.add(secret);
        }
        assertThat(kinds).containsExactlyInAnyOrder("Private", "Public", "Webhook");
        assertThat(secrets).hasSize(3);

        UUID merchantId = UUID.fromString(result.get("MerchantId").stringValue());
        UUID connectionId = UUID.fromString(result.get("ConnectionId").stringValue());
        assertThat(jdbc.sql("select name from connection where id = :id and merchant_id = :merchant")
                .param("id", connectionId).param("merchant", merchantId).query(String.class).single()).isEqualTo("Kasa");
    }

    @Test
    void merchantsAreListedPageByPageInTheOrderTheyWereCreated() {
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(admin.createMerchant(unique("Listed " + i)).merchantId());
        }
        long total = jdbc.sql("select count(*) from merchant").query(Long.class).single();

        List<UUID> listed = new ArrayList<>();
        Page<MerchantSummary> page;
        int index = 0;
        do {
            page = admin.listMerchants(index, 2);
            assertThat(page.pagination().currentPage()).isEqualTo(index);
            assertThat(page.pagination().pageSize()).isEqualTo(2);
            assertThat(page.pagination().totalCount()).isEqualTo(total);
            assertThat(page.pagination().pageCount()).isEqualTo((int) ((total + 1) / 2));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2).isNotEmpty();
            page.items().forEach(item -> listed.add(item.id()));
            index++;
        } while (index < page.pagination().pageCount());

        assertThat(listed).hasSize((int) total).doesNotHaveDuplicates();
        assertThat(listed.subList(listed.size() - 3, listed.size())).containsExactlyElementsOf(created);
        assertThat(admin.listMerchants(index, 2).items()).isEmpty();
    }

    @Test
    void theMerchantListDefaultsToTheFirstPageOfTen() {
        admin.createMerchant(unique("Defaults"));

        JsonNode pagination = operator("GET", "/admin/merchants").send().result().get("Pagination");

        assertThat(pagination.get("CurrentPage").intValue()).isZero();
        assertThat(pagination.get("PageSize").intValue()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pageSize=0", "pageSize=101", "pageIndex=-1", "pageSize=abc", "pageSize=1.5"})
    void badPagingIsRefused(String query) {
        String message = operator("GET", "/admin/merchants?" + query).send().refusedWith("System.ValidationError");

        assertThat(message.toLowerCase()).contains(query.substring(0, query.indexOf('=')).toLowerCase());
    }

    @Test
    void theDetailListsEveryKeyAndNeverASecret() {
        CreatedMerchant created = admin.createMerchant(unique("Detailed"));
        List<String> secrets = new ArrayList<>(created.keys().stream().map(IssuedKey::secret).toList());
        secrets.add(admin.issueKey(created.merchantId(), KeyKind.PRIVATE).secret());
        secrets.add(admin.rotateKey(created.merchantId(), created.webhookKey().keyId(), Duration.ofSeconds(30)).secret());

        Answer answer = operator("GET", "/admin/merchants/" + created.merchantId()).send();
        JsonNode detail = answer.result();

        assertThat(detail.propertyNames()).containsExactlyInAnyOrder("Id", "Name", "CreatedDate", "Keys");
        assertThat(detail.get("Keys")).hasSize(5);
        for (JsonNode key : detail.get("Keys")) {
            assertThat(key.propertyNames()).containsExactlyInAnyOrder(
                    "KeyId", "Kind", "Client", "CreatedDate", "ExpiresDate", "RevokedDate", "Active");
        }
        assertThat(answer.text()).doesNotContain(secrets.toArray(String[]::new)).doesNotContainIgnoringCase("secret");
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void aKeyOfEachKindCanBeIssued(KeyKind kind) {
        CreatedMerchant created = admin.createMerchant(unique("Issued " + kind));

        IssuedKey issued = admin.issueKey(created.merchantId(), kind);

        assertThat(issued.kind()).isEqualTo(kind);
        assertThat(issued.secret()).isNotBlank();
        assertThat(issued.client() == null).isEqualTo(kind == KeyKind.WEBHOOK);
        assertThat(created.keys()).extracting(IssuedKey::secret).doesNotContain(issued.secret());
        KeyInfo info = key(created.merchantId(), issued.keyId());
        assertThat(info.kind()).isEqualTo(kind);
        assertThat(info.active()).isTrue();
        assertThat(worksOnItsFamily(issued)).isTrue();
        IssuedKey first = created.keys().stream().filter(key -> key.kind() == kind).findFirst().orElseThrow();
        assertThat(worksOnItsFamily(first)).as("the first key still works").isTrue();
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void aKeyOfEachKindCanBeRotated(KeyKind kind) {
        CreatedMerchant created = admin.createMerchant(unique("Rotated " + kind));
        IssuedKey old = created.keys().stream().filter(key -> key.kind() == kind).findFirst().orElseThrow();

        IssuedKey fresh = admin.rotateKey(created.merchantId(), old.keyId(), Duration.ZERO);

        assertThat(fresh.kind()).isEqualTo(kind);
        assertThat(fresh.keyId()).isNotEqualTo(old.keyId());
        assertThat(fresh.secret()).isNotEqualTo(old.secret());
        KeyInfo retired = key(created.merchantId(), old.keyId());
        assertThat(retired.active()).isFalse();
        assertThat(retired.revokedDate()).isNotNull();
        assertThat(key(created.merchantId(), fresh.keyId()).active()).isTrue();
        assertThat(worksOnItsFamily(old)).isFalse();
        assertThat(worksOnItsFamily(fresh)).isTrue();
        operator("POST", "/admin/merchants/" + created.merchantId() + "/keys/" + old.keyId() + "/rotate").json("{}").send()
                .refusedWith("Merchant.Key.NotFound");
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void aKeyOfEachKindCanBeRotatedWithAGracePeriod(KeyKind kind) {
        CreatedMerchant created = admin.createMerchant(unique("Graced " + kind));
        IssuedKey old = created.keys().stream().filter(key -> key.kind() == kind).findFirst().orElseThrow();

        IssuedKey fresh = admin.rotateKey(created.merchantId(), old.keyId(), Duration.ofSeconds(600));

        KeyInfo graced = key(created.merchantId(), old.keyId());
        assertThat(graced.active()).isTrue();
        assertThat(graced.revokedDate()).isNull();
        assertThat(graced.expiresDate()).isBetween(fresh.createdDate().plusSeconds(590), fresh.createdDate().plusSeconds(610));
        assertThat(worksOnItsFamily(old)).isTrue();
        assertThat(worksOnItsFamily(fresh)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void aKeyOfEachKindCanBeRevoked(KeyKind kind) {
        CreatedMerchant created = admin.createMerchant(unique("Revoked " + kind));
        IssuedKey key = created.keys().stream().filter(candidate -> candidate.kind() == kind).findFirst().orElseThrow();
        String path = "/admin/merchants/" + created.merchantId() + "/keys/" + key.keyId();

        JsonNode result = operator("POST", path + "/revoke").send().result();

        assertThat(result.get("Status").booleanValue()).isTrue();
        KeyInfo revoked = key(created.merchantId(), key.keyId());
        assertThat(revoked.active()).isFalse();
        assertThat(revoked.revokedDate()).isNotNull();
        assertThat(worksOnItsFamily(key)).isFalse();
        operator("POST", path + "/revoke").send().refusedWith("Merchant.Key.NotFound");
        operator("POST", path + "/rotate").json("{}").send().refusedWith("Merchant.Key.NotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"Name\":null}", "{\"Name\":\"\"}", "{\"Name\":\"   \"}", "{\"Name\":\"NAME_101\"}"})
    void aMerchantNeedsANameOfAtMost100Characters(String body) {
        String json = body.replace("NAME_101", "m".repeat(101));
        long before = jdbc.sql("select count(*) from merchant").query(Long.class).single();

        String message = operator("POST", "/admin/merchants").json(json).send().refusedWith("System.ValidationError");

        assertThat(message).contains("Name");
        assertThat(jdbc.sql("select count(*) from merchant").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aNameOf100CharactersIsAccepted() {
        String name = "Ş".repeat(100);

        CreatedMerchant created = admin.createMerchant(name);

        assertThat(created.name()).isEqualTo(name);
        assertThat(admin.merchant(created.merchantId()).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"Kind\":\"Secret\"}", "{\"Kind\":\"\"}", "{\"Kind\":3}"})
    void aKeyNeedsAKnownKind(String body) {
        CreatedMerchant created = admin.createMerchant(unique("Bad kind"));

        String message = operator("POST", "/admin/merchants/" + created.merchantId() + "/keys").json(body).send()
                .refusedWith("System.ValidationError");

        assertThat(message).contains("Kind");
        assertThat(admin.merchant(created.merchantId()).keys()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "604801", "1.5", "\"soon\"", "99999999999999999999"})
    void theGracePeriodIsBetweenZeroAndSevenDays(String grace) {
        CreatedMerchant created = admin.createMerchant(unique("Bad grace"));
        String path = "/admin/merchants/" + created.merchantId() + "/keys/" + created.privateKey().keyId() + "/rotate";

        operator("POST", path).json("{\"GraceSeconds\":" + grace + "}").send().refusedWith("System.ValidationError");

        assertThat(admin.merchant(created.merchantId()).keys()).hasSize(3).allMatch(KeyInfo::active)
                .allMatch(key -> key.expiresDate() == null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "604800", "\"60\""})
    void gracePeriodsAtTheBoundsAreAccepted(String grace) {
        CreatedMerchant created = admin.createMerchant(unique("Grace bounds"));
        String path = "/admin/merchants/" + created.merchantId() + "/keys/" + created.privateKey().keyId() + "/rotate";

        JsonNode issued = operator("POST", path).json("{\"GraceSeconds\":" + grace + "}").send().result();

        assertThat(issued.get("Kind").stringValue()).isEqualTo("Private");
        assertThat(key(created.merchantId(), created.privateKey().keyId()).active()).isEqualTo(!grace.equals("0"));
    }

    @Test
    void anUnknownMerchantIsNotFound() {
        UUID unknown = UUID.randomUUID();

        operator("GET", "/admin/merchants/" + unknown).send().refusedWith("Merchant.NotFound");
        operator("POST", "/admin/merchants/" + unknown + "/keys").json("{\"Kind\":\"Private\"}").send()
                .refusedWith("Merchant.NotFound");
        operator("GET", "/admin/merchants/not-a-uuid").send().refusedWith("System.ValidationError");
    }

    @Test
    void anUnknownKeyOrAnotherMerchantsKeyIsNotFound() {
        CreatedMerchant created = admin.createMerchant(unique("Key owner"));
        CreatedMerchant other = admin.createMerchant(unique("Key stranger"));
        String base = "/admin/merchants/" + created.merchantId() + "/keys/";
        UUID othersKey = other.privateKey().keyId();

        for (UUID keyId : List.of(UUID.randomUUID(), othersKey)) {
            operator("POST", base + keyId + "/rotate").json("{}").send().refusedWith("Merchant.Key.NotFound");
            operator("POST", base + keyId + "/revoke").send().refusedWith("Merchant.Key.NotFound");
        }
        // A key under a merchant that does not exist is a key that does not exist.
        operator("POST", "/admin/merchants/" + UUID.randomUUID() + "/keys/" + othersKey + "/revoke").send()
                .refusedWith("Merchant.Key.NotFound");

        assertThat(worksOnItsFamily(other.privateKey())).isTrue();
        assertThat(admin.merchant(other.merchantId()).keys()).hasSize(3).allMatch(KeyInfo::active);
    }

    @Test
    void apiKeySecretsAreStoredOnlyAsTheirSha256() {
        CreatedMerchant created = admin.createMerchant(unique("Hashed"));

        for (IssuedKey key : List.of(created.privateKey(), created.publicKey())) {
            Map<String, Object> row = jdbc.sql("select * from merchant_key where id = :id")
                    .param("id", key.keyId()).query().singleRow();
            assertThat((byte[]) row.get("secret_hash")).isEqualTo(sha256(key.secret()));
            assertThat(row.get("secret_encrypted")).isNull();
            assertThat(row.get("client")).isEqualTo(key.client());
            assertThat(rowAsText(key.keyId())).doesNotContain(key.secret());
        }
    }

    @Test
    void webhookKeysAreStoredEncrypted() {
        CreatedMerchant created = admin.createMerchant(unique("Encrypted"));
        IssuedKey first = created.webhookKey();
        IssuedKey second = admin.issueKey(created.merchantId(), KeyKind.WEBHOOK);

        List<byte[]> stored = new ArrayList<>();
        for (IssuedKey key : List.of(first, second)) {
            Map<String, Object> row = jdbc.sql("select * from merchant_key where id = :id")
                    .param("id", key.keyId()).query().singleRow();
            byte[] sealed = (byte[]) row.get("secret_encrypted");
            byte[] plain = key.secret().getBytes(StandardCharsets.UTF_8);
            assertThat(row.get("secret_hash")).isNull();
            assertThat(row.get("client")).isNull();
            assertThat(sealed).as("12-byte nonce, ciphertext, 16-byte tag").hasSize(12 + plain.length + 16);
            // Latin-1 maps bytes one to one onto characters: a byte search by substring.
            assertThat(latin1(sealed)).doesNotContain(latin1(plain), latin1(Base64.getUrlDecoder().decode(key.secret())));
            assertThat(rowAsText(key.keyId())).doesNotContain(key.secret());
            stored.add(sealed);
        }
        assertThat(stored.get(0)).isNotEqualTo(stored.get(1));
    }

    private KeyInfo key(UUID merchantId, UUID keyId) {
        Merchant merchant = admin.merchant(merchantId);
        return merchant.keys().stream().filter(key -> key.keyId().equals(keyId)).findFirst().orElseThrow();
    }

    /**
     * Whether the key opens its family: a private pair a Physical endpoint, a public pair
     * the marketplace paths (which have no endpoint yet, so anything but 401 is a pass). A
     * webhook key opens nothing; it counts as working while the server lists it as active.
     */
    private boolean worksOnItsFamily(IssuedKey key) {
        return switch (key.kind()) {
            case PRIVATE -> http.post("/api/terminal/list").privateKeys(key).json("{}").send().status() == 200;
            case PUBLIC -> http.post("/api/paywall/marketplace/manual/trigger/start").publicKeys(key).json("{}").send()
                    .status() != 401;
            case WEBHOOK -> jdbc.sql("""
                            select count(*) from merchant_key where id = :id and revoked_at is null
                              and (expires_at is null or expires_at > now())""")
                    .param("id", key.keyId()).query(Long.class).single() == 1;
        };
    }

    private String rowAsText(UUID keyId) {
        return jdbc.sql("select row_to_json(k)::text from merchant_key k where id = :id")
                .param("id", keyId).query(String.class).single();
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
