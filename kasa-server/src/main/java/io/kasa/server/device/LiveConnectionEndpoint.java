package io.kasa.server.device;

import org.eclipse.jetty.websocket.api.Configurable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import java.time.Duration;

/**
 * Serves the device live connection at {@code /api/device/live}, sized so that tens of
 * thousands of idle terminals fit in a small heap.
 *
 * <p>An idle connection costs what it keeps between messages. Jetty takes a connection's read
 * buffer ({@link #INPUT_BUFFER_BYTES}) from its pool only while bytes are arriving and its
 * write buffer ({@link #OUTPUT_BUFFER_BYTES}) only while a message is going out, and builds
 * each text message only while it arrives, so an idle terminal holds none of them. A device
 * message is delivered whole, up to {@link #MAX_MESSAGE_CHARS}; a longer one closes the
 * connection with 1009. The protocol has no binary messages: a binary message is refused
 * (1003) by {@link DeviceChannel}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveConnectionEndpoint implements WebSocketConfigurer {

    /** The largest device message, in bytes as Jetty counts it; a longer one closes the connection with 1009. */
    static final int MAX_MESSAGE_CHARS = 64 * 1024;
    /** Reads an ordinary device message (an order's acknowledgement, a result: under 1 KB) in one go. */
    static final int INPUT_BUFFER_BYTES = 2 * 1024;
    /** Writes an order message (about 1 KB) in one frame. */
    static final int OUTPUT_BUFFER_BYTES = 2 * 1024;

    private final DeviceChannel channel;

    LiveConnectionEndpoint(DeviceChannel channel) {
        this.channel = channel;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        JettyRequestUpgradeStrategy upgrade = new JettyRequestUpgradeStrategy();
        upgrade.addWebSocketConfigurer(LiveConnectionEndpoint::sizeForDevices);
        registry.addHandler(channel, "/api/device/live")
                .setHandshakeHandler(new DefaultHandshakeHandler(upgrade))
                .setAllowedOriginPatterns("*");
    }

    /**
     * Kasa closes a silent device itself ({@code kasa.device.idle-timeout}, with its own close
     * code), so Jetty's own idle timeout, 30 s by default, is off: it would close a connection
     * an operator allowed to stay silent longer.
     */
    static void sizeForDevices(Configurable connection) {
        connection.setInputBufferSize(INPUT_BUFFER_BYTES);
        connection.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
        connection.setMaxTextMessageSize(MAX_MESSAGE_CHARS);
        connection.setMaxBinaryMessageSize(MAX_MESSAGE_CHARS);
        connection.setIdleTimeout(Duration.ZERO);
    }
}
