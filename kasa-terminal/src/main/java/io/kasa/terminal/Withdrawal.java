package io.kasa.terminal;

import java.util.Objects;

/**
 * One {@code withdraw} message the device received (device protocol 3.2).
 *
 * @param orderId the order to drop
 * @param reason  why, as the server said: {@code rollback} or {@code expired} (empty when absent)
 */
public record Withdrawal(String orderId, String reason) {

    public Withdrawal {
        Objects.requireNonNull(orderId, "orderId");
        reason = reason == null ? "" : reason;
    }
}
