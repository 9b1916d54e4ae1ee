package io.kasa.server.hostile;

import io.kasa.server.RawDevice;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Frames a terminal that is broken or hostile might send on the live connection, each on a
 * connection of its own, before or after a valid {@code hello}. Every one must be answered
 * the way docs/device-protocol.md says — an {@code error} message on a connection that stays
 * open, or a close with a protocol code — never with the server's own failure (1011) and
 * never by changing an order.
 */
final class DeviceFrames {

    private static final Set<Integer> PROTOCOL_CLOSES = Set.of(1003, 1009, 4400, 4401);

    /** A frame; {@code close} is the code that must end the connection, or null for an {@code error} answer. */
    record Frame(String label, boolean afterHello, String text, byte[] binary, Integer close) {
        static Frame first(String label, String text, int close) {
            return new Frame(label, false, text, null, close);
        }

        static Frame closing(String label, String text, int close) {
            return new Frame(label, true, text, null, close);
        }

        static Frame refused(String label, String text) {
            return new Frame(label, true, text, null, null);
        }
    }

    private final URI live;
    private final String token;
    private final List<String> problems = new ArrayList<>();

    DeviceFrames(URI live, String token) {
        this.live = live;
        this.token = token;
    }

    /**
     * @param order       an order the device's terminal has, not yet taken
     * @param othersOrder an order of another terminal of the same merchant
     */
    static List<Frame> hostile(String token, UUID order, UUID othersOrder, Random random) {
        String bigText = "{\"type\":\"ping\",\"id\":\"" + "p".repeat(70 * 1024) + "\"}";
        List<Frame> frames = new ArrayList<>(List.of(
                Frame.first("not JSON", "hello?", 4401),
                Frame.first("a JSON list", "[]", 4401),
                Frame.first("hello without a token", "{\"type\":\"hello\"}", 4401),
                Frame.first("hello with a wrong token", "{\"type\":\"hello\",\"token\":\"kdt_wrong\"}", 4401),
                Frame.first("hello with a 300-character token", "{\"type\":\"hello\",\"token\":\"" + "t".repeat(300) + "\"}", 4401),
                Frame.first("hello with the token and a NUL", "{\"type\":\"hello\",\"token\":\"" + token + "\\u0000\"}", 4401),
                Frame.first("hello with a list for the token", "{\"type\":\"hello\",\"token\":[\"" + token + "\"]}", 4401),
                Frame.first("an outcome before hello", outcome(order, "\"approved\""), 4401),
                Frame.first("5000 levels of nesting", "{\"type\":\"hello\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 4401),
                Frame.first("a 70 KB frame", bigText, 1009),
                new Frame("a binary frame", false, null, new byte[]{1, 2, 3}, 1003),
                new Frame("a binary frame after hello", true, null, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8), 1003),
                Frame.closing("not JSON after hello", "{\"type\":", 4400),
                Frame.closing("no type", "{}", 4400),
                Frame.closing("a null type", "{\"type\":null}", 4400),
                Frame.closing("an object for a ping id", "{\"type\":\"ping\",\"id\":{\"x\":1}}", 4400),
                Frame.closing("a malformed order id", "{\"type\":\"taken\",\"orderId\":\"not-a-uuid\"}", 4400),
                Frame.closing("the order id and a NUL", "{\"type\":\"taken\",\"orderId\":\"" + order + "\\u0000\"}", 4400),
                Frame.closing("a list for the result", outcome(order, "[\"approved\"]"), 4400),
                Frame.closing("text for the card", outcome(order, "\"approved\"").replace("}", ",\"card\":\"4543 6000 1234 1234\"}"), 4400),
                Frame.closing("a 70 KB frame after hello", bigText, 1009),
                Frame.refused("an unknown type", "{\"type\":\"dance\"}"),
                Frame.refused("received without an order", "{\"type\":\"received\"}"),
                Frame.refused("taken without an order", "{\"type\":\"taken\"}"),
                Frame.refused("taken of an unknown order", "{\"type\":\"taken\",\"orderId\":\"" + UUID.randomUUID() + "\"}"),
                Frame.refused("taken of another terminal's order", "{\"type\":\"taken\",\"orderId\":\"" + othersOrder + "\"}"),
                Frame.refused("an outcome without a result", "{\"type\":\"outcome\",\"orderId\":\"" + order + "\"}"),
                Frame.refused("an outcome that is neither", outcome(order, "\"maybe\"")),
                Frame.refused("an outcome in capitals", outcome(order, "\"APPROVED\"")),
                Frame.refused("an outcome of an unknown order", outcome(UUID.randomUUID(), "\"approved\"")),
                Frame.refused("an outcome of another terminal's order", outcome(othersOrder, "\"declined\""))));
        for (int i = 0; i < 5; i++) {
            byte[] noise = new byte[8 + random.nextInt(200)];
            random.nextBytes(noise);
            noise[0] = '#';
            frames.add(Frame.closing("random text " + i, new String(noise, StandardCharsets.ISO_8859_1), 4400));
        }
        return frames;
    }

    private static String outcome(UUID order, String result) {
        return "{\"type\":\"outcome\",\"orderId\":\"" + order + "\",\"result\":" + result + "}";
    }

    void send(Frame frame) {
        String what = "frame \"" + frame.label() + "\"";
        RawDevice device = null;
        try {
            device = frame.afterHello() ? RawDevice.authenticated(live, token) : RawDevice.connect(live);
            if (frame.binary() != null) {
                device.sendBinary(frame.binary());
            } else {
                device.send(frame.text());
            }
            if (frame.close() != null) {
                int code = device.closeCode();
                if (code != frame.close()) {
                    problems.add(what + ": closed with " + code + ", not " + frame.close());
                }
            } else {
                JsonNode answer = device.next(message -> "error".equals(message.path("type").asString()));
                if (answer.path("code").asString().isBlank() || !device.isOpen()) {
                    problems.add(what + ": answered " + answer + (device.isOpen() ? "" : " and closed"));
                }
            }
        } catch (Exception | AssertionError e) {
            Integer code = device == null || device.isOpen() ? null : closeCode(device);
            if (code == null || !PROTOCOL_CLOSES.contains(code)) {
                problems.add(what + ": " + e + (code == null ? "" : " (closed with " + code + ")"));
            }
        } finally {
            if (device != null) {
                device.close();
            }
        }
    }

    private static Integer closeCode(RawDevice device) {
        try {
            return device.closeCode();
        } catch (Exception e) {
            return null;
        }
    }

    List<String> problems() {
        return problems;
    }
}
