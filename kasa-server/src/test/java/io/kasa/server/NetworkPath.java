package io.kasa.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP path on loopback between clients (devices) and a server, that a test can cut the
 * way a network fails silently: from {@link #cut()} on, every byte either way is dropped,
 * FIN and all, while every socket stays open, so neither end hears anything — no data, no
 * close. {@link #heal()} lets new connections through again; connections that were cut
 * stay dead, as their streams lost bytes and can never be whole again.
 */
public final class NetworkPath implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final ExecutorService pumps = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    private NetworkPath(ServerSocket listener, InetSocketAddress server) {
        this.listener = listener;
        this.server = server;
        pumps.submit(this::accept);
    }

    /** A path to the server on this loopback port. */
    public static NetworkPath to(int serverPort) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket listener = new ServerSocket(0, 50, loopback);
        return new NetworkPath(listener, new InetSocketAddress(loopback, serverPort));
    }

    /** The server's HTTP address as seen through this path. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Drops everything on every connection, present and new, without closing any. */
    public void cut() {
        cut = true;
        links.forEach(Link::cut);
    }

    /** New connections go through again. */
    public void heal() {
        cut = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream;
                try {
                    upstream = new Socket(server.getAddress(), server.getPort());
                } catch (IOException refused) {
                    client.close();
                    continue;
                }
                Link link = new Link(client, upstream, cut);
                links.add(link);
                pumps.submit(() -> link.pump(client, upstream));
                pumps.submit(() -> link.pump(upstream, client));
            } catch (IOException e) {
                // the listener was closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        links.forEach(Link::close);
        pumps.shutdownNow();
    }

    /** One client connection and its connection to the server. */
    private static final class Link {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean cut;

        Link(Socket client, Socket upstream, boolean cut) {
            this.client = client;
            this.upstream = upstream;
            this.cut = cut;
        }

        void cut() {
            cut = true;
        }

        /** Copies one direction until its end closes; once cut, reads and drops, and passes no close on. */
        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!cut) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one end went away
            }
            if (!cut) {
                close();
            }
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
