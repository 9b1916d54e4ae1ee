package io.kasa.server.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The clock and the business time zone. Responses show local date-times in that zone;
 * everything stored is an instant.
 */
public record BusinessTime(Clock clock, ZoneId zone) {

    public Instant now() {
        return clock.instant();
    }

    public LocalDateTime local(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, zone);
    }
}
