package io.kasa.server.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Request rate limits, each a token bucket: {@code burst} requests at once, refilled at
 * {@code perSecond}. One bucket per merchant (its keys and its dashboard sessions together),
 * one for the operator (admin token and operator sessions), and one per source address for
 * the endpoints that take no keys (device pairing, dashboard sign-in). The buckets are shared
 * by all nodes through PostgreSQL; a node counts up to {@code syncTokens} requests of a bucket
 * locally, and at most {@code syncInterval} long, before it writes them to the shared bucket,
 * so a limit is cluster-wide give or take {@code syncTokens} requests per node.
 *
 * <p>The defaults leave room for a merchant's 500 sales a second with retries on top; they
 * are there to stop a runaway client, not to meter normal traffic.
 */
@ConfigurationProperties("kasa.rate-limit")
public record RateLimitSettings(@DefaultValue("true") boolean enabled, Limit merchant, Limit operator, Limit source,
                                @DefaultValue("50") int syncTokens, @DefaultValue("1s") Duration syncInterval) {

    public RateLimitSettings {
        if (syncTokens < 1) {
            throw new IllegalArgumentException("kasa.rate-limit: sync-tokens must be at least 1");
        }
        if (!syncInterval.isPositive()) {
            throw new IllegalArgumentException("kasa.rate-limit: sync-interval must be greater than zero");
        }
        merchant = Limit.orDefault(merchant, 1000, 2000);
        operator = Limit.orDefault(operator, 1000, 2000);
        source = Limit.orDefault(source, 500, 2000);
    }

    /** {@code perSecond} tokens a second, up to {@code burst}; an unset half keeps its default. */
    public record Limit(Double perSecond, Integer burst) {

        public Limit {
            if (perSecond != null && !(perSecond > 0)) {
                throw new IllegalArgumentException("kasa.rate-limit: per-second must be greater than zero");
            }
            if (burst != null && burst < 1) {
                throw new IllegalArgumentException("kasa.rate-limit: burst must be at least 1");
            }
        }

        static Limit orDefault(Limit limit, double perSecond, int burst) {
            if (limit == null) {
                return new Limit(perSecond, burst);
            }
            return new Limit(limit.perSecond == null ? perSecond : limit.perSecond,
                    limit.burst == null ? burst : limit.burst);
        }
    }
}
