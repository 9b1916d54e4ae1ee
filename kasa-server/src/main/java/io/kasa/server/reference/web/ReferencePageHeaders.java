package io.kasa.server.reference.web;

import io.kasa.server.shared.web.PageHeaders;
import io.kasa.server.shared.web.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The reference page gets a strict content security policy, as the dashboard's pages do: it
 * runs only the server's own scripts (no inline script, nothing from elsewhere), so a
 * document that somehow carried markup could not run code in it. Swagger UI writes style
 * attributes and draws some icons as {@code data:} images, which the policy allows.
 */
@Component
class ReferencePageHeaders extends OncePerRequestFilter {

    private static final String PAGE = "/reference/";
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestContext.path(request).startsWith(PAGE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PageHeaders.write(response, CONTENT_SECURITY_POLICY);
        chain.doFilter(request, response);
    }
}
