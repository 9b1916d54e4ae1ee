package io.kasa.bench;

import io.kasa.terminal.DeviceOrder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the {@link SaleRun} a terminal's order or a callback belongs to, by the
 * {@code <tag>-<key>} in its {@code DisplayCode}. Orders and callbacks of runs that are no
 * longer registered (or of no run at all) are ignored.
 */
final class SaleRouter {

    private final Map<String, SaleRun> runs = new ConcurrentHashMap<>();

    void register(SaleRun run) {
        runs.put(run.tag(), run);
    }

    void unregister(SaleRun run) {
        runs.remove(run.tag(), run);
    }

    /** For the agents' order listeners: the terminal has the order now. */
    void dispatched(DeviceOrder order) {
        long now = System.nanoTime();
        route(order.displayCode(), (run, key) -> run.dispatched(key, now));
    }

    /** For the callback receiver: a callback with {@code statusId} arrived at {@code nowNanos}. */
    void callback(String displayCode, int statusId, boolean isFinal, long nowNanos) {
        if (isFinal) {
            route(displayCode, (run, key) -> run.settled(key, statusId, nowNanos));
        }
    }

    private interface Target {
        void accept(SaleRun run, long key);
    }

    private void route(String displayCode, Target target) {
        if (displayCode == null) {
            return;
        }
        int dash = displayCode.lastIndexOf('-');
        if (dash <= 0) {
            return;
        }
        SaleRun run = runs.get(displayCode.substring(0, dash));
        if (run == null) {
            return;
        }
        try {
            target.accept(run, Long.parseLong(displayCode.substring(dash + 1)));
        } catch (NumberFormatException ignored) {
            // not one of the benchmark's display codes
        }
    }
}
