package io.kasa.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Sends one request and returns the answer as received. Bodies are written as UTF-8 JSON by
 * {@link KasaJson}, a {@link Verbatim} body as its text unchanged; a null body sends none.
 * Failing to get any answer (connection refused, timeout, interruption) becomes a
 * {@link KasaException} with status {@link KasaException#NO_RESPONSE}. Thread-safe.
 *
 * <p>A 503 {@code System.Busy} (1012) refusal means the server did nothing with the request,
 * so unless told otherwise the request is sent again after the answer's {@code Retry-After},
 * within the call's timeout: while at least a second of it is left after the wait. Then
 * the last refusal is the answer.
 */
final class Transport {

    static final String JSON = "application/json; charset=utf-8";
    static final int BUSY = 1012;
    /** The least time worth a try after waiting out a busy refusal. */
    private static final Duration MIN_TRY = Duration.ofSeconds(1);

    /**
     * A body that is already JSON text (or close to it: the Paywall samples carry {@code //}
     * comments), sent byte for byte as UTF-8 without passing through the mapper.
     */
    record Verbatim(String json) {
        Verbatim {
            Objects.requireNonNull(json, "json");
        }
    }

    private final HttpClient http;
    private final String base;
    private final Duration requestTimeout;
    private final boolean retryWhenBusy;

    Transport(HttpClient http, URI baseUri, Duration requestTimeout, boolean retryWhenBusy) {
        this.http = http;
        this.base = withoutTrailingSlash(baseUri.toString());
        this.requestTimeout = requestTimeout;
        this.retryWhenBusy = retryWhenBusy;
    }

    /** A client for when the caller brings none: HTTP/1.1 (no h2c upgrade attempts), 10 s to connect. */
    static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    /** The configured request timeout, or {@code minimum} when that is longer. */
    Duration timeoutOfAtLeast(Duration minimum) {
        return minimum.compareTo(requestTimeout) > 0 ? minimum : requestTimeout;
    }

    HttpReply send(String method, String path, Object body, Map<String, String> headers) {
        return send(method, path, body, headers, requestTimeout);
    }

    HttpReply send(String method, String path, Object body, Map<String, String> headers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration left = timeout;
        while (true) {
            HttpReply reply = sendOnce(method, path, body, headers, left);
            Duration wait = retryWhenBusy ? busyFor(reply) : null;
            if (wait == null) {
                return reply;
            }
            left = Duration.ofNanos(deadline - System.nanoTime()).minus(wait);
            if (left.compareTo(MIN_TRY) < 0) {
                return reply;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return reply;
            }
        }
    }

    /** How long a {@code System.Busy} refusal asks to wait (at least 100 ms); null for any other answer. */
    static Duration busyFor(HttpReply reply) {
        if (reply.status() != 503) {
            return null;
        }
        try {
            var envelope = KasaJson.MAPPER.readTree(reply.body());
            var code = envelope == null ? null : envelope.path("ErrorCode");
            if (code == null || !code.isNumber() || code.intValue() != BUSY) {
                return null;
            }
        } catch (RuntimeException notAnEnvelope) {
            return null;
        }
        Duration wait = reply.retryAfter().orElse(Duration.ofSeconds(1));
        return wait.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : wait;
    }

    private HttpReply sendOnce(String method, String path, Object body, Map<String, String> headers, Duration timeout) {
        URI uri = uri(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", JSON)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(encode(body)));
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new HttpReply(response.statusCode(), response.body(), response.headers());
        } catch (IOException failure) {
            throw KasaException.unreachable(method, uri.toString(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw KasaException.unreachable(method, uri.toString(), interrupted);
        }
    }

    private static byte[] encode(Object body) {
        return body instanceof Verbatim verbatim
                ? verbatim.json().getBytes(StandardCharsets.UTF_8)
                : KasaJson.MAPPER.writeValueAsBytes(body);
    }

    private static String withoutTrailingSlash(String uri) {
        String trimmed = uri;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
