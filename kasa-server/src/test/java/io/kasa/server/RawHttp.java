package io.kasa.server;

import io.kasa.client.IssuedKey;
import io.kasa.server.shared.KasaError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the typed client cannot send (malformed bodies, odd headers, other keys, raw
 * paths), made with the JDK's HTTP client, and what the server answered, byte for byte.
 */
public final class RawHttp {

    /** The six properties of the Physical envelope, in the order the server writes them. */
    public static final List<String> PHYSICAL_ENVELOPE =
            List.of("Result", "ErrorCode", "Succeeded", "Failed", "Message", "ClientMessage");

    /** The same six in camelCase, as the endpoints whose Paywall sample shows them so answer (docs/api.md). */
    public static final List<String> CAMEL_CASE_ENVELOPE =
            List.of("result", "errorCode", "succeeded", "failed", "message", "clientMessage");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;

    public RawHttp(URI base) {
        this.base = base;
    }

    public Request request(String method, String path) {
        return new Request(method, path);
    }

    public Request post(String path) {
        return request("POST", path);
    }

    public Request get(String path) {
        return request("GET", path);
    }

    public final class Request {
        private final String method;
        private final HttpRequest.Builder builder;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Request(String method, String path) {
            this.method = method;
            this.builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        }

        public Request header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        /** The private pair of a merchant, as the Physical family takes it. */
        public Request privateKeys(IssuedKey key) {
            return header("apiclientprivate", key.client()).header("apikeyprivate", key.secret());
        }

        /** The public pair of a merchant, as the marketplace family takes it. */
        public Request publicKeys(IssuedKey key) {
            return header("apiclientpublic", key.client()).header("apikeypublic", key.secret());
        }

        /** A UTF-8 JSON body, sent as given, with {@code Content-Length}. */
        public Request json(String json) {
            return body("application/json", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }

        /** Any body with any content type; a null content type sends none. */
        public Request body(String contentType, HttpRequest.BodyPublisher publisher) {
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            this.body = publisher;
            return this;
        }

        public Answer send() {
            try {
                HttpResponse<byte[]> response = HTTP.send(builder.method(method, body).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                return new Answer(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Answer(int status, HttpHeaders headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String requestId() {
            return headers.firstValue("X-Request-Id").orElse(null);
        }

        /**
         * Asserts that this is the Physical envelope: JSON, exactly the six properties all in
         * PascalCase, and no trace of a Java exception. Returns it.
         */
        public JsonNode physicalEnvelope() {
            return envelopeIn(PHYSICAL_ENVELOPE);
        }

        /** As {@link #physicalEnvelope()}, with the six properties all in camelCase. */
        public JsonNode camelCaseEnvelope() {
            return envelopeIn(CAMEL_CASE_ENVELOPE);
        }

        private JsonNode envelopeIn(List<String> names) {
            assertThat(headers.firstValue("Content-Type")).as("content type of %s", text())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(text()).doesNotContain("Exception", "\tat ", "java.");
            JsonNode envelope = json();
            assertThat(envelope.isObject()).as("envelope %s", text()).isTrue();
            assertThat(envelope.propertyNames()).as("envelope %s", text()).containsExactlyInAnyOrderElementsOf(names);
            return envelope;
        }

        /** Asserts a successful Physical answer in the PascalCase envelope and returns its {@code Result}. */
        public JsonNode result() {
            return succeeded(physicalEnvelope(), PHYSICAL_ENVELOPE);
        }

        /** Asserts a successful Physical answer in the camelCase envelope and returns its {@code result}. */
        public JsonNode camelCaseResult() {
            return succeeded(camelCaseEnvelope(), CAMEL_CASE_ENVELOPE);
        }

        private JsonNode succeeded(JsonNode envelope, List<String> names) {
            assertThat(status).as("status of %s", text()).isEqualTo(200);
            assertThat(envelope.get(names.get(1)).intValue()).isZero();
            assertThat(envelope.get(names.get(2)).booleanValue()).isTrue();
            assertThat(envelope.get(names.get(3)).booleanValue()).isFalse();
            assertThat(envelope.get(names.get(4)).isNull()).isTrue();
            assertThat(envelope.get(names.get(5)).isNull()).isTrue();
            return envelope.get(names.get(0));
        }

        /**
         * Asserts a Physical refusal with the catalog entry's HTTP status and code, and
         * returns its {@code Message}.
         */
        public String refusedWith(String clientMessage) {
            return refused(clientMessage, PHYSICAL_ENVELOPE);
        }

        /** As {@link #refusedWith}, in the camelCase envelope. */
        public String camelCaseRefusedWith(String clientMessage) {
            return refused(clientMessage, CAMEL_CASE_ENVELOPE);
        }

        private String refused(String clientMessage, List<String> names) {
            KasaError error = Arrays.stream(KasaError.values())
                    .filter(candidate -> candidate.clientMessage().equals(clientMessage))
                    .findFirst().orElseThrow(() -> new AssertionError("not in the catalog: " + clientMessage));
            assertThat(status).as("status of %s", text()).isEqualTo(error.httpStatus());
            JsonNode envelope = envelopeIn(names);
            assertThat(envelope.get(names.get(5)).stringValue()).isEqualTo(clientMessage);
            assertThat(envelope.get(names.get(1)).intValue()).isEqualTo(error.code());
            assertThat(envelope.get(names.get(2)).booleanValue()).isFalse();
            assertThat(envelope.get(names.get(3)).booleanValue()).isTrue();
            assertThat(envelope.get(names.get(0)).isNull()).isTrue();
            assertThat(envelope.get(names.get(4)).stringValue()).isNotBlank();
            return envelope.get(names.get(4)).stringValue();
        }
    }
}
