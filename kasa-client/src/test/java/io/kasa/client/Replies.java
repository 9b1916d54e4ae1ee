package io.kasa.client;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link HttpReply}s as a server would send them, for envelope tests without a network. */
final class Replies {

    private Replies() {
    }

    static HttpReply reply(int status, String body, String... headerPairs) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], List.of(headerPairs[i + 1]));
        }
        return new HttpReply(status, body.getBytes(StandardCharsets.UTF_8), HttpHeaders.of(headers, (name, value) -> true));
    }
}
