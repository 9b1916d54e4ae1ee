package io.kasa.terminal;

import java.time.Duration;

/**
 * The device entered an async pair code and waits for the merchant's back-end to confirm the
 * pairing ({@code PUT /api/pair/async/confirm}); until then it receives no orders.
 *
 * @param terminalId   Kasa's id of the terminal the code was issued for
 * @param pollInterval how often the agent asks whether the confirmation has come
 */
public record AwaitingConfirmation(String terminalId, Duration pollInterval) {
}
