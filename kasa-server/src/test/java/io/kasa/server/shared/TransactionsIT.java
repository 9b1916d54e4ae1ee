package io.kasa.server.shared;

import io.kasa.server.KasaServerIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The safety net of the entry points' transactions, against a real deadlock in PostgreSQL. */
class TransactionsIT extends KasaServerIT {

    @Autowired
    Transactions transactions;

    /**
     * Two transactions take two locks in opposite orders, each waiting until the other holds
     * its first: PostgreSQL aborts one of them (40P01), which runs again once the other has
     * committed. Both complete; three runs in all.
     */
    @Test
    void aTransactionAbortedToBreakADeadlockRunsAgainAndCompletes() throws Exception {
        long first = 4_212_001L;
        long second = 4_212_002L;
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        AtomicInteger runs = new AtomicInteger();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> one = threads.submit(() -> lockBoth(first, second, bothHoldOne, runs));
            Future<String> two = threads.submit(() -> lockBoth(second, first, bothHoldOne, runs));

            assertThat(one.get(60, TimeUnit.SECONDS)).isEqualTo("done");
            assertThat(two.get(60, TimeUnit.SECONDS)).isEqualTo("done");
        }
        assertThat(runs).hasValue(3);
    }

    @Test
    void aFailureThatIsNotALockConflictIsNotRepeated() {
        AtomicInteger runs = new AtomicInteger();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transactions.run(() -> {
            runs.incrementAndGet();
            jdbc.sql("select 1 / 0").query(Integer.class).single();
        })).hasMessageContaining("division by zero");
        assertThat(runs).hasValue(1);
    }

    private String lockBoth(long a, long b, CountDownLatch bothHoldOne, AtomicInteger runs) {
        return transactions.execute(status -> {
            runs.incrementAndGet();
            jdbc.sql("select 1 from pg_advisory_xact_lock(:key)").param("key", a).query(Integer.class).single();
            bothHoldOne.countDown();
            try {
                assertThat(bothHoldOne.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            jdbc.sql("select 1 from pg_advisory_xact_lock(:key)").param("key", b).query(Integer.class).single();
            return "done";
        });
    }
}
