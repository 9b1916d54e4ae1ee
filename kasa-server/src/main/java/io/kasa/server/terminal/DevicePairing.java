package io.kasa.server.terminal;

import java.util.UUID;

/** The result of a device entering a valid code: its new pairing and its token (shown once). */
public record DevicePairing(UUID terminalId, UUID terminalPairId, String deviceToken) {

    @Override
    public String toString() {
        return "DevicePairing[" + terminalId + ", " + terminalPairId + "]";
    }
}
