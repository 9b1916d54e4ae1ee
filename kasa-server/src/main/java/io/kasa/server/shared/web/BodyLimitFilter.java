package io.kasa.server.shared.web;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.Validation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Enumeration;

/**
 * Refuses request bodies above {@code kasa.http.max-body-size} (default 256 KiB) with 413:
 * at once when {@code Content-Length} says so, and while reading when the body is chunked.
 * A body sent in a transfer coding other than chunked ({@code Transfer-Encoding: gzip, chunked})
 * is refused with 400: Jetty undoes only the chunking and would hand the rest over still coded,
 * and RFC 9112 lets a server refuse a coding it does not undo.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodyLimitFilter extends OncePerRequestFilter {

    /** The most of an unread request body read after its answer to keep the connection (Tomcat's max-swallow-size was 1 MB). */
    static final long MAX_SWALLOW_BYTES = 1024 * 1024;

    private final long limit;
    private final Refusals refusals;

    public BodyLimitFilter(@Value("${kasa.http.max-body-size:256KB}") DataSize limit, Refusals refusals) {
        this.limit = limit.toBytes();
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!onlyChunked(request.getHeaders("Transfer-Encoding"))) {
            refusals.write(request, response, Validation.invalid("İstek gövdesinin aktarım kodlaması desteklenmiyor (yalnızca chunked)",
                    "The request body's transfer coding is not supported (only chunked)"));
            return;
        }
        try {
            if (request.getContentLengthLong() > limit) {
                refusals.write(request, response, KasaError.PAYLOAD_TOO_LARGE);
                return;
            }
            chain.doFilter(new LimitedRequest(request, limit), response);
        } finally {
            swallowUnread(request);
        }
    }

    /**
     * Reads what is left of a body nobody read (a request refused before its body mattered: no
     * keys, too large) up to {@link #MAX_SWALLOW_BYTES}, so that the caller's connection stays
     * usable for its next request: Jetty closes a connection whose request body was not read to
     * its end, and a client that already sent its next request on it gets no answer. A longer
     * body is left unread and its connection closed.
     */
    private static void swallowUnread(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (request.isAsyncStarted() || length > MAX_SWALLOW_BYTES || (length <= 0 && !chunked)) {
            return;
        }
        try {
            ServletInputStream in = request.getInputStream();
            if (in.isFinished()) {
                return; // the usual case: the controller read the body to its end
            }
            byte[] discard = new byte[4096];
            long read = 0;
            for (int n = in.read(discard); n >= 0 && read <= MAX_SWALLOW_BYTES; n = in.read(discard)) {
                read += n;
            }
        } catch (IOException | IllegalStateException gone) {
            // the caller stopped sending, or the body was read as text: nothing left to keep
        }
    }

    private static boolean onlyChunked(Enumeration<String> headers) {
        while (headers != null && headers.hasMoreElements()) {
            for (String coding : headers.nextElement().split(",")) {
                if (!coding.isBlank() && !coding.strip().equalsIgnoreCase("chunked")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Thrown by the body stream past the limit; the error advice answers it with 413. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body exceeds the limit");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
