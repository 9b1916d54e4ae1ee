package io.kasa.server.shared.web;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A taken HTTP port, found by {@link PortCheck} before the database starts or by Jetty as it
 * binds, reported with the setting that moves it; ahead of Spring Boot's own report of it,
 * which names no setting.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortInUseAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        int port = cause.getPort();
        return new FailureAnalysis("Port " + port + " (SERVER_PORT, server.port) is already in use by another process,"
                + " so Kasa cannot listen on it.",
                "Stop the process that listens on port " + port + " (ss -ltnp 'sport = :" + port + "' names it; it may"
                        + " be another Kasa), or set SERVER_PORT to a free port.", cause);
    }
}
