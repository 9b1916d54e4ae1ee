package io.kasa.server.shared.web;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * The HTTP port ({@code SERVER_PORT}, {@code server.port}) is checked free before anything
 * else starts: Jetty binds it only once the application has started, after the database
 * (an embedded PostgreSQL takes seconds to create and start), so a server whose port
 * is taken would start and stop a database for nothing before saying so. The check binds
 * the address and port as Jetty will (address reuse on) and lets go at once; a port taken in
 * between is still refused by Jetty, with the same report ({@link PortInUseAnalyzer}).
 * Port 0 (any free port) needs no check.
 */
@Component
class PortCheck implements WebServerFactoryCustomizer<JettyServletWebServerFactory>, Ordered {

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        int port = factory.getPort();
        if (port <= 0) {
            return;
        }
        InetSocketAddress address = factory.getAddress() == null ? new InetSocketAddress(port)
                : new InetSocketAddress(factory.getAddress(), port);
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.socket().setReuseAddress(true);
            channel.bind(address);
        } catch (BindException taken) {
            PortInUseException.throwIfPortBindingException(taken, () -> port);
        } catch (IOException others) {
            // anything else (an address this host lacks, a port it may not use) Jetty reports as it binds
        }
    }

    /** After Spring Boot's own customizers, which set the port and address from the settings. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
