package io.kasa.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP load balancer on loopback in front of several nodes, as devices see one in
 * production: each new connection goes to the first node in the list that accepts it, so
 * while that node runs every device lands there, and once it stops they reconnect to the
 * next. Bytes are copied both ways untouched (HTTP and WebSocket alike).
 */
final class LoadBalancer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Integer> ports;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LoadBalancer(ServerSocket server, List<Integer> ports) {
        this.server = server;
        this.ports = List.copyOf(ports);
    }

    static LoadBalancer start(List<Integer> ports) throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        LoadBalancer balancer = new LoadBalancer(server, ports);
        Thread.ofVirtual().name("load-balancer").start(balancer::accept);
        return balancer;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().start(() -> forward(client));
        }
    }

    private void forward(Socket client) {
        Socket backend = connectToFirstNode();
        if (backend == null) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(backend);
        Thread.ofVirtual().start(() -> copy(client, backend));
        copy(backend, client);
    }

    private Socket connectToFirstNode() {
        for (int port : ports) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
        return null;
    }

    /** Copies until either side ends, then closes both, as a proxy does when one peer goes away. */
    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away; the other is closed below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        open.forEach(LoadBalancer::closeQuietly);
    }
}
