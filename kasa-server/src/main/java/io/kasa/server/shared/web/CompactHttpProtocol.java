package io.kasa.server.shared.web;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 connector with smaller per-request buffers. Tomcat keeps each request in
 * progress in a processor, with buffers it allocates when it makes the processor, whatever the
 * request; a request held open, such as a held sync sale, keeps them all:
 *
 * <ul>
 * <li>the response buffers (one of bytes, one of chars), sized from
 *     {@link #getDesiredBufferSize()}: 8,192 each by default, 24 KB. Every Physical and
 *     marketplace answer fits in {@link #RESPONSE_BUFFER_BYTES} whole and keeps its
 *     {@code Content-Length}; a larger body (a long list, a page) is sent in chunks as it is
 *     written, which HTTP/1.1 clients read alike;
 * <li>the buffer for a chunked request body's trailer headers, {@code maxTrailerSize}: 8 KiB by
 *     default. Kasa reads no trailer, and clients seldom send one: {@link #MAX_TRAILER_BYTES}
 *     still takes any ordinary one; a request with more is refused with 400.
 * </ul>
 *
 * Named by class in {@link WebSettings}, as Tomcat's {@code protocol} attribute allows.
 */
public class CompactHttpProtocol extends Http11NioProtocol {

    /** The response buffer: bytes, and as many chars. */
    static final int RESPONSE_BUFFER_BYTES = 2 * 1024;
    /** The most trailer header bytes a chunked request body may end with. */
    public static final int MAX_TRAILER_BYTES = 1024;

    public CompactHttpProtocol() {
        setMaxTrailerSize(MAX_TRAILER_BYTES);
    }

    @Override
    public int getDesiredBufferSize() {
        return RESPONSE_BUFFER_BYTES;
    }
}
