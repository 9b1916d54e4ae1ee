package io.kasa.server;

import io.kasa.server.shared.BusinessTime;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that follows real time plus an offset the test moves forward. */
public final class MutableClock extends Clock {

    /** Puts a movable clock under the server's business time: {@code @Import(MutableClock.InServer.class)}. */
    @TestConfiguration
    public static class InServer {
        @Bean
        MutableClock mutableClock() {
            return new MutableClock();
        }

        @Bean
        @Primary
        BusinessTime testBusinessTime(MutableClock clock) {
            return new BusinessTime(clock, ZoneId.of("Europe/Istanbul"));
        }
    }

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock stays in UTC");
    }
}
