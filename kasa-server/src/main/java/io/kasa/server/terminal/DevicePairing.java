package io.kasa.server.terminal;

import java.util.UUID;

/**
 * The result of a device entering a valid code: its token (shown once) and, once the terminal
 * is paired, the pairing's id. An async code answers without a pairing ({@code terminalPairId}
 * null): the token starts to work only when the merchant confirms.
 */
public record DevicePairing(UUID terminalId, UUID terminalPairId, String deviceToken) {

    /** Whether the terminal is paired with this device, or the merchant's confirmation is still awaited. */
    public boolean isConfirmed() {
        return terminalPairId != null;
    }

    @Override
    public String toString() {
        return "DevicePairing[" + terminalId + ", " + terminalPairId + "]";
    }
}
