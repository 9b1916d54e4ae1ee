package io.kasa.client;

import java.util.Objects;
import java.util.UUID;

/**
 * Sync pairing endpoints ({@code /api/pair/sync/**}): the merchant side of pairing a
 * terminal; the device side is in {@code device-protocol.md}. Thread-safe; obtain from
 * {@link KasaClient#pairing()}.
 */
public final class Pairing {

    private record RequestBody(UUID pairRequestId) {
    }

    private record Unpaired(UUID terminalPairId) {
    }

    private final KasaClient client;

    Pairing(KasaClient client) {
        this.client = client;
    }

    /** POST {@code /api/pair/sync/request}: issues a pair code for the terminal, cancelling its pending one. */
    public PairRequest request(TerminalRef terminal) {
        Objects.requireNonNull(terminal, "terminal");
        return client.post("/api/pair/sync/request", terminal, PairRequest.class);
    }

    /** GET {@code /api/pair/sync/request/{pairRequestId}}. */
    public PairRequestStatus status(UUID pairRequestId) {
        Objects.requireNonNull(pairRequestId, "pairRequestId");
        return client.get("/api/pair/sync/request/" + pairRequestId, PairRequestStatus.class);
    }

    /** DELETE {@code /api/pair/sync/request/delete}: refused with {@code Pair.Sync.RequestNotPending} unless pending. */
    public void cancel(UUID pairRequestId) {
        Objects.requireNonNull(pairRequestId, "pairRequestId");
        client.delete("/api/pair/sync/request/delete", new RequestBody(pairRequestId), Void.class);
    }

    /**
     * DELETE {@code /api/pair/sync/unpair}: ends the terminal's pairing; its device token stops
     * working and its live connection closes at once. Returns the ended {@code TerminalPairId}.
     */
    public UUID unpair(TerminalRef terminal) {
        Objects.requireNonNull(terminal, "terminal");
        return client.delete("/api/pair/sync/unpair", terminal, Unpaired.class).terminalPairId();
    }
}
