package io.kasa.server.shared.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every page Kasa serves to a browser carries: its own content security policy,
 * no type sniffing, and no referrer (a page's address may name a payment).
 */
public final class PageHeaders {

    private PageHeaders() {
    }

    public static void write(HttpServletResponse response, String contentSecurityPolicy) {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
