package io.kasa.server.shared.web;

import io.kasa.server.shared.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Answers 503 {@code System.DatabaseUnavailable} with {@code Retry-After} when a filter that
 * reads the database (key authentication) finds it unreachable; failures inside controllers
 * are answered by {@link ErrorAdvice} before they get here. Runs outside every such filter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DatabaseOutageFilter extends OncePerRequestFilter {

    private final Refusals refusals;
    private final DatabaseOutage outage;

    public DatabaseOutageFilter(Refusals refusals, DatabaseOutage outage) {
        this.refusals = refusals;
        this.outage = outage;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException failure) {
            if (response.isCommitted() || !outage.absorbs("a request", failure)) {
                throw failure;
            }
            response.resetBuffer();
            refusals.write(request, response, outage.refusal());
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
