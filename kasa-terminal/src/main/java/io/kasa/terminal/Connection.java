package io.kasa.terminal;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/**
 * One attempt at the live connection, from the WebSocket handshake to its end. The JDK calls the
 * listener methods on its own threads; they only buffer frames and hand complete messages to the
 * agent's serial executor. Every other member is used from that executor only, except the
 * volatile fields.
 */
final class Connection implements WebSocket.Listener {

    /** Where a connection reports to; all calls arrive on the agent's serial executor. */
    interface Events {
        void opened(Connection connection);

        void received(Connection connection, String text);

        /** The server sent a close frame; the JDK answers it. */
        void closed(Connection connection, TerminalAgent.Close close);

        /** The connection failed without a close frame (I/O error, protocol error, refused handshake). */
        void failed(Connection connection, Throwable error);
    }

    /** Server messages above this size end the connection with 1009, as the server does for device messages. */
    static final int MAX_MESSAGE_CHARS = 64 * 1024;

    final Pairing pairing;
    private final Executor events;
    private final Events sink;

    private volatile WebSocket socket;
    /** Set by {@code vanish()}: the device reads, answers and sends nothing any more. */
    private volatile boolean silenced;
    /** The last time anything arrived from the server ({@link System#nanoTime()}). */
    private volatile long lastHeard;
    private final StringBuilder partial = new StringBuilder();

    boolean ended;
    boolean live;
    long liveSince;
    Duration heartbeat;
    Duration idleTimeout;
    long pings;
    ScheduledFuture<?> openDeadline;
    ScheduledFuture<?> heartbeatTask;
    ScheduledFuture<?> watchdog;
    private CompletableFuture<?> outbox = CompletableFuture.completedFuture(null);

    Connection(Pairing pairing, Executor events, Events sink) {
        this.pairing = pairing;
        this.events = events;
        this.sink = sink;
        this.lastHeard = System.nanoTime();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        lastHeard = System.nanoTime();
        events.execute(() -> sink.opened(this));
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (silenced) {
            return null;
        }
        lastHeard = System.nanoTime();
        if (partial.length() + data.length() > MAX_MESSAGE_CHARS) {
            partial.setLength(0);
            webSocket.sendClose(1009, "message too big");
            events.execute(() -> sink.failed(this, new IllegalStateException("server message larger than 64 KiB")));
            return null;
        }
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            events.execute(() -> sink.received(this, text));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        return heard(webSocket);
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        return heard(webSocket);
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        return heard(webSocket);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (silenced) {
            // A dead device does not answer the close either.
            return new CompletableFuture<Void>();
        }
        events.execute(() -> sink.closed(this, new TerminalAgent.Close(statusCode, reason)));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!silenced) {
            events.execute(() -> sink.failed(this, error));
        }
    }

    private CompletionStage<?> heard(WebSocket webSocket) {
        if (!silenced) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
        }
        return null;
    }

    boolean isOpen() {
        return socket != null;
    }

    long lastHeard() {
        return lastHeard;
    }

    /**
     * Queues one text message. The JDK refuses a send while another is pending, so sends are
     * chained; a failed send is reported as a failure of the connection.
     */
    void send(String text) {
        WebSocket webSocket = socket;
        if (webSocket == null || silenced || ended) {
            return;
        }
        outbox = outbox.handle((ignored, error) -> null)
                .thenCompose(ignored -> silenced ? CompletableFuture.completedFuture(null) : webSocket.sendText(text, true));
        outbox.whenComplete((ignored, error) -> {
            if (error != null) {
                events.execute(() -> sink.failed(this, error));
            }
        });
    }

    /** Sends a close frame after the queued messages; completes when it is sent (or could not be). */
    CompletableFuture<?> close(int code, String reason) {
        WebSocket webSocket = socket;
        if (webSocket == null) {
            return CompletableFuture.completedFuture(null);
        }
        outbox = outbox.handle((ignored, error) -> null)
                .thenCompose(ignored -> webSocket.sendClose(code, reason))
                .handle((ignored, error) -> null);
        return outbox;
    }

    /** Stops reading, answering and sending, without closing the socket: the device is dead to the server. */
    void silence() {
        silenced = true;
        cancelTimers();
    }

    /** Drops the TCP connection at once, without a close frame. */
    void abort() {
        cancelTimers();
        WebSocket webSocket = socket;
        if (webSocket != null) {
            webSocket.abort();
        }
    }

    void cancelTimers() {
        cancel(openDeadline);
        cancel(heartbeatTask);
        cancel(watchdog);
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
