package io.kasa.server.shared.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kasa.server.shared.DatabaseOutage;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.MockHttpServletRequest;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorAdviceTests {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ErrorAdvice.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    /**
     * A metrics scraper that gave up while the server was writing its answer left an ERROR
     * "Unexpected failure" with a stack trace, then a second one when the envelope could not be
     * written in the answer's text content type.
     */
    @Test
    void aCallerThatWentAwayIsNotAnsweredNorLoggedAsAFailure() {
        ErrorAdvice advice = new ErrorAdvice(null, new DatabaseOutage(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/manage/prometheus");

        Object answer = advice.unexpected(request, new EofException(new IOException("Broken pipe")));

        assertThat(answer).isNull();
        assertThat(logged.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
    }
}
