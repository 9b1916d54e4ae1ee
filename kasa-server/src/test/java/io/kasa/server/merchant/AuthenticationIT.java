package io.kasa.server.merchant;

import io.kasa.client.Connection;
import io.kasa.client.ConnectionDetail;
import io.kasa.client.ConnectionSettings;
import io.kasa.client.IssuedKey;
import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.KeyInfo;
import io.kasa.client.KeyKind;
import io.kasa.client.PairRequest;
import io.kasa.client.PairStatus;
import io.kasa.client.Terminal;
import io.kasa.client.TerminalRef;
import io.kasa.client.TerminalRegistration;
import io.kasa.client.TerminalTag;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.server.RawHttp.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Who may call what (docs/api.md "Keys", SPEC §2 and §3): the private pair on the Physical
 * family, the public pair on the marketplace family, the admin token on the operator API,
 * and a merchant's ids invisible to every other merchant.
 */
class AuthenticationIT extends KasaServerIT {

    private static final String PHYSICAL = "/api/terminal/list";
    private static final String MARKETPLACE = "/api/paywall/marketplace/manual/trigger/start";

    private RawHttp http;

    @BeforeEach
    void http() {
        http = new RawHttp(baseUri);
    }

    private Answer physical(String client, String secret) {
        RawHttp.Request request = http.post(PHYSICAL).header("locale", "en");
        if (client != null) {
            request.header("apiclientprivate", client);
        }
        if (secret != null) {
            request.header("apikeyprivate", secret);
        }
        return request.json("{}").send();
    }

    private Answer physical(IssuedKey key) {
        return physical(key.client(), key.secret());
    }

    @Test
    void theMerchantsOwnPrivatePairIsAccepted() {
        IssuedKey key = newMerchant("Keys accepted").created().privateKey();

        physical(key).result();
    }

    /**
     * The operator's endpoints under {@code /manage} other than health answer only the
     * metrics token (or the admin token): anonymous callers, merchants and wrong tokens get
     * 401 in the envelope. Health and its probes stay anonymous, for load balancers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/manage/prometheus", "/manage/info", "/manage", "/manage/metrics", "/manage/env"})
    void theOperatorsEndpointsOtherThanHealthAreRefusedToAnyoneWithoutTheMetricsToken(String path) {
        IssuedKey key = newMerchant("Keys on manage").created().privateKey();

        assertRefusedOnManage(http.get(path).header("locale", "en").send());
        assertRefusedOnManage(http.get(path).privateKeys(key).send());
        assertRefusedOnManage(http.get(path).header("Authorization", "Bearer " + METRICS_TOKEN + "x").send());
        assertRefusedOnManage(http.get(path).header("Authorization", "Basic " + METRICS_TOKEN).send());
    }

    private static void assertRefusedOnManage(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(401);
        assertThat(answer.json().get("ClientMessage").asString()).isEqualTo("System.AuthError");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/manage/health", "/manage/health/liveness", "/manage/health/readiness"})
    void healthAndItsProbesAnswerAnyone(String path) {
        Answer answer = http.get(path).send();

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("status").asString()).isEqualTo("UP");
    }

    @ParameterizedTest
    @ValueSource(strings = {METRICS_TOKEN, ADMIN_TOKEN})
    void theMetricsTokenOrTheAdminTokenReadsMetricsAndInfo(String token) {
        Answer metrics = http.get("/manage/prometheus").header("Authorization", "Bearer " + token).send();
        Answer info = http.get("/manage/info").header("Authorization", "Bearer " + token).send();

        assertThat(metrics.status()).as(metrics.text()).isEqualTo(200);
        assertThat(metrics.text()).contains("jvm_memory_used_bytes");
        assertThat(info.status()).as(info.text()).isEqualTo(200);
        assertThat(info.json().get("node").has("id")).as(info.text()).isTrue();
    }

    /**
     * A credential header sent twice is refused before anything reads it: 400 with the
     * envelope, naming the header, even when both copies are the right credential (the
     * first used to win). Written on a socket, as HTTP clients may join repeated headers.
     */
    @ParameterizedTest(name = "{0} twice")
    @CsvSource(delimiter = '|', textBlock = """
            apiclientprivate | POST /api/terminal/list
            apikeyprivate    | POST /api/terminal/list
            apiclientpublic  | GET /api/paywall/marketplace/settings
            apikeypublic     | GET /api/paywall/marketplace/settings
            Authorization    | GET /admin/merchants
            X-CSRF-Token     | POST /dashboard/api/terminals
            """)
    void aCredentialHeaderSentTwiceIsRefusedNamingIt(String repeated, String requestLine)
            throws IOException {
        var created = newMerchant("Keys twice " + repeated).created();
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("apiclientprivate", created.privateKey().client());
        headers.put("apikeyprivate", created.privateKey().secret());
        headers.put("apiclientpublic", created.publicKey().client());
        headers.put("apikeypublic", created.publicKey().secret());
        headers.put("Authorization", "Bearer " + ADMIN_TOKEN);
        headers.put("X-CSRF-Token", "token");
        StringBuilder request = new StringBuilder(requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nlocale: en\r\n"
                + "Content-Type: application/json\r\nConnection: close\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append(repeated).append(": ").append(headers.get(repeated)).append("\r\n");
        String body = requestLine.startsWith("POST") ? "{}" : "";
        request.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);

        String answer = exchange(request.toString());

        assertThat(answer).as(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).contains("\"ErrorCode\":1001").contains("the " + repeated + " header must not be sent more than once");
    }

    /** Writes a request on a socket as it is, repeated headers and all, and reads the answer to the end. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void missingHeadersAreRefused() {
        IssuedKey key = newMerchant("Keys missing").created().privateKey();

        physical(null, null).refusedWith("System.AuthError");
        physical(key.client(), null).refusedWith("System.AuthError");
        physical(null, key.secret()).refusedWith("System.AuthError");
        physical("", "").refusedWith("System.AuthError");
    }

    @Test
    void anUnknownClientIsRefused() {
        IssuedKey key = newMerchant("Keys unknown client").created().privateKey();

        physical("kpr_" + UUID.randomUUID(), key.secret()).refusedWith("System.AuthError");
        physical("x".repeat(5000), key.secret()).refusedWith("System.AuthError");
    }

    @Test
    void theRightClientWithAWrongKeyIsRefused() {
        IssuedKey key = newMerchant("Keys wrong secret").created().privateKey();
        IssuedKey other = newMerchant("Keys other merchant").created().privateKey();

        physical(key.client(), key.secret() + "x").refusedWith("System.AuthError");
        physical(key.client(), key.secret().substring(1)).refusedWith("System.AuthError");
        physical(key.client(), key.secret().toUpperCase()).refusedWith("System.AuthError");
        physical(key.client(), other.secret()).refusedWith("System.AuthError");
    }

    @Test
    void thePublicPairIsRefusedOnAPhysicalEndpoint() {
        var created = newMerchant("Keys public on physical").created();

        http.post(PHYSICAL).publicKeys(created.publicKey()).json("{}").send().refusedWith("System.AuthError");
        physical(created.publicKey()).refusedWith("System.AuthError");
        physical(created.privateKey().client(), created.publicKey().secret()).refusedWith("System.AuthError");
    }

    @ParameterizedTest
    @ValueSource(strings = {MARKETPLACE, "/api/paywall;v=1/marketplace/manual/trigger/start"})
    void thePrivatePairIsRefusedOnAMarketplacePathInTheMarketplaceEnvelope(String path) {
        var created = newMerchant("Keys private on marketplace").created();

        Answer refused = http.post(path).privateKeys(created.privateKey()).header("locale", "en").json("{}").send();
        Answer publicPair = http.post(path).publicKeys(created.publicKey()).json("{}").send();

        assertThat(refused.status()).isEqualTo(401);
        JsonNode envelope = refused.json();
        assertThat(envelope.propertyNames()).containsExactlyInAnyOrder("ErrorCode", "Result", "Message", "Body");
        assertThat(envelope.get("ErrorCode").intValue()).isEqualTo(1002);
        assertThat(envelope.get("Result").booleanValue()).isFalse();
        assertThat(envelope.get("Message").stringValue()).isEqualTo("Authorisation error");
        assertThat(publicPair.status()).as("the public pair passes authentication").isNotEqualTo(401);
    }

    @Test
    void aRevokedPairStopsWorkingAtOnce() {
        var created = newMerchant("Keys revoked").created();
        IssuedKey second = admin.issueKey(created.merchantId(), KeyKind.PRIVATE);
        physical(created.privateKey()).result();

        admin.revokeKey(created.merchantId(), created.privateKey().keyId());

        physical(created.privateKey()).refusedWith("System.AuthError");
        physical(second).result();
    }

    @Test
    void aPairRotatedWithoutGraceStopsWorkingAtOnceAndTheNewOneWorks() {
        var created = newMerchant("Keys rotated").created();

        IssuedKey rotated = admin.rotateKey(created.merchantId(), created.privateKey().keyId(), Duration.ZERO);

        physical(created.privateKey()).refusedWith("System.AuthError");
        physical(rotated).result();
        assertThat(rotated.client()).isNotEqualTo(created.privateKey().client());
    }

    @Test
    void aPairRotatedWithGraceKeepsWorkingAlongsideTheNewOne() {
        var created = newMerchant("Keys in grace").created();

        IssuedKey rotated = admin.rotateKey(created.merchantId(), created.privateKey().keyId(), Duration.ofSeconds(60));

        physical(created.privateKey()).result();
        physical(rotated).result();
        KeyInfo old = admin.merchant(created.merchantId()).keys().stream()
                .filter(key -> key.keyId().equals(created.privateKey().keyId())).findFirst().orElseThrow();
        assertThat(old.active()).isTrue();
        assertThat(old.expiresDate()).isAfter(old.createdDate().plusSeconds(50));
        assertThat(old.revokedDate()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api;x=1/terminal/list", "/%61pi/terminal/list", "/api/device/../terminal/list",
            "/api/device/..;/terminal/list", "//api/terminal/list", "/api/./terminal/list"})
    void noSpellingOfAPhysicalPathGetsPastTheKeys(String path) {
        refusedBeforeTheEndpoint(http.post(path).json("{}").send());
    }

    /**
     * Refused for want of keys, or earlier still: Jetty refuses a path with an ambiguous
     * segment ({@code ..;}, an empty one) as unreadable before any of Kasa's code sees it.
     */
    private static void refusedBeforeTheEndpoint(Answer answer) {
        String clientMessage = answer.physicalEnvelope().path("ClientMessage").asString();
        assertThat(answer.status() + " " + clientMessage).isIn("401 System.AuthError", "400 System.ValidationError");
    }

    @Test
    void thePublicPairDoesNotOpenAPhysicalEndpointThroughAMarketplaceSpelling() {
        IssuedKey publicKey = newMerchant("Keys spelled").created().publicKey();

        http.post("/api/paywall/../terminal/list").publicKeys(publicKey).json("{}").send()
                .refusedWith("System.AuthError");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/merchants", "/admin;x/merchants", "/%61dmin/merchants", "//admin/merchants",
            "/admin/./merchants", "/api/device/../../admin/merchants"})
    void noSpellingOfAnAdminPathGetsPastTheToken(String path) {
        refusedBeforeTheEndpoint(http.get(path).send());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no header", "scheme only", "wrong token", "token without scheme", "basic", "other scheme",
            "no space after scheme", "token with a suffix", "prefix of the token"})
    void theAdminApiRefusesAnythingButItsBearerToken(String variant) {
        String header = switch (variant) {
            case "no header" -> null;
            case "scheme only" -> "Bearer";
            case "wrong token" -> "Bearer kat_wrong-token";
            case "token without scheme" -> ADMIN_TOKEN;
            case "basic" -> "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_TOKEN).getBytes());
            case "other scheme" -> "Token " + ADMIN_TOKEN;
            case "no space after scheme" -> "Bearer" + ADMIN_TOKEN;
            case "token with a suffix" -> "Bearer " + ADMIN_TOKEN + "x";
            case "prefix of the token" -> "Bearer " + ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1);
            default -> throw new IllegalArgumentException(variant);
        };
        RawHttp.Request request = http.get("/admin/merchants");
        if (header != null) {
            request.header("Authorization", header);
        }

        request.send().refusedWith("System.AuthError");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER "})
    void theBearerSchemeIsReadWithoutRegardToCase(String scheme) {
        // RFC 9110 §11.1: the authentication scheme is case-insensitive.
        http.get("/admin/merchants").header("Authorization", scheme + ADMIN_TOKEN).send().result();
    }

    @Test
    void anotherMerchantsIdsAnswerExactlyLikeIdsThatDoNotExistAndChangeNothing() {
        MerchantFixture a = newMerchant("Owner A");
        KasaClient owner = a.client();
        UUID connection = owner.connections().create(ConnectionSettings.builtIn("A's shop"));
        UUID terminal = owner.terminals().register(TerminalRegistration.of("A's till", "A-1")
                .withConnectionId(connection).withTagCode("a-till"));
        UUID tag = owner.tags().list(terminal, 0, 10).items().getFirst().id();
        PairRequest pairRequest = owner.pairing().request(TerminalRef.id(terminal));

        KasaClient other = newMerchant("Intruder B").client();
        UUID none = UUID.randomUUID();
        ConnectionSettings settings = ConnectionSettings.builtIn("Taken over");

        sameAnswer(id -> other.terminals().connectivity(TerminalRef.id(id)), terminal, none);
        sameAnswer(code -> other.terminals().connectivity(TerminalRef.tag(code)), "a-till", "b-none");
        sameAnswer(id -> other.pairing().request(TerminalRef.id(id)), terminal, none);
        sameAnswer(code -> other.pairing().request(TerminalRef.tag(code)), "a-till", "b-none");
        sameAnswer(id -> other.pairing().unpair(TerminalRef.id(id)), terminal, none);
        sameAnswer(id -> other.pairing().status(id), pairRequest.pairRequestId(), none);
        sameAnswer(id -> run(() -> other.pairing().cancel(id)), pairRequest.pairRequestId(), none);
        sameAnswer(id -> other.tags().add(id, "B's tag", "b-tag"), terminal, none);
        sameAnswer(id -> run(() -> other.tags().update(id, "Renamed", "renamed", false)), tag, none);
        sameAnswer(id -> run(() -> other.tags().delete(id)), tag, none);
        sameAnswer(id -> other.connections().detail(id), connection, none);
        sameAnswer(id -> run(() -> other.connections().update(id, settings)), connection, none);
        sameAnswer(id -> run(() -> other.connections().disconnect(id)), connection, none);
        sameAnswer(id -> run(() -> other.connections().reconnect(id)), connection, none);
        sameAnswer(id -> run(() -> other.connections().delete(id)), connection, none);
        sameAnswer(id -> other.terminals().listByConnection(id, 0, 10), connection, none);
        sameAnswer(id -> other.terminals().sync(id), connection, none);
        sameAnswer(id -> other.terminals().register(TerminalRegistration.of("B's till", "B-1").withConnectionId(id)),
                connection, none);

        assertThat(other.terminals().list(0, 100).pagination().totalCount()).isZero();
        assertThat(other.tags().list(0, 100).pagination().totalCount()).isZero();
        assertThat(other.tags().list(terminal, 0, 100).items()).isEmpty();
        assertThat(other.connections().list(0, 100).items()).extracting(Connection::name)
                .containsExactly("Kasa");

        TerminalTag unchangedTag = owner.tags().list(terminal, 0, 10).items().getFirst();
        assertThat(unchangedTag.code()).isEqualTo("a-till");
        assertThat(unchangedTag.name()).isEqualTo("A's till");
        assertThat(unchangedTag.isActive()).isTrue();
        assertThat(unchangedTag.updateDate()).isNull();
        ConnectionDetail unchangedConnection = owner.connections().detail(connection);
        assertThat(unchangedConnection.name()).isEqualTo("A's shop");
        assertThat(unchangedConnection.isConnected()).isTrue();
        assertThat(owner.terminals().listByConnection(connection, 0, 10).items())
                .extracting(Terminal::id).containsExactly(terminal);
        assertThat(owner.pairing().status(pairRequest.pairRequestId()).status()).isEqualTo(PairStatus.PENDING);
        assertThat(owner.terminals().connectivity(TerminalRef.tag("a-till")).isSocketConnected()).isFalse();
    }

    private record Refusal(int httpStatus, int errorCode, String clientMessage, String message) {
    }

    private static <T> void sameAnswer(Function<T, ?> call, T othersId, T missingId) {
        Refusal forOthers = refusal(call, othersId);
        Refusal forMissing = refusal(call, missingId);
        assertThat(forOthers).as("answer for another merchant's %s", othersId).isEqualTo(forMissing);
        assertThat(forOthers.httpStatus()).isEqualTo(404);
    }

    private static <T> Refusal refusal(Function<T, ?> call, T id) {
        try {
            Object answer = call.apply(id);
            return fail("expected a refusal for %s, got %s", id, answer);
        } catch (KasaException refused) {
            return new Refusal(refused.httpStatus(), refused.errorCode(), refused.clientMessage(), refused.message());
        }
    }

    private static Object run(Runnable call) {
        call.run();
        return "success";
    }
}
