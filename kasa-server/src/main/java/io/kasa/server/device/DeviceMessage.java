package io.kasa.server.device;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * The messages of the device protocol ({@code docs/device-protocol.md}). One record holds
 * every field any message type uses; absent fields are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeviceMessage(String type, String id, String token, String appVersion, UUID terminalId, UUID terminalPairId,
                     Integer heartbeatSeconds, Integer idleTimeoutSeconds, Instant serverTime, String code,
                     String message) {

    static DeviceMessage welcome(UUID terminalId, UUID terminalPairId, DeviceSettings settings, Instant now) {
        return new DeviceMessage("welcome", null, null, null, terminalId, terminalPairId,
                (int) settings.heartbeat().toSeconds(), (int) settings.idleTimeout().toSeconds(), now, null, null);
    }

    static DeviceMessage ping(String id) {
        return new DeviceMessage("ping", id, null, null, null, null, null, null, null, null, null);
    }

    static DeviceMessage pong(String id) {
        return new DeviceMessage("pong", id, null, null, null, null, null, null, null, null, null);
    }

    static DeviceMessage error(String code, String message) {
        return new DeviceMessage("error", null, null, null, null, null, null, null, null, code, message);
    }
}
