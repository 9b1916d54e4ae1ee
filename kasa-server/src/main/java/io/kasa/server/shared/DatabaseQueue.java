package io.kasa.server.shared;

/**
 * The work waiting for a database connection. When work has lately waited longer than the
 * server's limit for one, the server is behind: a new request would only lengthen the queue
 * and the wait of everything in it, so it is refused at once instead
 * ({@link KasaError#SERVER_BUSY}). A burst that the pool drains within the limit is not
 * refused; only a queue that keeps its work waiting is.
 */
public interface DatabaseQueue {

    /** Whether, within the last second, work waited longer than the limit for a connection. */
    boolean isBehind();
}
