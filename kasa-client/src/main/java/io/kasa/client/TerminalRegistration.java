package io.kasa.client;

import java.util.UUID;

/**
 * A terminal to register: {@code name} (1–100), {@code serialNo} (1–50, unique per
 * merchant), optional {@code model} (≤50), optional {@code connectionId} (the merchant's
 * default connection when null) and optional {@code tagCode} (≤25; also adds a tag named
 * after the terminal). Null optional fields are not sent; limits are the server's to enforce.
 */
public record TerminalRegistration(String name, String serialNo, String model, UUID connectionId, String tagCode) {

    public static TerminalRegistration of(String name, String serialNo) {
        return new TerminalRegistration(name, serialNo, null, null, null);
    }

    public TerminalRegistration withModel(String model) {
        return new TerminalRegistration(name, serialNo, model, connectionId, tagCode);
    }

    public TerminalRegistration withConnectionId(UUID connectionId) {
        return new TerminalRegistration(name, serialNo, model, connectionId, tagCode);
    }

    public TerminalRegistration withTagCode(String tagCode) {
        return new TerminalRegistration(name, serialNo, model, connectionId, tagCode);
    }
}
