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
 * Sends one call and returns the answer as received. Bodies are written as UTF-8 JSON by
 * {@link KasaJson}, a {@link Verbatim} body as its text unchanged; a null body sends none.
 * Failing to get any answer (connection refused, timeout, interruption) becomes a
 * {@link NetworkException}. Thread-safe; {@link #with} gives a view with other settings on the
 * same HTTP client.
 *
 * <p>A call may take several tries, as {@link Retries} rules: each try has the whole timeout,
 * and {@code System.Busy} refusals are repeated within it; then the last answer (or the last
 * failure) is the call's.
 */
final class Transport {

    static final String JSON = "application/json; charset=utf-8";
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
    private final Retries retries;

    /** A transport with the default retries ({@link Retries#DEFAULT}), Busy repeats on or off. */
    Transport(HttpClient http, URI baseUri, Duration requestTimeout, boolean retryWhenBusy) {
        this(http, withoutTrailingSlash(baseUri.toString()), requestTimeout, Retries.DEFAULT.withWhenBusy(retryWhenBusy));
    }

    Transport(HttpClient http, URI baseUri, Duration requestTimeout, Retries retries) {
        this(http, withoutTrailingSlash(baseUri.toString()), requestTimeout, retries);
    }

    private Transport(HttpClient http, String base, Duration requestTimeout, Retries retries) {
        this.http = http;
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.retries = retries;
    }

    /** The same HTTP client and address with another timeout and retry rule. */
    Transport with(Duration requestTimeout, Retries retries) {
        return new Transport(http, base, requestTimeout, retries);
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    Retries retries() {
        return retries;
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

    /** A call with the configured timeout, repeatable when it is a GET. */
    HttpReply send(String method, String path, Object body, Map<String, String> headers) {
        return send(method, path, body, headers, requestTimeout, Retries.Safety.of(method));
    }

    /** A call with the given timeout per try, repeatable when it is a GET. */
    HttpReply send(String method, String path, Object body, Map<String, String> headers, Duration timeout) {
        return send(method, path, body, headers, timeout, Retries.Safety.of(method));
    }

    HttpReply send(String method, String path, Object body, Map<String, String> headers, Duration timeout,
                   Retries.Safety safety) {
        int retry = 0;
        while (true) {
            HttpReply reply;
            try {
                reply = sendWhileBusy(method, path, body, headers, timeout);
            } catch (NetworkException failure) {
                if (!retries.afterFailure(failure, retry, safety) || !pause(retries.backoff(retry))) {
                    throw failure;
                }
                retry++;
                continue;
            }
            Duration wait = retries.afterAnswer(reply, retry, safety);
            if (wait == null || !pause(wait)) {
                return reply;
            }
            retry++;
        }
    }

    /** One try: sent again after each {@code System.Busy} refusal while its timeout leaves room. */
    private HttpReply sendWhileBusy(String method, String path, Object body, Map<String, String> headers,
                                    Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration left = timeout;
        while (true) {
            HttpReply reply = sendOnce(method, path, body, headers, left);
            Duration wait = retries.whenBusy() ? Retries.busyFor(reply) : null;
            if (wait == null) {
                return reply;
            }
            left = Duration.ofNanos(deadline - System.nanoTime()).minus(wait);
            if (left.compareTo(MIN_TRY) < 0 || !pause(wait)) {
                return reply;
            }
        }
    }

    /** Waits; false when interrupted (the interrupt is kept for the caller). */
    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
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
