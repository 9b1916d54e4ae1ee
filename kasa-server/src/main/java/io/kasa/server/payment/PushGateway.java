package io.kasa.server.payment;

import java.util.UUID;

/**
 * Wakes a terminal that has no live connection ("locked mode") so that it connects and
 * fetches its orders.
 */
public interface PushGateway {

    /** Sends the wake-up; true when the gateway accepted it. */
    boolean push(UUID terminalId, UUID paymentRequestId);
}
