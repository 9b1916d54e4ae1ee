package io.kasa.server.shared.web;

import io.kasa.server.shared.BusinessTime;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.MerchantId;
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
 * Limits the request rate of each caller (see {@link RateLimitSettings}): an authenticated
 * merchant by its id, the operator as one caller, and anyone else on the API paths by source
 * address. Runs after authentication, so a request is counted against the caller it proved
 * to be; past the limit it answers 429 with the envelope and {@code Retry-After} in seconds,
 * and nothing of the request runs. The device live connection is not limited here: it is
 * one long-lived request per terminal, authenticated inside the connection.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
public class RateLimitFilter extends OncePerRequestFilter {

    private static final int SWEEP_ABOVE = 50_000;

    private final RateLimitSettings settings;
    private final BusinessTime time;
    private final Refusals refusals;
    private final TokenBuckets merchants;
    private final TokenBuckets operator;
    private final TokenBuckets sources;

    public RateLimitFilter(RateLimitSettings settings, BusinessTime time, Refusals refusals) {
        this.settings = settings;
        this.time = time;
        this.refusals = refusals;
        this.merchants = buckets(settings.merchant());
        this.operator = buckets(settings.operator());
        this.sources = buckets(settings.source());
    }

    private static TokenBuckets buckets(RateLimitSettings.Limit limit) {
        return new TokenBuckets(limit.perSecond(), limit.burst(), SWEEP_ABOVE);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!settings.enabled()) {
            return true;
        }
        return !RequestContext.isApiCall(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        MerchantId merchant = RequestContext.merchant(request);
        Duration wait;
        if (merchant != null) {
            wait = merchants.take(merchant.value().toString(), time.now());
        } else if (RequestContext.isOperator(request)) {
            wait = operator.take("operator", time.now());
        } else {
            wait = sources.take(request.getRemoteAddr(), time.now());
        }
        if (wait.isZero()) {
            chain.doFilter(request, response);
        } else {
            refusals.write(request, response, new KasaException(KasaError.RATE_LIMIT_EXCEEDED, null, wait));
        }
    }
}
