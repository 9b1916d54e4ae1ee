package io.kasa.server.shared;

import io.kasa.client.Terminal;
import io.kasa.client.TerminalRegistration;
import io.kasa.server.KasaServerIT;
import io.kasa.server.RawHttp;
import io.kasa.server.RawHttp.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions every Physical endpoint shares (docs/api.md "Conventions", SPEC §2): the
 * envelope, how requests are read, languages, request ids, the body limit, and how
 * malformed input is answered.
 */
class WireConventionsIT extends KasaServerIT {

    private static final int BODY_LIMIT = 256 * 1024;
    /** Spring Boot's default {@code server.max-http-request-header-size}, which Kasa keeps. */
    private static final int REQUEST_HEAD_LIMIT = 8 * 1024;
    private static final String TERMINAL_NOT_FOUND_TR = "Terminal bulunamadı";
    private static final String TERMINAL_NOT_FOUND_EN = "Terminal not found";

    private RawHttp http;
    private MerchantFixture merchant;

    @BeforeEach
    void merchant() {
        http = new RawHttp(baseUri);
        merchant = newMerchant("Wire conventions");
    }

    private RawHttp.Request physical(String method, String path) {
        return http.request(method, path).privateKeys(merchant.created().privateKey());
    }

    private Answer checkUnknownTerminal(RawHttp.Request request) {
        return request.json("{\"TerminalId\":\"" + UUID.randomUUID() + "\"}").send();
    }

    private long terminalCount() {
        return jdbc.sql("select count(*) from terminal where merchant_id = :merchant")
                .param("merchant", merchant.created().merchantId()).query(Long.class).single();
    }

    @Test
    void successAnswersTheSixFieldEnvelopeInPascalCase() {
        JsonNode result = physical("POST", "/api/terminal/list").json("{}").send().result();

        assertThat(result.propertyNames()).containsExactlyInAnyOrder("Items", "Pagination");
        assertThat(result.get("Pagination").propertyNames())
                .containsExactlyInAnyOrder("CurrentPage", "PageCount", "PageSize", "TotalCount");
    }

    @Test
    void failureAnswersTheSixFieldEnvelopeInPascalCase() {
        Answer answer = checkUnknownTerminal(physical("POST", "/api/terminal/connectivity/check"));

        answer.refusedWith("Terminal.NotFound");
        assertThat(answer.physicalEnvelope().get("ErrorCode").intValue()).isEqualTo(3001);
    }

    @Test
    void propertyNamesAreReadWithoutRegardToCase() {
        JsonNode registered = physical("POST", "/api/terminal")
                .json("{\"name\":\"Lower\",\"SERIALNO\":\"case-1\",\"tAgCoDe\":\"case-tag\"}").send().result();
        String id = registered.get("TerminalId").stringValue();

        for (String body : new String[]{
                "{\"terminalId\":\"" + id + "\"}",
                "{\"TERMINALID\":\"" + id + "\"}",
                "{\"terminaltagcode\":\"case-tag\"}"}) {
            JsonNode connectivity = physical("POST", "/api/terminal/connectivity/check").json(body).send().result();
            assertThat(connectivity.get("IsSocketConnected").booleanValue()).as(body).isFalse();
        }
        Terminal listed = merchant.client().terminals().list(0, 10).items().getFirst();
        assertThat(listed.name()).isEqualTo("Lower");
        assertThat(listed.serialNo()).isEqualTo("case-1");
    }

    @Test
    void unknownPropertiesAreIgnored() {
        physical("POST", "/api/terminal")
                .json("{\"Name\":\"Extra\",\"SerialNo\":\"extra-1\",\"Colour\":\"red\",\"Nested\":{\"A\":[1,{\"B\":null}]}}")
                .send().result();

        assertThat(terminalCount()).isEqualTo(1);
    }

    @Test
    void integersMayArriveAsNumericStrings() {
        JsonNode pagination = physical("POST", "/api/terminal/list")
                .json("{\"pageIndex\":\"0\",\"pageSize\":\"5\"}").send().result().get("Pagination");

        assertThat(pagination.get("PageSize").intValue()).isEqualTo(5);
        assertThat(pagination.get("CurrentPage").intValue()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pageSize\":1.5}", "{\"pageSize\":\"1.5\"}", "{\"pageIndex\":0.5}", "{\"pageSize\":true}"})
    void fractionsAndOtherNonIntegersAreRefusedForIntegers(String body) {
        String message = physical("POST", "/api/terminal/list").header("locale", "en").json(body).send()
                .refusedWith("System.ValidationError");

        String field = body.contains("pageSize") ? "pagesize" : "pageindex";
        assertThat(message.toLowerCase()).contains(field);
    }

    @ParameterizedTest
    @CsvSource({"tr, TR", "en, EN", "tr-TR, TR", "en-US, EN", "EN, EN", "de, TR"})
    void theLocaleHeaderPicksTheLanguageOfMessage(String locale, String language) {
        Answer answer = checkUnknownTerminal(physical("POST", "/api/terminal/connectivity/check").header("locale", locale));

        assertThat(answer.refusedWith("Terminal.NotFound"))
                .isEqualTo(language.equals("EN") ? TERMINAL_NOT_FOUND_EN : TERMINAL_NOT_FOUND_TR);
    }

    @Test
    void theLocaleQueryParameterPicksTheLanguageWhenNoHeaderDoes() {
        Answer english = checkUnknownTerminal(physical("POST", "/api/terminal/connectivity/check?locale=en"));
        Answer turkish = checkUnknownTerminal(physical("POST", "/api/terminal/connectivity/check?locale=tr")
                .header("Accept-Language", "en-US"));
        Answer headerWins = checkUnknownTerminal(physical("POST", "/api/terminal/connectivity/check?locale=en")
                .header("locale", "tr"));

        assertThat(english.refusedWith("Terminal.NotFound")).isEqualTo(TERMINAL_NOT_FOUND_EN);
        assertThat(turkish.refusedWith("Terminal.NotFound")).isEqualTo(TERMINAL_NOT_FOUND_TR);
        assertThat(headerWins.refusedWith("Terminal.NotFound")).isEqualTo(TERMINAL_NOT_FOUND_TR);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"en-US,en;q=0.9|EN", "de-DE, en;q=0.5|EN", "tr-TR,tr;q=0.9,en;q=0.8|TR", "fr-FR|TR"})
    void acceptLanguageIsTheFallback(String acceptLanguage, String language) {
        Answer answer = checkUnknownTerminal(physical("POST", "/api/terminal/connectivity/check")
                .header("Accept-Language", acceptLanguage));

        assertThat(answer.refusedWith("Terminal.NotFound"))
                .isEqualTo(language.equals("EN") ? TERMINAL_NOT_FOUND_EN : TERMINAL_NOT_FOUND_TR);
    }

    @Test
    void turkishIsTheDefaultAndOnlyMessageDependsOnTheLanguage() {
        String body = "{}";
        Answer byDefault = physical("POST", "/api/terminal/connectivity/check").json(body).send();
        Answer english = physical("POST", "/api/terminal/connectivity/check").header("locale", "en").json(body).send();

        String turkishMessage = byDefault.refusedWith("System.ValidationError");
        String englishMessage = english.refusedWith("System.ValidationError");
        assertThat(turkishMessage).isEqualTo("Doğrulama hatası: TerminalId veya TerminalTagCode alanlarından biri zorunludur");
        assertThat(englishMessage).isEqualTo("Validation error: One of TerminalId or TerminalTagCode is required");
        assertThat(byDefault.json().get("ErrorCode")).isEqualTo(english.json().get("ErrorCode"));
        assertThat(byDefault.json().get("ClientMessage")).isEqualTo(english.json().get("ClientMessage"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-42_retry.1", "A", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._"})
    void aWellFormedRequestIdIsEchoed(String requestId) {
        Answer success = physical("POST", "/api/terminal/list").header("X-Request-Id", requestId).json("{}").send();
        Answer refusal = checkUnknownTerminal(physical("POST", "/api/terminal/connectivity/check")
                .header("X-Request-Id", requestId));

        assertThat(success.requestId()).isEqualTo(requestId);
        assertThat(refusal.requestId()).isEqualTo(requestId);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "has spaces", "semi;colon", "slash/ed", "quote\"d", "percent%20"})
    void aMalformedRequestIdIsReplaced(String requestId) {
        Answer answer = physical("POST", "/api/terminal/list").header("X-Request-Id", requestId).json("{}").send();

        assertThat(answer.requestId()).isNotEqualTo(requestId).matches("[A-Za-z0-9._-]{1,64}");
    }

    @Test
    void aRequestIdIsGeneratedWhenAbsentOnEveryKindOfAnswer() {
        Answer success = physical("POST", "/api/terminal/list").json("{}").send();
        Answer notFound = checkUnknownTerminal(physical("POST", "/api/terminal/connectivity/check"));
        Answer unauthorised = http.post("/api/terminal/list").json("{}").send();
        Answer noRoute = physical("GET", "/api/no/such/thing").send();
        Answer tooLarge = physical("POST", "/api/terminal").json(" ".repeat(BODY_LIMIT + 1)).send();

        for (Answer answer : new Answer[]{success, notFound, unauthorised, noRoute, tooLarge}) {
            assertThat(answer.requestId()).as("request id of %s", answer.text()).matches("[A-Za-z0-9._-]{1,64}");
        }
        assertThat(success.requestId()).isNotEqualTo(notFound.requestId());
    }

    @Test
    void aBodyAboveTheLimitWithContentLengthIs413() {
        String body = "{\"Name\":\"" + "a".repeat(BODY_LIMIT) + "\",\"SerialNo\":\"big\"}";

        physical("POST", "/api/terminal").json(body).send().refusedWith("System.PayloadTooLarge");
        assertThat(terminalCount()).isZero();
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() {
        String prefix = "{\"Name\":\"";
        String suffix = "\"}";
        String body = prefix + "a".repeat(BODY_LIMIT - prefix.length() - suffix.length()) + suffix;
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(BODY_LIMIT);

        String message = physical("POST", "/api/terminal").header("locale", "en").json(body).send()
                .refusedWith("System.ValidationError");
        assertThat(message).contains("Name");
    }

    @Test
    void aChunkedBodyIsReadAndAChunkedBodyAboveTheLimitIs413() {
        byte[] small = "{\"Name\":\"Chunked\",\"SerialNo\":\"chunked-1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] large = ("{\"Name\":\"" + "a".repeat(BODY_LIMIT) + "\",\"SerialNo\":\"chunked-2\"}").getBytes(StandardCharsets.UTF_8);

        physical("POST", "/api/terminal")
                .body("application/json", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)))
                .send().result();
        physical("POST", "/api/terminal")
                .body("application/json", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))
                .send().refusedWith("System.PayloadTooLarge");

        assertThat(terminalCount()).isEqualTo(1);
    }

    /**
     * A chunked body's trailer counts against the request's header limit
     * ({@code server.max-http-request-header-size}, {@value #REQUEST_HEAD_LIMIT} bytes), together
     * with the request line and headers: an ordinary trailer is read, one that takes the
     * request's head past the limit is refused.
     */
    @Test
    void aChunkedBodyEndingInTrailersIsReadAndOneTakingTheHeadPastItsLimitIsRefused() throws IOException {
        String lineStart = "X-Kasa-Note: ";
        String ordinary = lineStart + "n".repeat(1024 - lineStart.length() - 4) + "\r\n\r\n";
        String beyond = lineStart + "n".repeat(REQUEST_HEAD_LIMIT) + "\r\n\r\n";

        RawAnswer accepted = chunkedWithTrailer("{\"Name\":\"Trailer\",\"SerialNo\":\"trailer-1\"}", ordinary);
        RawAnswer refused = chunkedWithTrailer("{\"Name\":\"Trailer\",\"SerialNo\":\"trailer-2\"}", beyond);

        assertThat(accepted.statusLine()).as(accepted.body()).startsWith("HTTP/1.1 200");
        assertThat(refused.statusLine()).as(refused.body()).startsWith("HTTP/1.1 4");
        assertThat(refused.body()).contains("\"ClientMessage\":\"System.ValidationError\"");
        assertThat(terminalCount()).isEqualTo(1);
    }

    private record RawAnswer(String statusLine, String body) {
    }

    /** The request line and headers of the merchant's POST of a new terminal, all but its body's framing. */
    private String newTerminalHead() {
        return "POST /api/terminal HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "apiclientprivate: " + merchant.created().privateKey().client() + "\r\n"
                + "apikeyprivate: " + merchant.created().privateKey().secret() + "\r\n"
                + "Content-Type: application/json\r\n";
    }

    /** POSTs a new terminal with its body in one chunk followed by {@code trailer} (its lines and the blank line). */
    private RawAnswer chunkedWithTrailer(String json, String trailer) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((newTerminalHead()
                    + "Transfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n"
                    + Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write(("\r\n0\r\n" + trailer).getBytes(StandardCharsets.US_ASCII));
            out.flush();

            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            while (!line(in).isEmpty()) {
                // past the answer's headers: its body runs to the end of the connection, closed after it
            }
            return new RawAnswer(statusLine, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anAnnouncedOversizedBodyIsRefusedBeforeItIsSent() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((newTerminalHead()
                    + "Content-Length: 1073741824\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            InputStream in = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(in);
            Map<String, String> headers = new HashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).strip().toLowerCase(), header.substring(colon + 1).strip());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));

            assertThat(statusLine).startsWith("HTTP/1.1 413");
            assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"ClientMessage\":\"System.PayloadTooLarge\"");
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    static Stream<Arguments> malformedBodies() {
        byte[] garbage = new byte[512];
        new Random(20260901).nextBytes(garbage);
        return Stream.of(
                Arguments.of("malformed JSON", "application/json", bytes("{\"Name\":\"Broken\","), "System.ValidationError", null),
                Arguments.of("empty body", "application/json", new byte[0], "System.ValidationError", null),
                Arguments.of("JSON array", "application/json", bytes("[{\"Name\":\"A\",\"SerialNo\":\"1\"}]"), "System.ValidationError", null),
                Arguments.of("JSON string", "application/json", bytes("\"Name\""), "System.ValidationError", null),
                Arguments.of("JSON null", "application/json", bytes("null"), "System.ValidationError", null),
                Arguments.of("two documents", "application/json", bytes("{\"Name\":\"A\",\"SerialNo\":\"1\"}{}"), "System.ValidationError", null),
                Arguments.of("garbage bytes", "application/json", garbage, "System.ValidationError", null),
                Arguments.of("object for a text", "application/json", bytes("{\"Name\":{},\"SerialNo\":\"1\"}"), "System.ValidationError", "Name"),
                Arguments.of("array for a text", "application/json", bytes("{\"Name\":\"A\",\"SerialNo\":[1]}"), "System.ValidationError", "SerialNo"),
                Arguments.of("number for an id", "application/json", bytes("{\"Name\":\"A\",\"SerialNo\":\"1\",\"ConnectionId\":7}"), "System.ValidationError", "ConnectionId"),
                Arguments.of("malformed id", "application/json", bytes("{\"Name\":\"A\",\"SerialNo\":\"1\",\"ConnectionId\":\"not-a-uuid\"}"), "System.ValidationError", "ConnectionId"),
                Arguments.of("NUL in a text", "application/json", bytes("{\"Name\":\"A\\u0000B\",\"SerialNo\":\"1\"}"), "System.ValidationError", "Name"),
                Arguments.of("NUL in an optional text", "application/json", bytes("{\"Name\":\"A\",\"SerialNo\":\"1\",\"Model\":\"\\u0000\"}"), "System.ValidationError", "Model"),
                Arguments.of("deep nesting", "application/json", bytes("[".repeat(5000) + "]".repeat(5000)), "System.ValidationError", null),
                Arguments.of("text/plain", "text/plain", bytes("{\"Name\":\"A\",\"SerialNo\":\"1\"}"), "System.UnsupportedMediaType", null),
                Arguments.of("form", "application/x-www-form-urlencoded", bytes("Name=A&SerialNo=1"), "System.UnsupportedMediaType", null),
                Arguments.of("no content type", null, bytes("{\"Name\":\"A\",\"SerialNo\":\"1\"}"), "System.UnsupportedMediaType", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedInputIsRefusedWithTheEnvelopeAndChangesNothing(String label, String contentType, byte[] body,
                                                                 String clientMessage, String field) {
        Answer answer = physical("POST", "/api/terminal").header("locale", "en")
                .body(contentType, HttpRequest.BodyPublishers.ofByteArray(body)).send();

        String message = answer.refusedWith(clientMessage);
        if (field != null) {
            assertThat(message).contains(field);
        }
        assertThat(terminalCount()).isZero();
    }

    @Test
    void aNumberTooLargeForItsFieldIsRefusedNamingTheField() {
        // found by HostileInputIT: the answer said the body was not JSON at all
        String message = physical("POST", "/api/terminal/list").header("locale", "en")
                .json("{\"pageSize\":123456789012345678901234567890}").send().refusedWith("System.ValidationError");

        assertThat(message).contains("pageSize");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0007", "x"})
    void anIdWithAnythingAroundItIsNoId(String suffix) {
        // found by HostileInputIT: Jackson trims control characters off a UUID, so an unpair with
        // "<id>" followed by a NUL unpaired the terminal
        String id = physical("POST", "/api/terminal").json("{\"Name\":\"Ids\",\"SerialNo\":\"ids-1\"}").send()
                .result().get("TerminalId").stringValue();

        String message = physical("POST", "/api/terminal/connectivity/check").header("locale", "en")
                .json("{\"TerminalId\":\"" + id + suffix + "\"}").send().refusedWith("System.ValidationError");

        assertThat(message).contains("TerminalId");
        physical("POST", "/api/terminal/connectivity/check").json("{\"TerminalId\":\"  " + id.toUpperCase() + " \"}").send()
                .result();
    }

    @Test
    void aBlankPathVariableIsRefusedNamingIt() {
        // found by HostileInputIT: a blank id converted to nothing and answered 500
        String message = physical("GET", "/api/payment/inquiry/%20").header("locale", "en").send()
                .refusedWith("System.ValidationError");

        assertThat(message).contains("paymentRequestId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/./terminal/list", "/api/%2e/terminal/list", "/api//terminal/list", "/api/terminal;x=1/list",
            "/api/device/%2e%2e/terminal/list"})
    void aPathWrittenOtherThanPlainlyIsRefusedEvenWithKeys(String path) {
        physical("POST", path).json("{}").send().refusedWith("System.ValidationError");
    }

    @Test
    void aNulCharacterInALookupIsRefusedRatherThanFailing() {
        physical("POST", "/api/terminal/connectivity/check").json("{\"TerminalTagCode\":\"tag\\u0000\"}").send()
                .refusedWith("System.ValidationError");
    }

    @Test
    void anUnknownPathIs404() {
        physical("GET", "/api/no/such/thing").send().refusedWith("System.NotFound");
        physical("POST", "/api/terminal/list/extra").json("{}").send().refusedWith("System.NotFound");
        http.get("/no/such/thing").send().refusedWith("System.NotFound");
        http.get("/error").send().refusedWith("System.NotFound");
    }

    @Test
    void aWrongMethodIs405() {
        physical("GET", "/api/terminal/list").send().refusedWith("System.MethodNotAllowed");
        physical("DELETE", "/api/terminal").json("{}").send().refusedWith("System.MethodNotAllowed");
        physical("PUT", "/api/provider/list").json("{}").send().refusedWith("System.MethodNotAllowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml", "text/plain", "image/png"})
    void answersAreJsonWhateverTheAcceptHeaderAsks(String accept) {
        physical("POST", "/api/terminal/list").header("Accept", accept).json("{}").send().result();
        checkUnknownTerminal(physical("POST", "/api/terminal/connectivity/check").header("Accept", accept))
                .refusedWith("Terminal.NotFound");
    }

    @Test
    void theOperatorEndpointsKeepNegotiatingTheirOwnMediaTypes() {
        Answer health = http.get("/manage/health").header("Accept", "application/vnd.spring-boot.actuator.v3+json").send();
        Answer metrics = http.get("/manage/prometheus").header("Accept", "text/plain")
                .header("Authorization", "Bearer " + METRICS_TOKEN).send();

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/vnd.spring-boot.actuator.v3+json"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void turkishTextRoundTripsByteForByte() {
        String name = "Şükrü'nün Dükkânı ığüşöçİ";
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        merchant.client().terminals().register(TerminalRegistration.of(name, "ŞÜKRÜ-1").withModel("Ödeme Cihazı"));

        Answer list = physical("POST", "/api/terminal/list").json("{}").send();
        JsonNode item = list.result().get("Items").get(0);

        assertThat(item.get("Name").stringValue()).isEqualTo(name);
        assertThat(item.get("SerialNo").stringValue()).isEqualTo("ŞÜKRÜ-1");
        assertThat(item.get("Model").stringValue()).isEqualTo("Ödeme Cihazı");
        assertThat(list.body()).as("the name's UTF-8 bytes in the answer").containsSequence(utf8);
        assertThat(merchant.client().terminals().list(0, 10).items().getFirst().name()).isEqualTo(name);
        assertThat(jdbc.sql("select name from terminal where merchant_id = :merchant")
                .param("merchant", merchant.created().merchantId()).query(String.class).single()).isEqualTo(name);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
