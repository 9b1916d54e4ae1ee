package io.kasa.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a call is sent again, and after how long. The rule, written once:
 *
 * <ul>
 * <li>A 503 {@code System.Busy} refusal: the server did nothing, so every call is sent again
 *     after its {@code Retry-After}, while the try's timeout leaves at least a second after the
 *     wait ({@code whenBusy}; these repeats are not counted in {@code maxRetries}).
 * <li>A 429 {@code System.RateLimitExceeded} refusal, and a connection that could not be
 *     opened: the server did nothing either, so every call is sent again, at most
 *     {@code maxRetries} times.
 * <li>A 500, 502, 503 or 504 answer, a connection reset after the request was sent, and a
 *     timeout: the server may have done the work, so only a call that is safe to repeat
 *     ({@link #repeatable}) is sent again, at most {@code maxRetries} times.
 * </ul>
 * Anything else is the answer. Between tries the client waits {@code initialDelay} doubled
 * per try, at most {@code maxDelay}, less up to a quarter at random so that clients refused
 * together do not come back together; or the answer's {@code Retry-After} when that is longer.
 * An answer whose {@code Retry-After} is longer than {@code maxDelay} is not retried: the caller
 * decides whether to wait that long.
 */
record Retries(int maxRetries, Duration initialDelay, Duration maxDelay, boolean whenBusy) {

    /** Two retries, starting at half a second and at most five seconds apart (the delays of Stripe's SDK). */
    static final Retries DEFAULT = new Retries(2, Duration.ofMillis(500), Duration.ofSeconds(5), true);

    static final int BUSY = 1012;
    static final int RATE_LIMIT_EXCEEDED = 1011;

    Retries {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        requirePositive(initialDelay, "initialDelay");
        requirePositive(maxDelay, "maxDelay");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must not be shorter than initialDelay: " + maxDelay);
        }
    }

    /**
     * Whether a call may be sent again after a failure that may have followed work done: reads
     * (every GET, and the POSTs that only list or check), sales (their {@code MerchantUniqueCode}
     * makes a repeat answer the first payment) and cancels (a repeat finds the first cancel and
     * is refused with {@code Payment.Async.AlreadyHasRefundOrCancel}, never a second cancel).
     * Everything else creates or changes something a repeat could do twice.
     */
    enum Safety {
        REPEATABLE,
        ONCE;

        static Safety of(String method) {
            return "GET".equalsIgnoreCase(method) ? REPEATABLE : ONCE;
        }
    }

    Retries withMaxRetries(int maxRetries) {
        return new Retries(maxRetries, initialDelay, maxDelay, whenBusy);
    }

    Retries withBackoff(Duration initialDelay, Duration maxDelay) {
        return new Retries(maxRetries, initialDelay, maxDelay, whenBusy);
    }

    Retries withWhenBusy(boolean whenBusy) {
        return new Retries(maxRetries, initialDelay, maxDelay, whenBusy);
    }

    /** The wait before retry number {@code retry} (0 for the first): doubled each time, capped, jittered. */
    Duration backoff(int retry) {
        long initial = initialDelay.toNanos();
        long capped = maxDelay.toNanos();
        long doubled = retry >= 62 || initial > (capped >> Math.min(retry, 62)) ? capped : Math.min(capped, initial << retry);
        double jitter = 0.75 + 0.25 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofNanos((long) (doubled * jitter));
    }

    /**
     * How long to wait before sending again after {@code reply}, the answer of retry number
     * {@code retry}; null when it is the answer. Busy refusals are not decided here.
     */
    Duration afterAnswer(HttpReply reply, int retry, Safety safety) {
        if (retry >= maxRetries) {
            return null;
        }
        int status = reply.status();
        boolean nothingDone = status == 429 && errorCode(reply) == RATE_LIMIT_EXCEEDED;
        boolean serverFailed = status == 500 || status == 502 || status == 504
                || (status == 503 && errorCode(reply) != BUSY);
        if (!nothingDone && !(serverFailed && safety == Safety.REPEATABLE)) {
            return null;
        }
        Duration backoff = backoff(retry);
        Duration asked = reply.retryAfter().orElse(null);
        if (asked == null) {
            return backoff;
        }
        if (asked.compareTo(maxDelay) > 0) {
            return null;
        }
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }

    /** Whether a call that got no answer may be sent again; the wait is {@link #backoff(int)}. */
    boolean afterFailure(NetworkException failure, int retry, Safety safety) {
        if (retry >= maxRetries || failure.getCause() instanceof InterruptedException) {
            return false;
        }
        return safety == Safety.REPEATABLE || !failure.requestSent();
    }

    /** How long a {@code System.Busy} refusal asks to wait (at least 100 ms); null for any other answer. */
    static Duration busyFor(HttpReply reply) {
        if (reply.status() != 503 || errorCode(reply) != BUSY) {
            return null;
        }
        Duration wait = reply.retryAfter().orElse(Duration.ofSeconds(1));
        return wait.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : wait;
    }

    /** The envelope's {@code ErrorCode} (either family names it so); 0 when the body is not an envelope. */
    private static int errorCode(HttpReply reply) {
        try {
            var envelope = KasaJson.MAPPER.readTree(reply.body());
            if (envelope == null) {
                return 0;
            }
            var code = envelope.has("ErrorCode") ? envelope.get("ErrorCode") : envelope.path("errorCode");
            return code.isNumber() ? code.intValue() : 0;
        } catch (RuntimeException notAnEnvelope) {
            return 0;
        }
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
