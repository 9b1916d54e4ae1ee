package io.kasa.server.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;

/** The clock and the random source every feature draws on; tests replace the clock. */
@Configuration(proxyBeanMethods = false)
class Infrastructure {

    @Bean
    BusinessTime businessTime(@Value("${kasa.business-time-zone:Europe/Istanbul}") ZoneId zone) {
        return new BusinessTime(Clock.systemUTC(), zone);
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
