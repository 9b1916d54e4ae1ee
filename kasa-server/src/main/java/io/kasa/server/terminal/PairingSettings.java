package io.kasa.server.terminal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Pairing limits. A code lives {@code codeTtl}. Wrong codes are limited per source address,
 * per code value and in total across all sources, each within {@code attemptWindow}, so that
 * the million possible codes cannot be searched.
 */
@ConfigurationProperties("kasa.pairing")
public record PairingSettings(@DefaultValue("10m") Duration codeTtl,
                              @DefaultValue("10m") Duration attemptWindow,
                              @DefaultValue("10") int maxFailuresPerSource,
                              @DefaultValue("5") int maxFailuresPerCode,
                              @DefaultValue("1000") int maxFailuresTotal) {
}
