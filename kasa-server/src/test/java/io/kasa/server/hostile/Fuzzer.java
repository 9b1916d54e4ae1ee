package io.kasa.server.hostile;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.web.AnswerShape;
import org.eclipse.jetty.http.HttpURI;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Sends probes one after another and judges each answer. Every answer must come within the
 * timeout, never be a 5xx, be JSON in the envelope of its family (in the casing of its
 * endpoint's {@link AnswerShape}, or the endpoint's bare result on success) with a
 * well-formed request id and no trace of a Java exception; a hostile probe must moreover be refused with a 4xx
 * whose catalog entry matches its status, naming the spoilt field when a field is at fault.
 * Problems are collected rather than thrown, so one run reports all it found.
 */
final class Fuzzer {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final List<String> PHYSICAL = List.of("Result", "ErrorCode", "Succeeded", "Failed", "Message", "ClientMessage");
    private static final List<String> CAMEL_CASE = List.of("result", "errorCode", "succeeded", "failed", "message", "clientMessage");
    private static final List<String> MARKETPLACE = List.of("ErrorCode", "Result", "Message", "Body");

    private final URI base;
    private final HttpClient client;
    private final HttpClient device;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private int sent;

    /**
     * @param deviceSource the address device-family probes are sent from, so that their wrong
     *                     pair codes count against a source no other test pairs from
     */
    Fuzzer(URI base, String deviceSource) throws IOException {
        this.base = base;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.device = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .localAddress(InetAddress.getByName(deviceSource)).build();
    }

    void run(List<Probe> probes) {
        for (Probe probe : probes) {
            run(probe);
        }
    }

    /** What the server answered to a probe. */
    record Reply(int status, HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    void run(Probe probe) {
        exchange(probe).ifPresent(reply -> judge(probe, reply.status(), reply.headers(), reply.body()));
    }

    /** Sends the probe; empty (and a problem recorded) when no answer came within the timeout. */
    Optional<Reply> exchange(Probe probe) {
        sent++;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + probe.path())).timeout(TIMEOUT)
                .method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
        probe.headers().forEach(header -> request.header(header.getKey(), header.getValue()));
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        HttpResponse<byte[]> response;
        try {
            HttpClient sender = probe.endpoint().family() == Endpoint.Family.DEVICE ? device : client;
            response = sender.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            problems.add(probe + ": no answer (" + e + ")");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the probe cannot be sent: " + probe, e);
        }
        statuses.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
        return Optional.of(new Reply(response.statusCode(), response.headers(), response.body()));
    }

    /** Whether Jetty refuses the path already in the request line: a percent sign not followed by hex, a NUL, climbing above the root. */
    static boolean unreadableRequestLine(String path) {
        try {
            HttpURI.build(path);
            return false;
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
    }

    /** Records a problem found by a caller that judges answers itself. */
    void problem(String problem) {
        problems.add(problem);
    }

    private void judge(Probe probe, int status, HttpHeaders headers, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String what = probe + " answered " + status + " " + Probe.abbreviate(text);
        if (status >= 500) {
            problems.add(what + ": a server error");
            return;
        }
        if (probe.hostile() && (status < 400 || status > 499)) {
            problems.add(what + ": not refused");
            return;
        }
        Optional<String> requestId = headers.firstValue("X-Request-Id");
        if (requestId.isEmpty() || !REQUEST_ID.matcher(requestId.get()).matches()) {
            problems.add(what + ": no well-formed X-Request-Id but " + requestId);
        } else if (unreadableRequestLine(probe.path())) {
            // Jetty refuses such a request line before it reads the headers, and keeps no path:
            // the answer has an id of its own and the Physical envelope (ContainerRefusalsIT)
            if (status != 400 || !text.contains("\"ClientMessage\":\"System.ValidationError\"")) {
                problems.add(what + ": an unreadable request line not refused as a validation error");
            }
            return;
        } else if (probe.requestId() != null
                && REQUEST_ID.matcher(probe.requestId()).matches() != requestId.get().equals(probe.requestId())) {
            problems.add(what + ": X-Request-Id " + probe.requestId() + " came back as " + requestId.get());
        }
        String type = headers.firstValue("Content-Type").orElse("");
        if (status < 300 && (type.startsWith("image/svg+xml") || type.startsWith("text/csv"))) {
            // the dashboard's downloads (the pair code's QR image, the payments export); their
            // refusals are envelopes like every other and are checked below
            return;
        }
        if (!type.startsWith("application/json")) {
            problems.add(what + ": content type " + type);
            return;
        }
        if (text.contains("Exception") || text.contains("\tat ") || text.contains("java.")) {
            problems.add(what + ": a Java trace in the answer");
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(body);
        } catch (RuntimeException e) {
            problems.add(what + ": not JSON");
            return;
        }
        boolean marketplace = probe.path().startsWith("/api/paywall/");
        AnswerShape shape = shape(probe);
        if (status < 400 && shape == AnswerShape.BARE_RESULT) {
            if (!envelope.isObject() || envelope.has("Result") || envelope.isEmpty()) {
                problems.add(what + ": not the endpoint's bare result");
            }
            return;
        }
        List<String> expected = marketplace ? MARKETPLACE : shape == AnswerShape.CAMEL_CASE_ENVELOPE ? CAMEL_CASE : PHYSICAL;
        if (!envelope.isObject() || !Set.copyOf(envelope.propertyNames()).equals(Set.copyOf(expected))) {
            problems.add(what + ": not the " + (marketplace ? "marketplace" : "Physical " + shape) + " envelope");
            return;
        }
        if (!marketplace && expected == CAMEL_CASE) {
            envelope = pascalCase(envelope);
        }
        if (status < 400) {
            boolean succeeded = marketplace ? envelope.get("Result").asBoolean() : envelope.get("Succeeded").asBoolean();
            if (!succeeded || envelope.get("ErrorCode").asInt() != 0) {
                problems.add(what + ": a success status with a failure envelope");
            }
            return;
        }
        refusal(probe, what, status, headers, envelope, marketplace);
    }

    /**
     * The shape the answer must have: its endpoint's, when the probe reaches the endpoint (its
     * method, and its path, spelt as the endpoint's own); a probe that reaches no endpoint is
     * refused in the common envelope.
     */
    private static AnswerShape shape(Probe probe) {
        String path = probe.path().contains("?") ? probe.path().substring(0, probe.path().indexOf('?')) : probe.path();
        boolean samePath = path.equals(probe.endpoint().pattern()) || probe.endpoint().shape() == AnswerShape.BARE_RESULT;
        return samePath && probe.method().equals(probe.endpoint().method())
                ? probe.endpoint().shape() : AnswerShape.PASCAL_CASE_ENVELOPE;
    }

    /** A camelCase envelope with its six names in PascalCase, to be judged as any other. */
    private static JsonNode pascalCase(JsonNode camelCase) {
        var pascal = JSON.createObjectNode();
        for (int i = 0; i < CAMEL_CASE.size(); i++) {
            pascal.set(PHYSICAL.get(i), camelCase.get(CAMEL_CASE.get(i)));
        }
        return pascal;
    }

    private void refusal(Probe probe, String what, int status, HttpHeaders headers, JsonNode envelope, boolean marketplace) {
        int code = envelope.get("ErrorCode").asInt();
        String message = envelope.get("Message").isString() ? envelope.get("Message").stringValue() : "";
        Optional<KasaError> entry = marketplace
                ? Arrays.stream(KasaError.values()).filter(error -> error.code() == code).findFirst()
                : Arrays.stream(KasaError.values())
                .filter(error -> error.clientMessage().equals(envelope.get("ClientMessage").asString())).findFirst();
        if (entry.isEmpty() || entry.get().code() != code || entry.get().httpStatus() != status) {
            problems.add(what + ": ErrorCode " + code + " and status " + status + " do not match one catalog entry");
        }
        // A Physical refusal's Result is null, except that one coming after a payment was
        // recorded names that payment. A decision of approvals that decided no product (the
        // marketplace's and the dashboard's) still lists each product's reason.
        boolean decidedNothing = entry.isPresent() && entry.get() == KasaError.MARKETPLACE_NOTHING_DECIDED;
        JsonNode reasons = marketplace ? envelope.get("Body") : envelope.get("Result");
        boolean listsReasons = decidedNothing && reasons.path("Success").isEmpty() && reasons.path("Success").isArray()
                && !reasons.path("Fail").isEmpty();
        boolean namesNothingOrItsPayment = envelope.get("Result").isNull()
                || (entry.isPresent() && entry.get() == KasaError.PAYMENT_CLOUD_NOT_SEND_TO_DEVICE
                && envelope.get("Result").path("PaymentRequestId").isString())
                || listsReasons;
        boolean failed = marketplace
                ? !envelope.get("Result").asBoolean() && (envelope.get("Body").isNull() || listsReasons)
                : envelope.get("Failed").asBoolean() && !envelope.get("Succeeded").asBoolean() && namesNothingOrItsPayment;
        if (!failed || message.isBlank()) {
            problems.add(what + ": the envelope does not say it failed, with a message");
        }
        if (status == 429 && headers.firstValue("Retry-After").isEmpty()) {
            problems.add(what + ": 429 without Retry-After");
        }
        if (probe.hostile() && status == 400 && probe.field() != null
                && !message.toLowerCase().contains(probe.field().toLowerCase())) {
            problems.add(what + ": the message does not name " + probe.field());
        }
    }

    List<String> problems() {
        return problems;
    }

    int sent() {
        return sent;
    }

    Map<String, Integer> statuses() {
        return statuses;
    }
}
