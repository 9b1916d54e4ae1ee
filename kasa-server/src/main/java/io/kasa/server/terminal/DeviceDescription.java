package io.kasa.server.terminal;

/** What a device says about itself when it pairs. */
public record DeviceDescription(String serialNo, String model, String appVersion) {
}
