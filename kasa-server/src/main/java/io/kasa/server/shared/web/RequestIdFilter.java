package io.kasa.server.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's {@code X-Request-Id} when it is well
 * formed, otherwise a new one. The id is returned in the response header and carried by
 * every log line written while the request runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // an asynchronous answer's dispatch (a held sync sale's) keeps the id its request was given
        String id = request.getAttribute(RequestContext.REQUEST_ID) instanceof String given
                ? given : idFor(request.getHeader(HEADER));
        request.setAttribute(RequestContext.REQUEST_ID, id);
        response.setHeader(HEADER, id);
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The caller's id when it sent a well-formed one, otherwise a new one. */
    static String idFor(String offered) {
        return offered != null && WELL_FORMED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    /** The dispatch that writes an asynchronous answer logs under the request's id too. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
