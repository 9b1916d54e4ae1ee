package io.kasa.server.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The clock and the random source every feature draws on; tests replace the clock. */
@Configuration(proxyBeanMethods = false)
class Infrastructure {

    /**
     * The system clock, or, with {@code kasa.business-clock-start} (an ISO offset date-time),
     * a clock that reads that instant when the server starts and runs on from it: a
     * demonstration can then reach a weekday morning, and a payable date, whatever the real
     * day is. Never set it in production: every time Kasa records would be off by as much.
     */
    @Bean
    BusinessTime businessTime(@Value("${kasa.business-time-zone:Europe/Istanbul}") ZoneId zone,
                              @Value("${kasa.business-clock-start:}") String clockStart) {
        Clock system = Clock.systemUTC();
        if (clockStart.isBlank()) {
            return new BusinessTime(system, zone);
        }
        Duration ahead = Duration.between(system.instant(), OffsetDateTime.parse(clockStart).toInstant());
        return new BusinessTime(Clock.offset(system, ahead), zone);
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
