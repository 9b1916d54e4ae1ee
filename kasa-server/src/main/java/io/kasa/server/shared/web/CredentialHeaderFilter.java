package io.kasa.server.shared.web;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LocalizedText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Enumeration;
import java.util.List;

/**
 * Refuses a request that sends a credential header more than once (400 with the envelope,
 * naming the header). With two, which one counts depends on who reads it: the filter that
 * authenticates reads the first, a proxy or a log may read the last or join them, so a
 * request could be judged by one and acted on as the other. Runs before authentication, so
 * no credential is ever read from such a request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class CredentialHeaderFilter extends OncePerRequestFilter {

    /** Every header that carries a credential: the merchant's two key pairs, the operator's token, the dashboard's CSRF token. */
    static final List<String> CREDENTIALS = List.of("apiclientprivate", "apikeyprivate", "apiclientpublic", "apikeypublic",
            "Authorization", "X-CSRF-Token");

    private final Refusals refusals;

    public CredentialHeaderFilter(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String header : CREDENTIALS) {
            if (isRepeated(request.getHeaders(header))) {
                refusals.write(request, response, new KasaException(KasaError.VALIDATION_ERROR, new LocalizedText(
                        header + " başlığı birden fazla kez gönderilemez",
                        "the " + header + " header must not be sent more than once")));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isRepeated(Enumeration<String> values) {
        if (values == null || !values.hasMoreElements()) {
            return false;
        }
        values.nextElement();
        return values.hasMoreElements();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
