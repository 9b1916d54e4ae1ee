package io.kasa.server.shared.web;

import io.kasa.server.shared.DatabaseQueue;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Refuses a new API request with 503 {@code System.Busy} and {@code Retry-After: 1} while the
 * {@link DatabaseQueue} is behind, before it authenticates or reads anything. Under more load
 * than the server can carry, the requests it takes keep their latency and the others learn
 * at once to come back, instead of every request queueing until it times out. A refused
 * request did nothing, so it is safe to repeat. Work already taken on — device reports,
 * callbacks, held sync sales — is never refused here: it is what empties the queue.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AdmissionFilter extends OncePerRequestFilter {

    private static final KasaException BUSY = new KasaException(KasaError.SERVER_BUSY, null, Duration.ofSeconds(1));

    private final DatabaseQueue queue;
    private final Refusals refusals;

    public AdmissionFilter(DatabaseQueue queue, Refusals refusals) {
        this.queue = queue;
        this.refusals = refusals;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestContext.isApiCall(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (queue.isBehind()) {
            refusals.write(request, response, BUSY);
        } else {
            chain.doFilter(request, response);
        }
    }
}
