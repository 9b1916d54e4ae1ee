package io.kasa.server.shared;

/**
 * The work waiting for a database connection. When too much waits, or work has lately
 * waited longer than the server's limit, the server is behind: a new request would only
 * lengthen the queue and the wait of everything in it, so it is refused at once instead
 * ({@link KasaError#SERVER_BUSY}).
 */
public interface DatabaseQueue {

    /** Whether the queue is too long now, or work waited too long in it within the last second. */
    boolean isBehind();
}
