package io.kasa.bench;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** Runs one action per item on virtual threads, at most {@code width} at a time, and collects the failures. */
final class Parallel {

    private Parallel() {
    }

    /** Returns once every action ended; the failures, in no particular order. */
    static <T> List<RuntimeException> forEach(List<T> items, int width, Consumer<T> action) {
        Semaphore slots = new Semaphore(width);
        Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                slots.acquireUninterruptibly();
                threads.execute(() -> {
                    try {
                        action.accept(item);
                    } catch (RuntimeException e) {
                        failures.add(e);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return List.copyOf(failures);
    }
}
