package io.kasa.server.hostile;

import java.util.List;
import java.util.Map;

/**
 * One request of the fuzzer and what it must get. A hostile probe must be refused: a 4xx
 * in the endpoint family's envelope, naming {@code field} when a field is at fault. An odd
 * probe only has to be answered without a server error.
 *
 * @param requestId the {@code X-Request-Id} sent, when the probe sends one: a well-formed
 *                  one must come back, a malformed one must be replaced
 */
record Probe(Endpoint endpoint, String label, String method, String path, List<Map.Entry<String, String>> headers,
             String contentType, byte[] body, boolean hostile, String field, String requestId) {

    Probe withRequestId(String id) {
        var withId = new java.util.ArrayList<>(headers);
        withId.add(Map.entry("X-Request-Id", id));
        return new Probe(endpoint, label + " + X-Request-Id " + abbreviate(id), method, path, List.copyOf(withId),
                contentType, body, hostile, field, id);
    }

    Probe withHeader(String name, String value) {
        var more = new java.util.ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new Probe(endpoint, label + " + " + name + ": " + abbreviate(value), method, path, List.copyOf(more),
                contentType, body, hostile, field, requestId);
    }

    @Override
    public String toString() {
        return (hostile ? "hostile " : "odd ") + method + " " + abbreviate(path) + " [" + endpoint + "] " + label
                + (body == null ? "" : " body " + abbreviate(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
    }

    static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 150) + "…(" + text.length() + " chars)";
    }
}
