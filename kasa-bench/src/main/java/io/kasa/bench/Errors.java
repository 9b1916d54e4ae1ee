package io.kasa.bench;

import io.kasa.client.KasaException;

import java.net.http.HttpTimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ways a measured call can fail, counted as they happen. Failed calls are counted here and
 * left out of the latency figures.
 */
final class Errors {

    /**
     * A snapshot of the counts.
     *
     * @param non2xx           answers with an HTTP status outside 2xx
     * @param envelope         2xx answers whose envelope said failure, or that were no envelope
     * @param timeouts         no answer within the request timeout
     * @param unreachable      no answer for another reason (connection refused or reset)
     * @param unexpectedStatus answers or outcomes with a payment status the scenario does not expect
     * @param missingCallbacks accepted sales whose final callback had not arrived when the scenario ended
     */
    record Counts(long non2xx, long envelope, long timeouts, long unreachable, long unexpectedStatus,
                  long missingCallbacks) {

        long total() {
            return non2xx + envelope + timeouts + unreachable + unexpectedStatus + missingCallbacks;
        }
    }

    private final LongAdder non2xx = new LongAdder();
    private final LongAdder envelope = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder unreachable = new LongAdder();
    private final LongAdder unexpectedStatus = new LongAdder();
    private volatile String first;

    /** Counts a failed call by its kind, and keeps the first failure's description for the report. */
    void failed(KasaException failure) {
        if (failure.httpStatus() == KasaException.NO_RESPONSE) {
            if (causedBy(failure, HttpTimeoutException.class)) {
                timeouts.increment();
            } else {
                unreachable.increment();
            }
        } else if (failure.httpStatus() < 200 || failure.httpStatus() > 299) {
            non2xx.increment();
        } else {
            envelope.increment();
        }
        remember(failure.getMessage());
    }

    void unexpectedStatus(String what) {
        unexpectedStatus.increment();
        remember(what);
    }

    long total() {
        return non2xx.sum() + envelope.sum() + timeouts.sum() + unreachable.sum() + unexpectedStatus.sum();
    }

    Counts counts(long missingCallbacks) {
        return new Counts(non2xx.sum(), envelope.sum(), timeouts.sum(), unreachable.sum(), unexpectedStatus.sum(),
                missingCallbacks);
    }

    /** The first failure seen, described; null when none. */
    String first() {
        return first;
    }

    private void remember(String description) {
        if (first == null) {
            first = description;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
