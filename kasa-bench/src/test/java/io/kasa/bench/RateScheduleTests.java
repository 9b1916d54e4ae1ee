package io.kasa.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateScheduleTests {

    @Test
    void aScheduleHoldsEverySendDueBeforeItsEnd() {
        assertThat(new RateSchedule(500, Duration.ofSeconds(30)).count()).isEqualTo(15_000);
        assertThat(new RateSchedule(20, Duration.ofSeconds(2)).count()).isEqualTo(40);
        assertThat(new RateSchedule(3, Duration.ofMillis(1_100)).count()).isEqualTo(4);
        assertThat(new RateSchedule(0.5, Duration.ofSeconds(1)).count()).isEqualTo(1);
    }

    @Test
    void sendsAreEvenlySpacedFromTheStartWhateverHappenedBefore() {
        RateSchedule schedule = new RateSchedule(400, Duration.ofSeconds(1));
        assertThat(schedule.offsetNanos(0)).isZero();
        assertThat(schedule.offsetNanos(1)).isEqualTo(2_500_000);
        assertThat(schedule.offsetNanos(399)).isEqualTo(997_500_000);
        assertThat(schedule.interval()).isEqualTo(Duration.ofNanos(2_500_000));
    }

    @Test
    void aScheduleForACountHoldsExactlyThatMany() {
        for (int count : new int[] {1, 7, 5_000, 12_345}) {
            for (double rate : new double[] {1, 3, 333, 1_000, 2_500}) {
                assertThat(RateSchedule.forCount(rate, count).count()).as("%d at %s/s", count, rate).isEqualTo(count);
            }
        }
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RateSchedule(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSchedule(Double.NaN, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSchedule(10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSchedule(10, Duration.ofSeconds(1)).offsetNanos(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOpenLoopHandsEachSendItsIntendedTimeNotTheTimeItRan() {
        RateSchedule schedule = new RateSchedule(1_000, Duration.ofMillis(50));
        List<long[]> sends = new CopyOnWriteArrayList<>();
        long start = System.nanoTime() - Duration.ofSeconds(1).toNanos();   // already a second late
        try (OpenLoop loop = new OpenLoop()) {
            loop.run(schedule, start, (index, intended) -> sends.add(new long[] {index, intended}));
            assertThat(loop.awaitFinished(Duration.ofSeconds(10))).isTrue();
            assertThat(loop.started()).isEqualTo(50);
        }
        List<Long> offsets = new ArrayList<>();
        sends.stream().sorted((a, b) -> Long.compare(a[0], b[0])).forEach(send -> offsets.add(send[1] - start));
        assertThat(offsets).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(offsets.get(i)).isEqualTo(schedule.offsetNanos(i));
        }
    }
}
