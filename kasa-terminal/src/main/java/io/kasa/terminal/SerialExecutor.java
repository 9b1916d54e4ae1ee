package io.kasa.terminal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on threads borrowed from a shared executor.
 * Everything an agent does to its own state runs here, so that state needs no locks and
 * hundreds of agents need no thread of their own while idle.
 */
final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor backing;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;
    private volatile Thread runner;

    SerialExecutor(Executor backing) {
        this.backing = backing;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        backing.execute(this::drain);
    }

    /** True when called from a task of this executor; such a caller must not wait for later tasks. */
    boolean inside() {
        return runner == Thread.currentThread();
    }

    private void drain() {
        runner = Thread.currentThread();
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.poll();
                if (next == null) {
                    runner = null;
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "terminal agent task failed", e);
            }
        }
    }
}
