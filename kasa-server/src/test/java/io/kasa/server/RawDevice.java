package io.kasa.server;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device spoken by hand, frame by frame, over a bare WebSocket: for tests that must send
 * what a well-behaved agent never would (repeated or late reports, garbage).
 */
public final class RawDevice implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static RawDevice connect(URI uri) throws Exception {
        RawDevice device = new RawDevice();
        device.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, device).get(10, TimeUnit.SECONDS);
        return device;
    }

    /** Connects and says hello with the token; returns the welcome. */
    public static RawDevice authenticated(URI uri, String token) throws Exception {
        RawDevice device = connect(uri);
        device.send("{\"type\":\"hello\",\"token\":\"" + token + "\"}");
        assertThat(device.next().get("type").asString()).isEqualTo("welcome");
        return device;
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Sends one message as several WebSocket frames, one per part. */
    public void sendInParts(String... parts) throws Exception {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).get(10, TimeUnit.SECONDS);
        }
    }

    public void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
    }

    public JsonNode next() throws InterruptedException {
        String text = received.poll(10, TimeUnit.SECONDS);
        assertThat(text).as("a message within 10 s").isNotNull();
        return JSON.readTree(text);
    }

    /** The messages received and not yet taken, without waiting. */
    public List<JsonNode> receivedSoFar() {
        List<String> texts = new ArrayList<>();
        received.drainTo(texts);
        return texts.stream().map(JSON::readTree).toList();
    }

    /** The next message of the given type, skipping pings and others. */
    public JsonNode next(String type) throws InterruptedException {
        return next(message -> type.equals(message.get("type").asString()));
    }

    public JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = next();
            if (wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError("no wanted message within 10 s");
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    public int closeCode() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    public void close() {
        socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
    }
}
