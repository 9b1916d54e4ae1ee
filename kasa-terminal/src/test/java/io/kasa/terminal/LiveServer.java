package io.kasa.terminal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * A WebSocket server just big enough to play the Kasa server's side of the live connection in
 * tests, frame by frame: each accepted connection is a {@link Peer} the test reads from and
 * writes to. Not a general WebSocket implementation (no fragmentation, no extensions).
 */
final class LiveServer implements AutoCloseable {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ServerSocket socket;
    private final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();

    private LiveServer(ServerSocket socket) {
        this.socket = socket;
        Thread.ofVirtual().start(this::accept);
    }

    static LiveServer start() throws IOException {
        return new LiveServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** The next connection that completed its handshake. */
    Peer awaitPeer() throws InterruptedException {
        Peer peer = peers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (peer == null) {
            throw new AssertionError("no connection within " + WAIT);
        }
        return peer;
    }

    /** The next connection, past its {@code hello}, welcomed. */
    Peer awaitWelcomed() throws InterruptedException {
        Peer peer = awaitPeer();
        JsonNode hello = peer.receive();
        if (!"hello".equals(hello.path("type").stringValue())) {
            throw new AssertionError("expected hello, got " + hello);
        }
        peer.send("{\"type\":\"welcome\",\"terminalId\":\"terminal-1\",\"terminalPairId\":\"pair-1\","
                + "\"heartbeatSeconds\":10,\"idleTimeoutSeconds\":25,\"serverTime\":\"2026-11-24T10:15:30.123Z\"}");
        return peer;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Peer peer = new Peer(client);
                if (peer.handshake()) {
                    peers.add(peer);
                    Thread.ofVirtual().start(peer::read);
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    static final class Peer {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private volatile boolean ended;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** The next message from the device other than a heartbeat. */
        JsonNode receive() throws InterruptedException {
            while (true) {
                String text = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (text == null) {
                    throw new AssertionError("no message within " + WAIT + (ended ? " (connection ended)" : ""));
                }
                JsonNode message = Orders.JSON.readTree(text);
                if (!"ping".equals(message.path("type").stringValue()) && !"pong".equals(message.path("type").stringValue())) {
                    return message;
                }
            }
        }

        /** The next message, as {@code "type orderId [result]"}. */
        String receiveLine() throws InterruptedException {
            JsonNode message = receive();
            return (message.path("type").stringValue() + " " + message.path("orderId").asString("") + " "
                    + message.path("result").asString("")).strip();
        }

        /** Whether the device ended the connection (close frame or TCP) within the wait. */
        boolean awaitEnd() throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!ended && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return ended;
        }

        synchronized void send(String text) {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        void send(JsonNode message) {
            send(message.toString());
        }

        /** Sends a close frame with {@code code}, as the server does when it ends a connection. */
        synchronized void closeWith(int code) {
            try {
                out.write(new byte[] {(byte) 0x88, 2, (byte) (code >>> 8), (byte) (code & 0xff)});
                out.flush();
            } catch (IOException e) {
                ended = true;
            }
        }

        private synchronized void send(byte[] payload) {
            try {
                ByteArrayOutputStream frame = new ByteArrayOutputStream();
                frame.write(0x81);
                if (payload.length < 126) {
                    frame.write(payload.length);
                } else {
                    frame.write(126);
                    frame.write(payload.length >>> 8);
                    frame.write(payload.length & 0xff);
                }
                frame.write(payload);
                out.write(frame.toByteArray());
                out.flush();
            } catch (IOException e) {
                ended = true;
            }
        }

        private boolean handshake() throws IOException {
            String key = null;
            for (String line : readHead(socket.getInputStream()).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-key")) {
                    key = line.substring(colon + 1).trim();
                }
            }
            if (key == null) {
                socket.close();
                return false;
            }
            String accept = Base64.getEncoder().encodeToString(sha1(key + ACCEPT_GUID));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return true;
        }

        private void read() {
            try {
                while (true) {
                    int first = in.readUnsignedByte();
                    int second = in.readUnsignedByte();
                    long length = second & 0x7f;
                    if (length == 126) {
                        length = in.readUnsignedShort();
                    } else if (length == 127) {
                        length = in.readLong();
                    }
                    byte[] mask = new byte[4];
                    if ((second & 0x80) != 0) {
                        in.readFully(mask);
                    }
                    byte[] payload = new byte[(int) length];
                    in.readFully(payload);
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                    switch (first & 0x0f) {
                        case 0x1 -> received.add(new String(payload, StandardCharsets.UTF_8));
                        case 0x8 -> {
                            ended = true;
                            socket.close();
                            return;
                        }
                        default -> { }
                    }
                }
            } catch (EOFException | java.net.SocketException e) {
                ended = true;
            } catch (IOException e) {
                ended = true;
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed during the handshake");
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        private static byte[] sha1(String text) {
            try {
                return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.US_ASCII));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
