package io.kasa.server.device;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * The messages of the device protocol ({@code docs/device-protocol.md}) apart from
 * {@code order}. One record holds every field any of them uses; absent fields are left out
 * of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeviceMessage(String type, String id, String token, String appVersion, UUID terminalId, UUID terminalPairId,
                     String terminalName, Integer heartbeatSeconds, Integer idleTimeoutSeconds, Instant serverTime, String code,
                     String message, UUID orderId, String of, String reason, String result, Card card,
                     String providerReference) {

    /** Card data a device may attach to an outcome: masked, never a full card number. */
    record Card(String maskedPan, String brand, String authCode) {
    }

    private static DeviceMessage of(String type) {
        return new DeviceMessage(type, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    static DeviceMessage welcome(UUID terminalId, UUID terminalPairId, String terminalName, DeviceSettings settings,
                                 Instant now) {
        return new DeviceMessage("welcome", null, null, null, terminalId, terminalPairId, terminalName,
                (int) settings.heartbeat().toSeconds(), (int) settings.idleTimeout().toSeconds(), now, null, null,
                null, null, null, null, null, null);
    }

    static DeviceMessage ping(String id) {
        return of("ping").withId(id);
    }

    static DeviceMessage pong(String id) {
        return of("pong").withId(id);
    }

    static DeviceMessage error(String code, String message) {
        return new DeviceMessage("error", null, null, null, null, null, null, null, null, null, code, message, null,
                null, null, null, null, null);
    }

    static DeviceMessage ack(UUID orderId, String of) {
        return new DeviceMessage("ack", null, null, null, null, null, null, null, null, null, null, null, orderId, of,
                null, null, null, null);
    }

    static DeviceMessage withdraw(UUID orderId, String reason) {
        return new DeviceMessage("withdraw", null, null, null, null, null, null, null, null, null, null, null, orderId,
                null, reason, null, null, null);
    }

    private DeviceMessage withId(String id) {
        return new DeviceMessage(type, id, token, appVersion, terminalId, terminalPairId, terminalName, heartbeatSeconds,
                idleTimeoutSeconds, serverTime, code, message, orderId, of, reason, result, card, providerReference);
    }
}
