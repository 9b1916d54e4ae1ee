package io.kasa.bench;

import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's cheapest call that still passes its merchant authentication:
 * {@code GET /api/provider/list} (one key lookup, then a constant catalog, answered without
 * the envelope as Paywall's page shows it, read by the SDK), driven open-loop at
 * a sale scenario's rate for its duration. It is what the server's HTTP stack, authentication
 * and envelope cost before any payment work.
 */
final class EndpointCeiling {

    static final String PATH = "/api/provider/list";

    private EndpointCeiling() {
    }

    static Ceiling measure(KasaClient client, RateSchedule schedule, ServerProbe probe, String label) {
        Latencies latencies = new Latencies("GET " + PATH);
        Errors errors = new Errors();
        LongAdder answered = new LongAdder();
        AtomicLong last = new AtomicLong();
        try (OpenLoop loop = new OpenLoop()) {
            ResourceMonitor monitor = new ResourceMonitor(label, probe, () -> String.format(Locale.ROOT,
                    "GET answered %d errors %d p99 %.1f ms", answered.sum(), errors.total(),
                    latencies.intervalP99() / 1000.0));
            long start = System.nanoTime();
            loop.run(schedule, start, (index, due) -> {
                try {
                    client.providers().list();
                    long now = System.nanoTime();
                    latencies.recordNanos(now - due);
                    answered.increment();
                    last.accumulateAndGet(now, Math::max);
                } catch (KasaException e) {
                    errors.failed(e);
                }
            });
            loop.awaitFinished(Duration.ofSeconds(30));
            monitor.stop();
            Throughput throughput = Throughput.of(schedule.rate(), answered.sum(), schedule.duration(), start, last.get());
            return new Ceiling(latencies.name(), latencies.figure(), throughput.achieved(), errors.total());
        }
    }
}
