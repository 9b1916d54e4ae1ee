package io.kasa.server.shared.web;

import io.github.bucket4j.ConsumptionProbe;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LimitBuckets;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits the request rate of each caller (see {@link RateLimitSettings}): an authenticated
 * merchant by its id, the operator as one caller, and anyone else on the API paths by source
 * address. Runs after authentication, so a request is counted against the caller it proved
 * to be; past the limit it answers 429 with the envelope and {@code Retry-After} in seconds,
 * and nothing of the request runs. The device live connection is not limited here: it is
 * one long-lived request per terminal, authenticated inside the connection.
 *
 * <p>The buckets are shared by the cluster ({@link LimitBuckets#delayed}): a request is
 * counted locally and written to PostgreSQL with others, so checking the limit adds no
 * database write to each request. The local views are kept per key; past
 * {@code KEPT_VIEWS} keys they are all dropped, which forgets at most {@code syncTokens}
 * unwritten requests per key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
public class RateLimitFilter extends OncePerRequestFilter {

    private static final int KEPT_VIEWS = 50_000;

    private final RateLimitSettings settings;
    private final LimitBuckets buckets;
    private final Refusals refusals;
    private final Map<String, LimitBuckets.Delayed> views = new ConcurrentHashMap<>();

    public RateLimitFilter(RateLimitSettings settings, LimitBuckets buckets, Refusals refusals) {
        this.settings = settings;
        this.buckets = buckets;
        this.refusals = refusals;
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
        ConsumptionProbe probe;
        if (merchant != null) {
            probe = take("rate:merchant:" + merchant.value(), settings.merchant());
        } else if (RequestContext.isOperator(request)) {
            probe = take("rate:operator", settings.operator());
        } else {
            probe = take("rate:source:" + request.getRemoteAddr(), settings.source());
        }
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
        } else {
            refusals.write(request, response, new KasaException(KasaError.RATE_LIMIT_EXCEEDED, null,
                    LimitBuckets.retryAfter(probe.getNanosToWaitForRefill())));
        }
    }

    private ConsumptionProbe take(String key, RateLimitSettings.Limit limit) {
        if (views.size() > KEPT_VIEWS) {
            views.clear();
        }
        return views.computeIfAbsent(key, k -> buckets.delayed(k, () -> LimitBuckets.perSecond(limit.perSecond(), limit.burst()), settings.syncTokens(),
                        settings.syncInterval()))
                .take();
    }

}
