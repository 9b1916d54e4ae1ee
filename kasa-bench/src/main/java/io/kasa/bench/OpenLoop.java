package io.kasa.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link RateSchedule}: the calling thread waits for each send's due time and starts
 * the send on a virtual thread of its own, handing it that intended time. A send that falls
 * behind (a pause in this process, a slow server) is started as soon as possible and still
 * carries the time it was due, so its measured latency includes the wait.
 */
final class OpenLoop implements AutoCloseable {

    /** One send: {@code index} in the schedule, {@code intendedNanos} on the {@link System#nanoTime()} clock. */
    @FunctionalInterface
    interface Send {
        void send(long index, long intendedNanos);
    }

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final LongAdder started = new LongAdder();

    /**
     * Runs the schedule from {@code startNanos}; returns once every send has been started (not
     * finished). A send that throws is the send's own business: it is caught so the loop goes on.
     */
    void run(RateSchedule schedule, long startNanos, Send send) {
        long count = schedule.count();
        for (long i = 0; i < count; i++) {
            long due = startNanos + schedule.offsetNanos(i);
            waitUntil(due);
            long index = i;
            started.increment();
            threads.execute(() -> {
                try {
                    send.send(index, due);
                } catch (RuntimeException e) {
                    System.err.println("send " + index + " failed outside its own accounting: " + e);
                }
            });
        }
    }

    long started() {
        return started.sum();
    }

    /** Waits at most {@code timeout} for the sends started so far to finish; true if they all did. */
    boolean awaitFinished(Duration timeout) {
        threads.shutdown();
        try {
            return threads.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    static void waitUntil(long dueNanos) {
        while (true) {
            long left = dueNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(left);
        }
    }
}
