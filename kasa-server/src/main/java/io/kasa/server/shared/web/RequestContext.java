package io.kasa.server.shared.web;

import io.kasa.server.shared.Language;
import io.kasa.server.shared.MerchantId;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Per-request facts kept as request attributes: the caller's language, the request id and,
 * once authenticated, the merchant or the operator.
 */
public final class RequestContext {

    static final String REQUEST_ID = "kasa.requestId";
    static final String MERCHANT = "kasa.merchant";
    static final String OPERATOR = "kasa.operator";

    private RequestContext() {
    }

    /**
     * The {@code locale} header, else the {@code locale} query parameter, else
     * {@code Accept-Language}; Turkish when none names a known language.
     */
    public static Language language(HttpServletRequest request) {
        Language language = Language.parse(request.getHeader("locale"));
        if (language == null) {
            language = Language.parse(request.getParameter("locale"));
        }
        if (language == null) {
            language = Language.parse(request.getHeader("Accept-Language"));
        }
        return language == null ? Language.TR : language;
    }

    public static String requestId(HttpServletRequest request) {
        return (String) request.getAttribute(REQUEST_ID);
    }

    public static void authenticate(HttpServletRequest request, MerchantId merchant) {
        request.setAttribute(MERCHANT, merchant);
    }

    public static MerchantId merchant(HttpServletRequest request) {
        return (MerchantId) request.getAttribute(MERCHANT);
    }

    /** Marks the request as the operator's: the admin token, or an operator's dashboard session. */
    public static void authenticateOperator(HttpServletRequest request) {
        request.setAttribute(OPERATOR, Boolean.TRUE);
    }

    public static boolean isOperator(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(OPERATOR));
    }

    /**
     * The path the request is dispatched by: decoded, normalised and without path parameters.
     * Decisions about a request's family (its keys, its envelope) are taken on this path and
     * never on the raw URI, which can spell the same endpoint in many ways
     * ({@code /admin;x/merchants}, {@code /%61dmin/merchants}, {@code //admin/merchants}).
     */
    public static String path(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }

    /**
     * Whether the request is a call of the API a caller is answerable for: the merchant,
     * operator, dashboard and device-pairing endpoints, but not the device live connection
     * (one long-lived request per terminal), the dashboard's pages or the health endpoints.
     */
    public static boolean isApiCall(HttpServletRequest request) {
        String path = path(request);
        boolean api = path.startsWith("/api/") || path.startsWith("/admin/") || path.startsWith("/dashboard/api/");
        return api && !path.equals("/api/device/live");
    }

    /** Whether the path belongs to the marketplace family, which answers in its own envelope. */
    public static boolean isMarketplace(HttpServletRequest request) {
        return path(request).startsWith("/api/paywall/");
    }
}
