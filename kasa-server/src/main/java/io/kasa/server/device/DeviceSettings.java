package io.kasa.server.device;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Live-connection timing. Each side pings every {@code heartbeat}; the server closes a
 * connection silent for {@code idleTimeout}, so a vanished device shows as disconnected
 * within 30 s; a new connection must say hello within {@code helloTimeout}.
 */
@ConfigurationProperties("kasa.device")
public record DeviceSettings(@DefaultValue("10s") Duration heartbeat,
                             @DefaultValue("25s") Duration idleTimeout,
                             @DefaultValue("10s") Duration helloTimeout,
                             @DefaultValue("15s") Duration lastSeenFlush) {
}
