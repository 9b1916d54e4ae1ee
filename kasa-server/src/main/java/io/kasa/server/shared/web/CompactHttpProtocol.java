package io.kasa.server.shared.web;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 connector with a smaller response body buffer. Tomcat keeps each request
 * in progress in a processor whose response buffers (one of bytes, one of chars) it sizes from
 * {@link #getDesiredBufferSize()}: 8,192 each by default, 24 KB of heap for every request held
 * open, such as a held sync sale. Every Physical and marketplace answer fits in
 * {@link #RESPONSE_BUFFER_BYTES} whole and keeps its {@code Content-Length}; a larger body
 * (a long list, a page) is sent in chunks as it is written, which HTTP/1.1 clients read alike.
 * Named by class in {@link WebSettings}, as Tomcat's {@code protocol} attribute allows.
 */
public class CompactHttpProtocol extends Http11NioProtocol {

    /** The response buffer: bytes, and as many chars. */
    static final int RESPONSE_BUFFER_BYTES = 2 * 1024;

    @Override
    public int getDesiredBufferSize() {
        return RESPONSE_BUFFER_BYTES;
    }
}
