package io.kasa.server.shared.web;

import io.kasa.server.shared.DatabaseOutage;
import io.kasa.server.shared.KasaError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;

/**
 * What an operator watches of this node's availability: the requests it refused because it
 * was behind ({@code System.Busy}), because the database could not be reached
 * ({@code System.DatabaseUnavailable}) or because a caller passed a rate limit, counted where
 * every refusal is rendered ({@link Refusals}); and whether the database answers, as this
 * node's {@link DatabaseOutage} has last seen it.
 */
@Component
class AvailabilityMeters {

    private final Map<KasaError, Counter> refusals = new EnumMap<>(KasaError.class);

    AvailabilityMeters(MeterRegistry registry, DatabaseOutage outage) {
        refusals.put(KasaError.SERVER_BUSY, refusal(registry, "busy"));
        refusals.put(KasaError.DATABASE_UNAVAILABLE, refusal(registry, "database_unavailable"));
        refusals.put(KasaError.RATE_LIMITED, refusal(registry, "rate_limited"));
        refusals.put(KasaError.RATE_LIMIT_EXCEEDED, refusal(registry, "rate_limited"));
        Gauge.builder("kasa.database.reachable", outage, noticed -> noticed.isDown() ? 0 : 1)
                .description("1 while this node reaches the database, 0 from the first failure of an outage until it answers again")
                .register(registry);
    }

    private static Counter refusal(MeterRegistry registry, String reason) {
        return Counter.builder("kasa.requests.refused")
                .description("Requests refused before any work: the node was behind, the database unreachable, or a rate limit spent")
                .tag("reason", reason)
                .register(registry);
    }

    /** Counts the refusal if it is one of those watched; any other refusal is the caller's mistake, not the node's state. */
    void refused(KasaError error) {
        Counter counter = refusals.get(error);
        if (counter != null) {
            counter.increment();
        }
    }
}
