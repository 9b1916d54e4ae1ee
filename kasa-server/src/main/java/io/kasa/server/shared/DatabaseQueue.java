package io.kasa.server.shared;

/**
 * The work waiting for a database connection. When more waits than {@link #limit()}, the
 * server is behind: a new request would only lengthen the queue and the wait of everything
 * in it, so it is refused at once instead ({@link KasaError#SERVER_BUSY}).
 */
public interface DatabaseQueue {

    /** How many are waiting for a connection now. */
    int waiting();

    /** The longest queue new requests are still let into; 0 lets every request in. */
    int limit();

    default boolean isFull() {
        return limit() > 0 && waiting() >= limit();
    }
}
