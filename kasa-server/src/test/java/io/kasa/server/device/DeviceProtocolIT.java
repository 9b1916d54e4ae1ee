package io.kasa.server.device;

import io.kasa.client.PairRequest;
import io.kasa.client.TerminalRef;
import io.kasa.server.Devices;
import io.kasa.server.KasaServerIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device protocol spoken by hand, frame by frame, as a terminal maker following
 * {@code docs/device-protocol.md} would: no agent in between.
 */
class DeviceProtocolIT extends KasaServerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void helloWithAValidTokenIsWelcomedAndPingsArePonged() throws Exception {
        String token = pairByHand();
        RawDevice device = RawDevice.connect(liveUri());

        device.send("{\"type\":\"hello\",\"token\":\"" + token + "\",\"appVersion\":\"1.0\"}");
        JsonNode welcome = device.next();
        assertThat(welcome.get("type").asString()).isEqualTo("welcome");
        assertThat(welcome.get("heartbeatSeconds").asInt()).isEqualTo(10);
        assertThat(welcome.get("idleTimeoutSeconds").asInt()).isEqualTo(25);
        assertThat(welcome.get("terminalId").asString()).isNotBlank();
        assertThat(welcome.get("serverTime").asString()).endsWith("Z");

        device.send("{\"type\":\"ping\",\"id\":\"p-1\",\"someFutureField\":true}");
        JsonNode pong = device.next();
        assertThat(pong.get("type").asString()).isEqualTo("pong");
        assertThat(pong.get("id").asString()).isEqualTo("p-1");

        device.send("{\"type\":\"no-such-type\"}");
        assertThat(device.next().get("type").asString()).isEqualTo("error");
        assertThat(device.isOpen()).isTrue();

        device.send("not json at all");
        assertThat(device.closeCode()).isEqualTo(4400);
    }

    @Test
    void anUnknownTokenIsRefusedWith4401() throws Exception {
        RawDevice device = RawDevice.connect(liveUri());
        device.send("{\"type\":\"hello\",\"token\":\"kdt_not-a-real-token\"}");

        JsonNode error = device.next();
        assertThat(error.get("type").asString()).isEqualTo("error");
        assertThat(error.get("code").asString()).isEqualTo("auth");
        assertThat(device.closeCode()).isEqualTo(4401);
    }

    @Test
    void anyFirstMessageOtherThanHelloIsRefusedWith4401() throws Exception {
        RawDevice device = RawDevice.connect(liveUri());
        device.send("{\"type\":\"ping\"}");
        assertThat(device.closeCode()).isEqualTo(4401);

        RawDevice garbage = RawDevice.connect(liveUri());
        garbage.send("\u0000\u0001garbage");
        assertThat(garbage.closeCode()).isEqualTo(4401);
    }

    @Test
    void aMessageLargerThan64KiBClosesTheConnection() throws Exception {
        String token = pairByHand();
        RawDevice device = RawDevice.connect(liveUri());
        device.send("{\"type\":\"hello\",\"token\":\"" + token + "\"}");
        assertThat(device.next().get("type").asString()).isEqualTo("welcome");

        device.send("{\"type\":\"ping\",\"id\":\"" + "x".repeat(70 * 1024) + "\"}");

        assertThat(device.closeCode()).isEqualTo(1009);
    }

    private URI liveUri() {
        return URI.create("ws://127.0.0.1:" + port + "/api/device/live");
    }

    private String pairByHand() throws Exception {
        var merchant = newMerchant("protocol");
        UUID terminalId = Devices.register(merchant.client(), "Till");
        PairRequest request = merchant.client().pairing().request(TerminalRef.id(terminalId));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(baseUri.resolve("/api/device/pair"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"PairCode\":\"" + request.pairCode() + "\",\"SerialNo\":\"RAW-1\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode result = JSON.readTree(response.body()).get("Result");
        assertThat(result.get("LivePath").asString()).isEqualTo("/api/device/live");
        assertThat(result.get("TerminalId").asString()).isEqualTo(terminalId.toString());
        return result.get("DeviceToken").asString();
    }

    /** A bare WebSocket client that queues what it receives. */
    private static final class RawDevice implements WebSocket.Listener {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static RawDevice connect(URI uri) throws Exception {
            RawDevice device = new RawDevice();
            device.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(uri, device).get(10, TimeUnit.SECONDS);
            return device;
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        JsonNode next() throws InterruptedException {
            String text = received.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a message within 10 s").isNotNull();
            return JSON.readTree(text);
        }

        boolean isOpen() {
            return !closed.isDone();
        }

        int closeCode() throws Exception {
            return closed.get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
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
}
