package io.kasa.server.dashboard;

import io.kasa.client.IssuedKey;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the dashboard offers an action the API offers too — registering a terminal, starting
 * a payout order, creating a merchant, issuing, rotating and revoking keys — both call the
 * one feature method that holds the rule. The same bad input sent to both is refused alike:
 * the same HTTP status, error code and message (in the same language), and a validation
 * message names the field.
 */
class DashboardRefusesLikeTheApiIT extends KasaServerIT {

    /** An id no merchant and no key has. */
    private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    /** The envelope an answer comes in: the Physical one (the operator API's too) or the marketplace one. */
    enum Family { PHYSICAL, MARKETPLACE }

    record Refusal(int status, int errorCode, String clientMessage, String message) {
    }

    static Stream<Arguments> badTerminalRegistrations() {
        return Stream.of(
                Arguments.of("{}", "Name"),
                Arguments.of("{\"Name\":\"  \",\"SerialNo\":\"S-1\"}", "Name"),
                Arguments.of("{\"Name\":\"" + "n".repeat(101) + "\",\"SerialNo\":\"S-1\"}", "Name"),
                Arguments.of("{\"Name\":\"a\\u0000b\",\"SerialNo\":\"S-1\"}", "Name"),
                Arguments.of("{\"Name\":\"Till\"}", "SerialNo"),
                Arguments.of("{\"Name\":\"Till\",\"SerialNo\":\"" + "s".repeat(51) + "\"}", "SerialNo"),
                Arguments.of("{\"Name\":\"Till\",\"SerialNo\":\"S-1\",\"Model\":\"" + "m".repeat(51) + "\"}", "Model"),
                Arguments.of("{\"Name\":\"Till\",\"SerialNo\":\"S-1\",\"TagCode\":\"till one\"}", "TagCode"),
                Arguments.of("{\"Name\":\"Till\",\"SerialNo\":\"S-1\",\"TagCode\":\"" + "t".repeat(26) + "\"}", "TagCode"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTerminalRegistrations")
    void aBadTerminalRegistrationIsRefusedAlike(String body, String field) {
        MerchantFixture merchant = newMerchant("alike terminals");

        Refusal api = refusal(Family.PHYSICAL, new RawHttp(baseUri).post("/api/terminal")
                .privateKeys(merchant.created().privateKey()).header("locale", "en").json(body).send());
        Refusal dashboard = refusal(Family.PHYSICAL, merchantSession(merchant).post("/dashboard/api/terminals", body));

        assertAlike(api, dashboard, field);
        assertThat(merchant.client().terminals().list(0, 10).items()).as("nothing was registered").isEmpty();
    }

    @Test
    void aSerialNumberTakenIsRefusedAlike() {
        MerchantFixture merchant = newMerchant("alike serials");
        DashboardSession session = merchantSession(merchant);
        assertThat(session.post("/dashboard/api/terminals", "{\"Name\":\"Till\",\"SerialNo\":\"TAKEN-1\"}").status())
                .isEqualTo(200);
        String again = "{\"Name\":\"Till 2\",\"SerialNo\":\"TAKEN-1\"}";

        Refusal api = refusal(Family.PHYSICAL, new RawHttp(baseUri).post("/api/terminal")
                .privateKeys(merchant.created().privateKey()).header("locale", "en").json(again).send());
        Refusal dashboard = refusal(Family.PHYSICAL, session.post("/dashboard/api/terminals", again));

        assertAlike(api, dashboard, null);
        assertThat(dashboard.clientMessage()).isEqualTo("Terminal.AlreadyExistsWithThisSerialNo");
    }

    static Stream<Arguments> badPayoutStarts() {
        return Stream.of(
                Arguments.of("{\"DateFrom\":\"2024-05-01\",\"DateTo\":\"2024-05-02\"}", "CurrencyId"),
                Arguments.of("{\"CurrencyId\":999,\"DateFrom\":\"2024-05-01\",\"DateTo\":\"2024-05-02\"}", "CurrencyId"),
                Arguments.of("{\"CurrencyId\":1,\"DateTo\":\"2024-05-02\"}", "DateFrom"),
                Arguments.of("{\"CurrencyId\":1,\"DateFrom\":\"2024-13-01\",\"DateTo\":\"2024-05-02\"}", "DateFrom"),
                Arguments.of("{\"CurrencyId\":1,\"DateFrom\":\"2024-05-01\"}", "DateTo"),
                Arguments.of("{\"CurrencyId\":1,\"DateFrom\":\"2024-05-01\",\"DateTo\":\"+99999-01-01\"}", "DateTo"),
                Arguments.of("{\"CurrencyId\":1,\"DateFrom\":\"2024-05-02\",\"DateTo\":\"2024-05-01\"}", "DateFrom"),
                Arguments.of("{\"CurrencyId\":1,\"DateFrom\":\"2024-01-01\",\"DateTo\":\"2024-03-01\"}", "range"),
                // a range reaching today without TestMode, and a well-formed order while manual trigger is off
                Arguments.of("{\"CurrencyId\":1,\"DateFrom\":\"2099-01-01\",\"DateTo\":\"2099-01-02\"}", null),
                Arguments.of("{\"CurrencyId\":1,\"DateFrom\":\"2024-05-01\",\"DateTo\":\"2024-05-02\"}", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPayoutStarts")
    void aBadPayoutOrderIsRefusedAlike(String body, String field) {
        MerchantFixture merchant = newMerchant("alike payouts");

        Refusal api = refusal(Family.MARKETPLACE, new RawHttp(baseUri).post("/api/paywall/marketplace/manual/trigger/start")
                .publicKeys(merchant.created().publicKey()).header("locale", "en").json(body).send());
        Refusal dashboard = refusal(Family.PHYSICAL, merchantSession(merchant).post("/dashboard/api/marketplace/jobs", body));

        // the marketplace envelope has no ClientMessage; the code and the message say the same
        assertAlike(api, new Refusal(dashboard.status(), dashboard.errorCode(), null, dashboard.message()), field);
        assertThat(merchantSession(merchant).get("/dashboard/api/marketplace/jobs").result().get("Items"))
                .as("no payout order was created").isEmpty();
    }

    static Stream<Arguments> badKeyActions() {
        return Stream.of(
                Arguments.of("", "{}", "Name"),
                Arguments.of("", "{\"Name\":\"" + "n".repeat(101) + "\"}", "Name"),
                Arguments.of("/{merchant}/keys", "{}", "Kind"),
                Arguments.of("/{merchant}/keys", "{\"Kind\":\"Secret\"}", "Kind"),
                Arguments.of("/" + UNKNOWN + "/keys", "{\"Kind\":\"Public\"}", null),
                Arguments.of("/{merchant}/keys/{key}/rotate", "{\"GraceSeconds\":-1}", "GraceSeconds"),
                Arguments.of("/{merchant}/keys/{key}/rotate", "{\"GraceSeconds\":604801}", "GraceSeconds"),
                Arguments.of("/{merchant}/keys/" + UNKNOWN + "/rotate", "{\"GraceSeconds\":3600}", null),
                Arguments.of("/" + UNKNOWN + "/keys/{key}/rotate", "{\"GraceSeconds\":3600}", null),
                Arguments.of("/{merchant}/keys/" + UNKNOWN + "/revoke", "{}", null),
                Arguments.of("/" + UNKNOWN + "/keys/{key}/revoke", "{}", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badKeyActions")
    void aBadMerchantOrKeyActionIsRefusedAlike(String path, String body, String field) {
        MerchantFixture merchant = newMerchant("alike keys");
        IssuedKey key = merchant.created().privateKey();
        String resolved = path.replace("{merchant}", merchant.created().merchantId().toString())
                .replace("{key}", key.keyId().toString());
        DashboardSession operator = new DashboardSession(baseUri);
        assertThat(operator.signInOperator(ADMIN_TOKEN).status()).isEqualTo(200);

        Refusal api = refusal(Family.PHYSICAL, new RawHttp(baseUri).post("/admin/merchants" + resolved)
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("locale", "en").json(body).send());
        Refusal dashboard = refusal(Family.PHYSICAL, operator.post("/dashboard/api/operator/merchants" + resolved, body));

        assertAlike(api, dashboard, field);
        JsonNode keys = operator.get("/dashboard/api/operator/merchants/" + merchant.created().merchantId()).result().get("Keys");
        assertThat(keys).as("no key was issued, rotated or revoked").hasSize(3)
                .allSatisfy(stored -> assertThat(stored.get("Active").asBoolean()).isTrue());
    }

    private DashboardSession merchantSession(MerchantFixture merchant) {
        DashboardSession session = new DashboardSession(baseUri);
        IssuedKey key = merchant.created().privateKey();
        assertThat(session.signInMerchant(key.client(), key.secret()).status()).isEqualTo(200);
        return session;
    }

    private static void assertAlike(Refusal api, Refusal dashboard, String field) {
        assertThat(api.status()).as("a refusal is a client error").isBetween(400, 499);
        assertThat(dashboard).isEqualTo(api);
        if (field != null) {
            assertThat(dashboard.message()).as("the message names the field").containsIgnoringCase(field);
        }
    }

    private static Refusal refusal(Family family, RawHttp.Answer answer) {
        JsonNode envelope = family == Family.MARKETPLACE ? answer.json() : answer.physicalEnvelope();
        return refusal(family, answer.status(), envelope);
    }

    private static Refusal refusal(Family family, DashboardSession.Reply reply) {
        return refusal(family, reply.status(), reply.json());
    }

    private static Refusal refusal(Family family, int status, JsonNode envelope) {
        assertThat(envelope.get("ErrorCode")).as(envelope.toString()).isNotNull();
        String clientMessage = family == Family.MARKETPLACE ? null : envelope.get("ClientMessage").asString();
        return new Refusal(status, envelope.get("ErrorCode").intValue(), clientMessage, envelope.get("Message").asString());
    }
}
