package io.kasa.server.merchant;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.MerchantId;
import io.kasa.server.shared.web.Refusals;
import io.kasa.server.shared.web.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates each request by the family of its path: the private pair on the Physical
 * API ({@code /api/**}), the public pair on {@code /api/paywall/**}, the admin token on
 * {@code /admin/**}, the metrics token (or the admin token) on the operator's endpoints under
 * {@code /manage} other than health, which load balancers call anonymously. Device paths
 * authenticate with pair codes and device tokens instead.
 * Anything missing, unknown, revoked or of the wrong family answers 401 before the body is
 * read. The family is read from the dispatched path, so no spelling of a URI reaches a
 * controller under keys of another family.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ApiKeyAuthentication extends OncePerRequestFilter {

    /** Where Spring Boot's management endpoints are ({@code management.endpoints.web.base-path}). */
    private static final String MANAGEMENT = "/manage/";

    private final MerchantKeys keys;
    private final ServerSecrets secrets;
    private final Refusals refusals;

    ApiKeyAuthentication(MerchantKeys keys, ServerSecrets secrets, Refusals refusals) {
        this.keys = keys;
        this.secrets = secrets;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestContext.path(request);
        boolean allowed;
        if (path.startsWith("/admin/")) {
            allowed = secrets.isAdminToken(bearer(request));
            if (allowed) {
                RequestContext.authenticateOperator(request);
            }
        } else if ((path.equals("/manage") || path.startsWith(MANAGEMENT)) && !isHealth(path)) {
            allowed = secrets.isMetricsToken(bearer(request));
        } else if (path.startsWith("/api/device/")) {
            allowed = true;
        } else if (path.startsWith("/api/paywall/")) {
            allowed = authenticate(request, KeyKind.PUBLIC, "apiclientpublic", "apikeypublic");
        } else if (path.startsWith("/api/")) {
            allowed = authenticate(request, KeyKind.PRIVATE, "apiclientprivate", "apikeyprivate");
        } else {
            allowed = true;
        }
        if (allowed) {
            chain.doFilter(request, response);
        } else {
            refusals.write(request, response, KasaError.AUTH_ERROR);
        }
    }

    /** Health and its probes: the only operator endpoints anyone may call. */
    private static boolean isHealth(String path) {
        return path.equals(MANAGEMENT + "health") || path.startsWith(MANAGEMENT + "health/");
    }

    private boolean authenticate(HttpServletRequest request, KeyKind kind, String clientHeader, String keyHeader) {
        Optional<MerchantId> merchant = keys.authenticate(kind, request.getHeader(clientHeader), request.getHeader(keyHeader));
        merchant.ifPresent(id -> RequestContext.authenticate(request, id));
        return merchant.isPresent();
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
