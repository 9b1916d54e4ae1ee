package io.kasa.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP peer on 127.0.0.1 that records every request and answers from a script
 * (or with a generic success envelope when the script is empty).
 */
final class ScriptedServer implements AutoCloseable {

    record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Answer(int status, String body, Duration delay, String[] headerPairs) {
    }

    private static final String OK = """
            {"Result":{"Status":true},"ErrorCode":0,"Succeeded":true,"Failed":false,"Message":null,"ClientMessage":null}
            """;

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client of this server with both key pairs of a made-up merchant, asking in English. */
    KasaClient client() {
        return KasaClient.builder().baseUri(uri())
                .privateKeys("priv-client", "priv-secret").publicKeys("pub-client", "pub-secret")
                .locale("en").build();
    }

    /** Queues an answer whose body is a success envelope around {@code resultJson}. */
    ScriptedServer result(String resultJson) {
        return delayedResult(Duration.ZERO, resultJson);
    }

    /** As {@link #result(String)}, sent only after {@code delay}, like a held sync call. */
    synchronized ScriptedServer delayedResult(Duration delay, String resultJson) {
        script.addLast(new Answer(200, """
                {"Result":%s,"ErrorCode":0,"Succeeded":true,"Failed":false,"Message":null,"ClientMessage":null}
                """.formatted(resultJson), delay, new String[0]));
        return this;
    }

    synchronized ScriptedServer answer(int status, String body, String... headerPairs) {
        script.addLast(new Answer(status, body, Duration.ZERO, headerPairs));
        return this;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized Received last() {
        return received.getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Answer answer;
        synchronized (this) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
            answer = script.isEmpty() ? new Answer(200, OK, Duration.ZERO, new String[0]) : script.removeFirst();
        }
        if (answer.delay().isPositive()) {
            try {
                Thread.sleep(answer.delay());
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        for (int i = 0; i < answer.headerPairs().length; i += 2) {
            exchange.getResponseHeaders().add(answer.headerPairs()[i], answer.headerPairs()[i + 1]);
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
