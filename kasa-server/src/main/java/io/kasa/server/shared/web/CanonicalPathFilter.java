package io.kasa.server.shared.web;

import io.kasa.server.shared.LocalizedText;
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
import org.springframework.web.util.UriUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request whose path is not written plainly: with dot segments ({@code /./},
 * {@code /../}, also percent-encoded), doubled slashes or path parameters ({@code ;x=1}).
 * Kasa's filters decide who may call what on the path as the container normalises it
 * ({@link RequestContext#path}), while Spring MVC picks the handler from the path as written;
 * a path that reads differently the two ways could pass a filter as one endpoint and run as
 * another. Runs after authentication, so an unauthenticated caller still learns nothing but
 * 401, and answers 400 with the envelope.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class CanonicalPathFilter extends OncePerRequestFilter {

    private final Refusals refusals;

    public CanonicalPathFilter(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isCanonical(request)) {
            chain.doFilter(request, response);
        } else {
            refusals.write(request, response, new KasaException(KasaError.VALIDATION_ERROR, new LocalizedText(
                    "adres yolu nokta bölümleri, çift eğik çizgi veya yol parametresi içeremez",
                    "the path must not hold dot segments, doubled slashes or path parameters")));
        }
    }

    static boolean isCanonical(HttpServletRequest request) {
        String written = request.getRequestURI().substring(request.getContextPath().length());
        try {
            return UriUtils.decode(written, StandardCharsets.UTF_8).equals(RequestContext.path(request));
        } catch (IllegalArgumentException undecodable) {
            return false;
        }
    }
}
