package io.kasa.bench;

import com.sun.net.httpserver.HttpServer;
import io.kasa.client.PaymentStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The merchant's callback receiver: a JDK HTTP server on 127.0.0.1 whose handlers run on
 * virtual threads. It answers every callback 200 at once and tells the {@link SaleRouter}
 * when a payment's final callback arrived. Signatures are not checked: the figure is the
 * arrival time, and checking would spend this machine's CPU that the server also needs.
 */
final class CallbackInbox implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final LongAdder received = new LongAdder();
    private final LongAdder unreadable = new LongAdder();

    private CallbackInbox(HttpServer server) {
        this.server = server;
    }

    static CallbackInbox start(SaleRouter router) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        CallbackInbox inbox = new CallbackInbox(server);
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            inbox.received.increment();
            try {
                JsonNode callback = JSON.readTree(body);
                int status = callback.path("PaymentStatusId").asInt(0);
                boolean isFinal = status > 0 && isFinal(status);
                router.callback(callback.path("DisplayCode").asString(null), status, isFinal, now);
            } catch (JacksonException e) {
                inbox.unreadable.increment();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(inbox.threads);
        server.start();
        return inbox;
    }

    /** Where the server should send callbacks. */
    URI address() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
    }

    long received() {
        return received.sum();
    }

    long unreadable() {
        return unreadable.sum();
    }

    private static boolean isFinal(int status) {
        try {
            return PaymentStatus.of(status).isFinal();
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
