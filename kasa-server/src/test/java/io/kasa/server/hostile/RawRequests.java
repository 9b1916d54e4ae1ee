package io.kasa.server.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests whose HTTP itself is broken or lying — the kind no HTTP client library will
 * send — written byte for byte on a socket: a {@code Content-Length} that is wrong, doubled
 * or not a number, chunked framing that is, headers too large or holding control bytes,
 * request lines that are not HTTP/1.1. Every one must get a 4xx in the envelope within the
 * socket timeout, and leave the server answering. ({@code Content-Length} together with
 * {@code Transfer-Encoding: chunked} is not among them: Jetty refuses such a request with
 * 400 in the envelope and closes the connection, as RFC 9112 §6.3 allows, which leaves
 * nothing to smuggle.)
 */
final class RawRequests {

    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    /**
     * One broken request: its bytes, whether the client stops writing after them, and whether
     * closing the connection unanswered is right (a request line without an HTTP version is
     * HTTP/0.9, whose answers have no status line to carry a refusal).
     */
    record Raw(String label, byte[] bytes, boolean halfClose, boolean mayClose) {
        static Raw of(String label, String text) {
            return new Raw(label, text.getBytes(StandardCharsets.ISO_8859_1), false, false);
        }
    }

    record Reply(int status, String head, String body) {
    }

    private final int port;
    private final List<String> problems = new ArrayList<>();

    RawRequests(int port) {
        this.port = port;
    }

    static List<Raw> hostile(String client, String secret) {
        String keys = "apiclientprivate: " + client + "\r\napikeyprivate: " + secret + "\r\n";
        String start = "POST /api/terminal HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + keys;
        String body = "{\"Name\":\"Raw\",\"SerialNo\":\"RAW-1\"}";
        return List.of(
                new Raw("Content-Length longer than the body", (start + "Content-Length: 500\r\n\r\n" + body)
                        .getBytes(StandardCharsets.ISO_8859_1), true, false),
                Raw.of("Content-Length shorter than the body", start + "Content-Length: 10\r\nConnection: close\r\n\r\n" + body),
                Raw.of("Content-Length not a number", start + "Content-Length: abc\r\n\r\n" + body),
                Raw.of("negative Content-Length", start + "Content-Length: -1\r\n\r\n" + body),
                Raw.of("Content-Length past any number", start + "Content-Length: 99999999999999999999999\r\n\r\n" + body),
                Raw.of("two different Content-Lengths", start + "Content-Length: 10\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body),
                Raw.of("a chunk size that is no number", start + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n"),
                Raw.of("an unknown transfer coding", start + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunked(body)),
                Raw.of("a NUL in a header value", start + "X-Request-Id: a\u0000b\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body),
                Raw.of("a header name with a space", start + "Bad Header: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body),
                Raw.of("a bare CR in a header", start + "X-Request-Id: a\rb\r\nContent-Length: " + body.length() + "\r\n\r\n" + body),
                Raw.of("20 KB of headers", start + "X-Filler: " + "f".repeat(20 * 1024) + "\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body),
                Raw.of("a 10 KB path", "GET /api/terminal/" + "p".repeat(10 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + keys + "\r\n"),
                new Raw("a request line without a version", "HELLO THERE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                        false, true),
                Raw.of("HTTP/9.9", "GET /api/terminal/list HTTP/9.9\r\nHost: 127.0.0.1\r\n" + keys + "\r\n"),
                Raw.of("a method of control bytes", "G\u0001T /api/terminal/list HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
                new Raw("keys in UTF-8", ("POST /api/terminal/list HTTP/1.1\r\nHost: 127.0.0.1\r\napiclientprivate: kpr_şifre\r\n"
                        + "apikeyprivate: anahtar_ığüşöç\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                        .getBytes(StandardCharsets.UTF_8), false, false));
    }

    private static String chunked(String body) {
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    void send(Raw raw) {
        String what = "raw request \"" + raw.label() + "\"";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Fuzzer.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(raw.bytes());
            out.flush();
            if (raw.halfClose()) {
                socket.shutdownOutput();
            }
            Reply reply = read(socket.getInputStream());
            if (reply == null) {
                if (!raw.mayClose()) {
                    problems.add(what + ": the connection closed without an answer");
                }
            } else if (reply.status() < 400 || reply.status() > 499) {
                problems.add(what + ": answered " + reply.status() + " " + Probe.abbreviate(reply.body()));
            } else if (!reply.head().toLowerCase(Locale.ROOT).contains("content-type: application/json")
                    || !reply.body().contains("\"ErrorCode\":") || !reply.head().contains("X-Request-Id: ")) {
                problems.add(what + ": answered " + reply.status() + " without the envelope and a request id: "
                        + Probe.abbreviate(reply.head() + reply.body()));
            }
        } catch (SocketTimeoutException e) {
            problems.add(what + ": no answer within " + Fuzzer.TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            problems.add(what + ": " + e);
        }
    }

    /** The first answer on the connection; null when it closes before a status line. */
    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                break;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher status = STATUS.matcher(text);
        if (!status.lookingAt()) {
            return null;
        }
        Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(text);
        byte[] body;
        if (length.find()) {
            body = in.readNBytes(Integer.parseInt(length.group(1)));
        } else if (text.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = unchunked(in);
        } else if (text.toLowerCase(Locale.ROOT).contains("connection: close")) {
            // neither length nor chunks: the body runs to the end of the connection (RFC 9112 §6.3),
            // as Jetty answers a request whose body it gave up reading
            body = in.readAllBytes();
        } else {
            body = new byte[0];
        }
        return new Reply(Integer.parseInt(status.group(1)), text, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    size.append((char) b);
                }
            }
            int n = Integer.parseInt(size.toString().strip(), 16);
            if (n == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            in.readNBytes(2);
        }
    }

    List<String> problems() {
        return problems;
    }
}
