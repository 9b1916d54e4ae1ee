package io.kasa.server.terminal;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failures per key in fixed windows. A key with {@code max} failures in its current
 * window is blocked until the window ends. Memory stays bounded: expired windows are swept
 * whenever the map grows past {@code sweepAbove} keys.
 */
final class AttemptLimiter {

    private final int max;
    private final Duration window;
    private final int sweepAbove;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    AttemptLimiter(int max, Duration window, int sweepAbove) {
        this.max = max;
        this.window = window;
        this.sweepAbove = sweepAbove;
    }

    /** How long the key stays blocked; zero when it may try now. */
    Duration blockedFor(String key, Instant now) {
        Window current = windows.get(key);
        if (current == null || !current.end.isAfter(now) || current.failures < max) {
            return Duration.ZERO;
        }
        return Duration.between(now, current.end);
    }

    void recordFailure(String key, Instant now) {
        windows.compute(key, (k, current) -> current == null || !current.end.isAfter(now)
                ? new Window(now.plus(window), 1)
                : new Window(current.end, current.failures + 1));
        if (windows.size() > sweepAbove) {
            sweep(now);
        }
    }

    private void sweep(Instant now) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (!it.next().end.isAfter(now)) {
                it.remove();
            }
        }
    }

    int size() {
        return windows.size();
    }

    private record Window(Instant end, int failures) {
    }
}
