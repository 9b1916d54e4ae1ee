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
     * day is. Every time Kasa records is then off by as much, so the setting is refused unless
     * the database is the embedded one (no {@code kasa.database.url}), which is for trying
     * Kasa: a production database never sees a moved clock.
     */
    @Bean
    BusinessTime businessTime(@Value("${kasa.business-time-zone:Europe/Istanbul}") ZoneId zone,
                              @Value("${kasa.business-clock-start:}") String clockStart,
                              @Value("${kasa.database.url:}") String databaseUrl) {
        Clock system = Clock.systemUTC();
        if (clockStart.isBlank()) {
            return new BusinessTime(system, zone);
        }
        if (!databaseUrl.isBlank()) {
            throw new IllegalStateException("kasa.business-clock-start moves the clock of everything Kasa records; it is"
                    + " for demonstrations on the embedded database only, and kasa.database.url names an external one."
                    + " Remove kasa.business-clock-start.");
        }
        Duration ahead = Duration.between(system.instant(), OffsetDateTime.parse(clockStart).toInstant());
        return new BusinessTime(Clock.offset(system, ahead), zone);
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
