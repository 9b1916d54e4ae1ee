package io.kasa.server;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that receives callbacks. Each request is answered by the
 * next scripted reply (status and delay), then by the default (200 at once); every request
 * that arrived, with its headers and raw body, is kept in arrival order.
 */
public final class CallbackReceiver implements AutoCloseable {

    public record Received(String eventId, int sequence, String signature, String body, Map<String, List<String>> headers) {
    }

    /**
     * A scripted reply: its status after {@code delay}; with {@code trickle}, a 200 whose body
     * then comes one byte every 200 ms for that long, so no single read waits long.
     */
    public record Reply(int status, Duration delay, Duration trickle) {
        public static Reply status(int status) {
            return new Reply(status, Duration.ZERO, Duration.ZERO);
        }

        public static Reply slow(Duration delay) {
            return new Reply(200, delay, Duration.ZERO);
        }

        public static Reply trickling(Duration trickle) {
            return new Reply(200, Duration.ZERO, trickle);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();

    private CallbackReceiver(HttpServer server) {
        this.server = server;
    }

    public static CallbackReceiver start() throws IOException {
        return start(0);
    }

    public static CallbackReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        CallbackReceiver receiver = new CallbackReceiver(server);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var headers = exchange.getRequestHeaders();
            String sequence = headers.getFirst("X-Kasa-Sequence");
            receiver.received.add(new Received(headers.getFirst("X-Kasa-Event-Id"),
                    sequence == null ? -1 : Integer.parseInt(sequence), headers.getFirst("X-Kasa-Signature"),
                    new String(body, StandardCharsets.UTF_8), Map.copyOf(headers)));
            Reply reply = receiver.script.poll();
            if (reply == null) {
                reply = Reply.status(200);
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (reply.status() >= 300 && reply.status() < 400) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            exchange.sendResponseHeaders(reply.status(), reply.trickle().isZero() ? -1 : 0);
            try (OutputStream out = exchange.getResponseBody()) {
                long until = System.nanoTime() + reply.trickle().toNanos();
                while (System.nanoTime() < until) {
                    out.write('.');
                    out.flush();
                    Thread.sleep(200);
                }
                out.flush();
            } catch (IOException ignored) {
                // the sender may have given up waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    /** Answers the next requests with these replies, in order. */
    public CallbackReceiver then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** What arrived for one payment, in arrival order. */
    public List<Received> forPayment(java.util.UUID paymentRequestId) {
        return received.stream().filter(r -> r.body().contains(paymentRequestId.toString())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
