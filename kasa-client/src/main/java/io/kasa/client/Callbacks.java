package io.kasa.client;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The callback delivery log ({@code docs/callbacks.md}): what Kasa sent, or is still trying
 * to send, to a payment's {@code CallbackAddress}, and re-sending. Checking a callback that
 * arrived needs no client: see {@link CallbackVerifier}. Thread-safe; obtain from
 * {@link KasaClient#callbacks()}.
 */
public final class Callbacks {

    private record ResendBody(UUID callbackId) {
    }

    private final KasaClient client;

    Callbacks(KasaClient client) {
        this.client = client;
    }

    /**
     * GET {@code /api/payment/{paymentRequestId}/callbacks}: one delivery per status change
     * after creation, in sequence order; empty when the payment has no {@code CallbackAddress}
     * or has not changed yet. The list is unmodifiable.
     */
    public List<CallbackDelivery> list(UUID paymentRequestId) {
        Objects.requireNonNull(paymentRequestId, "paymentRequestId");
        return client.getList("/api/payment/" + paymentRequestId + "/callbacks", CallbackDelivery.class);
    }

    /**
     * POST {@code /api/payment/callbacks/resend}: queues the callback to be sent again now,
     * with the same event id, whatever its state (a delivered or dead one too). Returns the
     * delivery as queued.
     */
    public CallbackDelivery resend(UUID callbackId) {
        Objects.requireNonNull(callbackId, "callbackId");
        return client.post("/api/payment/callbacks/resend", new ResendBody(callbackId), CallbackDelivery.class);
    }
}
