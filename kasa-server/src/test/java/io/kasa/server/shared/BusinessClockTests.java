package io.kasa.server.shared;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The business clock: the system's, or one started at {@code kasa.business-clock-start}. */
class BusinessClockTests {

    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    @Test
    void withoutAStartTheClockIsTheSystems() {
        Instant before = Instant.now();
        Instant now = new Infrastructure().businessTime(ISTANBUL, "", "").now();

        assertThat(now).isBetween(before, Instant.now());
    }

    @Test
    void aStartedClockReadsItsStartAtTheServersStartAndRunsOnFromIt() {
        Instant start = OffsetDateTime.parse("2031-03-03T10:00+03:00").toInstant();
        BusinessTime time = new Infrastructure().businessTime(ISTANBUL, "2031-03-03T10:00+03:00", "");

        Instant first = time.now();
        Instant second = time.now();

        // it runs on at the system's pace, so only "since the start, less than the test's own run" holds
        assertThat(first).isBetween(start, start.plus(Duration.ofHours(1)));
        assertThat(second).isAfterOrEqualTo(first);
        assertThat(time.local(first).toLocalDate()).isEqualTo("2031-03-03");
    }

    @Test
    void aStartedClockIsRefusedWithAnExternalDatabase() {
        assertThatThrownBy(() -> new Infrastructure().businessTime(ISTANBUL, "2031-03-03T10:00+03:00",
                "jdbc:postgresql://db.example/kasa"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kasa.business-clock-start").hasMessageContaining("embedded database only");
    }
}
