package io.kasa.server.database;

import io.kasa.client.KasaClient;
import io.kasa.client.KasaException;
import io.kasa.client.RequestOptions;
import io.kasa.client.SaleResult;
import io.kasa.server.Seeds;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Merchant back-ends selling in a loop through the SDK until stopped: one async caller per
 * till and one sync caller on the first till, each sale with a fresh MerchantUniqueCode and
 * callbacks to {@code callback}. Every call is kept with how long its answer took.
 */
final class SaleLoad implements AutoCloseable {

    static final Duration SYNC_WAIT = Duration.ofSeconds(5);

    /** One call: its code and body (for a retry with the same code), and either the sale or the refusal. */
    record Attempt(String code, String body, boolean sync, long startedAt, Duration took, SaleResult sale,
                   KasaException refusal) {

        boolean accepted() {
            return sale != null;
        }
    }

    private final KasaClient client;
    private final URI callback;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;

    /**
     * The load counts each answer as the server gave it, so its calls are sent once: the SDK's
     * own retries would turn refusals into slower successes.
     */
    SaleLoad(KasaClient client, List<UUID> tills, URI callback) {
        this.client = client.with(RequestOptions.builder().maxRetries(0).build());
        this.callback = callback;
        for (UUID till : tills) {
            callers.submit(() -> sell(till, false));
        }
        callers.submit(() -> sell(tills.getFirst(), true));
    }

    private void sell(UUID till, boolean sync) {
        while (running) {
            String code = UUID.randomUUID().toString();
            String body = sync ? Seeds.syncSale(till, code, callback) : Seeds.asyncSale(till, code, callback);
            long started = System.nanoTime();
            try {
                SaleResult sale = send(client, body, sync);
                attempts.add(new Attempt(code, body, sync, started, Duration.ofNanos(System.nanoTime() - started), sale, null));
            } catch (KasaException refusal) {
                attempts.add(new Attempt(code, body, sync, started, Duration.ofNanos(System.nanoTime() - started), null, refusal));
            }
        }
    }

    /** Sends a sale body as a caller of the load does: async, or sync held at most {@link #SYNC_WAIT}. */
    static SaleResult send(KasaClient client, String body, boolean sync) {
        return sync ? client.payments().syncSaleJson(body, SYNC_WAIT) : client.payments().asyncSaleJson(body);
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    long accepted(long since) {
        return attempts.stream().filter(attempt -> attempt.startedAt() >= since && attempt.accepted()).count();
    }

    long refused(long since) {
        return attempts.stream().filter(attempt -> attempt.startedAt() >= since && !attempt.accepted()).count();
    }

    /** Stops calling and waits for the calls in flight to be answered. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        callers.shutdown();
        if (!callers.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new AssertionError("sale calls still unanswered a minute after the load stopped");
        }
    }
}
