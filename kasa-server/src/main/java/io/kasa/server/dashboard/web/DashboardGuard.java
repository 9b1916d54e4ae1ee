package io.kasa.server.dashboard.web;

import io.kasa.server.dashboard.Viewer;
import io.kasa.server.merchant.MerchantKeys;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.web.PageHeaders;
import io.kasa.server.shared.web.Refusals;
import io.kasa.server.shared.web.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Guards the dashboard's JSON API: every call but reading and opening the session needs a
 * signed-in viewer of the right role (operator paths for the operator, all others for a
 * merchant), and every state-changing call needs the session's CSRF token in
 * {@code X-CSRF-Token}. A merchant viewer becomes the request's authenticated merchant, so
 * the dashboard reaches exactly the data the merchant's own keys would, and only while the
 * key pair it signed in with still works: once that key is revoked or its rotation's grace
 * has ended, the next call (any but signing in) ends the session and answers 401. The pages
 * themselves are public files; they get a strict content security policy.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class DashboardGuard extends OncePerRequestFilter {

    static final String VIEWER = "kasa.dashboard.viewer";
    static final String API = "/dashboard/api/";
    static final String SESSION = "/dashboard/api/session";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Refusals refusals;
    private final MerchantKeys keys;

    DashboardGuard(Refusals refusals, MerchantKeys keys) {
        this.refusals = refusals;
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestContext.path(request);
        return !(path.equals("/") || path.equals("/index.html") || path.startsWith("/dashboard/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PageHeaders.write(response, CONTENT_SECURITY_POLICY);
        String path = RequestContext.path(request);
        if (!path.startsWith(API)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        boolean safe = SAFE_METHODS.contains(request.getMethod());
        boolean signIn = path.equals(SESSION) && request.getMethod().equals("POST");
        if (!signIn && !keyStillWorks(request)) {
            refusals.write(request, response, KasaError.AUTH_ERROR);
            return;
        }
        if (path.equals(SESSION) && (safe || signIn)) {
            chain.doFilter(request, response);
            return;
        }
        Viewer viewer = viewer(request);
        if (viewer == null) {
            refusals.write(request, response, KasaError.AUTH_ERROR);
            return;
        }
        if (!safe && !csrfMatches(viewer, request.getHeader("X-CSRF-Token"))) {
            refusals.write(request, response, KasaError.FORBIDDEN);
            return;
        }
        Viewer.Role needed = path.startsWith(API + "operator/") ? Viewer.Role.OPERATOR : Viewer.Role.MERCHANT;
        if (!path.equals(SESSION) && viewer.role() != needed) {
            refusals.write(request, response, KasaError.FORBIDDEN);
            return;
        }
        if (viewer.role() == Viewer.Role.MERCHANT) {
            RequestContext.authenticate(request, viewer.merchant());
        } else {
            RequestContext.authenticateOperator(request);
        }
        chain.doFilter(request, response);
    }

    /**
     * False when the session's merchant signed in with a key pair that no longer works
     * (revoked, or rotated and past its grace), checked exactly as an API request's key is;
     * the session is then ended. True for any other session, and for none.
     */
    private boolean keyStillWorks(HttpServletRequest request) {
        Viewer viewer = viewer(request);
        if (viewer == null || viewer.role() != Viewer.Role.MERCHANT || keys.isActive(viewer.merchant(), viewer.keyId())) {
            return true;
        }
        request.getSession().invalidate();
        return false;
    }

    static Viewer viewer(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (Viewer) session.getAttribute(VIEWER);
    }

    private static boolean csrfMatches(Viewer viewer, String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                viewer.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
