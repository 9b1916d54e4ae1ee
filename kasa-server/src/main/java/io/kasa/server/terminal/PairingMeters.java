package io.kasa.server.terminal;

import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts the devices' pair-code attempts by how each ended: paired (a sync code), claimed (an
 * async code, paired once the merchant confirms), an invalid code, a terminal whose connection
 * is disconnected, refused by the attempt limits, or failed otherwise (the database, say).
 * Many invalid codes or refusals from the limits are someone guessing codes.
 */
@Component
class PairingMeters {

    private final Counter paired;
    private final Counter claimed;
    private final Counter invalidCode;
    private final Counter notConnected;
    private final Counter rateLimited;
    private final Counter failed;

    PairingMeters(MeterRegistry registry) {
        paired = attempts(registry, "paired");
        claimed = attempts(registry, "claimed");
        invalidCode = attempts(registry, "invalid_code");
        notConnected = attempts(registry, "not_connected");
        rateLimited = attempts(registry, "rate_limited");
        failed = attempts(registry, "error");
    }

    private static Counter attempts(MeterRegistry registry, String result) {
        return Counter.builder("kasa.pairing.attempts")
                .description("Pair-code attempts of devices, by how they ended")
                .tag("result", result)
                .register(registry);
    }

    /** A genuine code: {@code claimed} for an async code, which waits for the merchant's confirmation. */
    void succeeded(boolean claimedOnly) {
        (claimedOnly ? claimed : paired).increment();
    }

    void refused(RuntimeException refusal) {
        KasaError error = refusal instanceof KasaException kasa ? kasa.error() : null;
        if (error == KasaError.PAIR_CODE_INVALID) {
            invalidCode.increment();
        } else if (error == KasaError.CONNECTION_NOT_CONNECTED) {
            notConnected.increment();
        } else if (error == KasaError.RATE_LIMITED) {
            rateLimited.increment();
        } else {
            failed.increment();
        }
    }
}
