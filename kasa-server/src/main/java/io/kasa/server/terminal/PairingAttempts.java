package io.kasa.server.terminal;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.kasa.server.shared.KasaError;
import io.kasa.server.shared.KasaException;
import io.kasa.server.shared.LimitBuckets;
import org.springframework.stereotype.Component;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The limits on pair-code attempts, for every way a device trades a code (see
 * {@link PairingSettings}), counted exactly in PostgreSQL so that they hold for the cluster
 * as a whole. An attempt is {@linkplain #admit admitted} before its code is looked at: it
 * takes one of its source's attempts, one of its code value's, and then a turn from the
 * cluster's pace of code checks, waiting up to {@code maxCheckWait} for it. A refused attempt
 * answers 429 {@code System.RateLimited} with {@code Retry-After}, and its code is never
 * checked, so a refusal says nothing about the code. An attempt whose code turns out genuine
 * gets all three {@linkplain #genuine back}: only wrong codes count against the limits, so
 * honest devices pairing in numbers do not use up the pace. No limit refuses every source:
 * past the pace, attempts wait their turn.
 */
@Component
class PairingAttempts {

    private final LimitBuckets buckets;
    private final PairingSettings settings;

    PairingAttempts(LimitBuckets buckets, PairingSettings settings) {
        this.buckets = buckets;
        this.settings = settings;
    }

    /** An admitted attempt: the buckets it took from. */
    record Attempt(BucketProxy source, BucketProxy code, BucketProxy checks) {
    }

    /**
     * Admits an attempt at {@code code} from {@code address}, waiting for the cluster's pace
     * when it must; refused with {@code System.RateLimited} when a limit is spent.
     */
    Attempt admit(String code, String address) {
        BucketProxy source = buckets.exact("pairing:source:" + sourceOf(address),
                () -> perWindow(settings.maxFailuresPerSource()));
        take(source);
        BucketProxy perCode = buckets.exact("pairing:code:" + code, () -> perWindow(settings.maxFailuresPerCode()));
        take(perCode);
        BucketProxy checks = buckets.exact("pairing:checks", () -> LimitBuckets.perSecond(settings.checksPerSecond(), settings.checkBurst()));
        if (!checks.asBlocking().tryConsumeUninterruptibly(1, settings.maxCheckWait())) {
            throw new KasaException(KasaError.RATE_LIMITED, null, LimitBuckets.retryAfter(settings.maxCheckWait().toNanos()));
        }
        return new Attempt(source, perCode, checks);
    }

    /** The attempt's code was genuine: it counts against none of the limits. */
    void genuine(Attempt attempt) {
        attempt.source().addTokens(1);
        attempt.code().addTokens(1);
        attempt.checks().addTokens(1);
    }

    /**
     * The source an address counts as: an IPv4 address itself, an IPv6 address by its /64
     * prefix, since one subscriber commonly holds a whole /64. Anything else counts as
     * itself. Only what looks like a literal address is parsed, so no DNS lookup is made.
     */
    static String sourceOf(String address) {
        boolean literal = address != null && !address.isEmpty()
                && (address.indexOf(':') >= 0 || Character.isDigit(address.charAt(0)));
        InetAddress parsed;
        try {
            parsed = literal ? InetAddress.getByName(address) : null;
        } catch (UnknownHostException e) {
            parsed = null;
        }
        if (parsed instanceof Inet6Address) {
            byte[] prefix = new byte[8];
            System.arraycopy(parsed.getAddress(), 0, prefix, 0, 8);
            return HexFormat.of().formatHex(prefix) + "/64";
        }
        return parsed == null ? String.valueOf(address) : parsed.getHostAddress();
    }

    private static void take(BucketProxy bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new KasaException(KasaError.RATE_LIMITED, null, LimitBuckets.retryAfter(probe.getNanosToWaitForRefill()));
        }
    }

    private BucketConfiguration perWindow(int attempts) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(attempts).refillGreedy(attempts, settings.attemptWindow()))
                .build();
    }

}
