package io.kasa.server.payment;

import java.util.UUID;

/**
 * Where orders go: the terminal's provider. Implemented by the device channel for the
 * built-in provider; the payment code never knows which provider a terminal belongs to.
 */
public interface OrderChannel {

    /** Whether the terminal has a live connection that can take orders now. */
    boolean isLive(UUID terminalId);

    /** Writes the order to the terminal's live connection; false when it could not be written. */
    boolean deliver(UUID terminalId, DeviceOrder order);

    /** Tells the terminal to drop an order it has not taken. Best effort: resent on reconnect. */
    void withdraw(UUID terminalId, UUID orderId, String reason);
}
