package io.kasa.server.device;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Serves the device live connection at {@code /api/device/live}, sized so that tens of
 * thousands of idle terminals fit in a small heap.
 *
 * <p>An idle connection costs what its buffers cost, so every per-connection buffer is small:
 * Tomcat's WebSocket frame buffers ({@link #FRAME_BUFFER_BYTES}),
 * the socket's read and write buffers ({@link #SOCKET_BUFFER_BYTES}), and the text message
 * buffer ({@link #TEXT_BUFFER_CHARS}). Device messages larger than the text buffer arrive in
 * parts and {@link DeviceChannel} joins them, up to {@link #MAX_MESSAGE_CHARS}; the protocol has
 * no binary messages, so a binary message is refused whatever its size.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveConnectionEndpoint implements WebSocketConfigurer {

    /** The largest device message; a longer one closes the connection with 1009. */
    static final int MAX_MESSAGE_CHARS = 64 * 1024;
    /** Holds any ordinary device message whole; longer ones are delivered in parts. */
    static final int TEXT_BUFFER_CHARS = 1024;
    static final int BINARY_BUFFER_BYTES = 256;
    /** Tomcat's per-connection WebSocket read, write and encoder buffers (8 KiB each by default). */
    static final int FRAME_BUFFER_BYTES = 1024;
    /** Tomcat's per-connection socket read and write buffers (8 KiB each by default), for HTTP too. */
    static final int SOCKET_BUFFER_BYTES = 2 * 1024;

    private static final String FRAME_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    private final DeviceChannel channel;

    LiveConnectionEndpoint(DeviceChannel channel) {
        this.channel = channel;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(channel, "/api/device/live").setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        return container;
    }

    /**
     * Runs before Tomcat starts. Tomcat reads its WebSocket frame buffer size from a system
     * property once, when its WebSocket classes load at start, so it is set here (an operator's
     * own {@code -D} setting wins; in a JVM whose Tomcat already started it no longer matters).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallConnectionBuffers() {
        if (System.getProperty(FRAME_BUFFER_PROPERTY) == null) {
            System.setProperty(FRAME_BUFFER_PROPERTY, Integer.toString(FRAME_BUFFER_BYTES));
        }
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
        });
    }
}
