package io.kasa.client;

import java.util.Objects;
import java.util.UUID;

/**
 * Async pairing endpoints ({@code /api/pair/async/**}), Paywall's two-step pairing: the merchant
 * asks for a code, the device enters it and waits, the merchant sees which device claimed it
 * ({@link #status}) and {@linkplain #confirm confirms}; only then is the terminal paired. The
 * device side is in {@code device-protocol.md}. Thread-safe; obtain from
 * {@link KasaClient#asyncPairing()}.
 */
public final class AsyncPairing {

    private record RequestBody(UUID pairAsyncRequestId) {
    }

    private record Confirmed(UUID terminalPairId) {
    }

    private record Deleted(UUID pairRequestId) {
    }

    private record Unpaired(UUID terminalPairId) {
    }

    private final KasaClient client;

    AsyncPairing(KasaClient client) {
        this.client = client;
    }

    /**
     * POST {@code /api/pair/async/request}: issues an async pair code for the terminal; a pending
     * or claimed request of the terminal, sync or async, is cancelled.
     */
    public PairAsyncRequest request(TerminalRef terminal) {
        Objects.requireNonNull(terminal, "terminal");
        return client.post("/api/pair/async/request", terminal, PairAsyncRequest.class);
    }

    /** GET {@code /api/pair/async/request/{pairAsyncRequestId}} (Kasa's extension): its status and the claiming device. */
    public PairAsyncRequestStatus status(UUID pairAsyncRequestId) {
        Objects.requireNonNull(pairAsyncRequestId, "pairAsyncRequestId");
        return client.get("/api/pair/async/request/" + pairAsyncRequestId, PairAsyncRequestStatus.class);
    }

    /**
     * PUT {@code /api/pair/async/confirm}: pairs the terminal with the device that claimed the
     * code and returns the new {@code TerminalPairId}. Refused with
     * {@code Pair.Async.ConfirmNotCompleted} before a device has entered the code,
     * {@code Pair.Async.AlreadyPaired} once confirmed, and {@code Pair.Async.ConfirmFailed}
     * once it expired or was deleted or replaced ({@link #status} says which).
     */
    public UUID confirm(UUID pairAsyncRequestId) {
        Objects.requireNonNull(pairAsyncRequestId, "pairAsyncRequestId");
        return client.put("/api/pair/async/confirm", new RequestBody(pairAsyncRequestId), Confirmed.class).terminalPairId();
    }

    /** DELETE {@code /api/pair/async/request/delete}: deletes a pending or claimed request; returns its id. */
    public UUID delete(UUID pairAsyncRequestId) {
        Objects.requireNonNull(pairAsyncRequestId, "pairAsyncRequestId");
        return client.delete("/api/pair/async/request/delete", new RequestBody(pairAsyncRequestId), Deleted.class)
                .pairRequestId();
    }

    /** DELETE {@code /api/pair/async/unpair}: as {@link Pairing#unpair}; returns the ended {@code TerminalPairId}. */
    public UUID unpair(TerminalRef terminal) {
        Objects.requireNonNull(terminal, "terminal");
        return client.delete("/api/pair/async/unpair", terminal, Unpaired.class).terminalPairId();
    }
}
