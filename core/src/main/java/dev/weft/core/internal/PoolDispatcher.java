package dev.weft.core.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dispatcher whose carriers it owns: a {@link CarrierScheduler} (the default dispatcher and
 * {@code newFixed}), a {@link SerialCarrier} ({@code newSingleThread}) or an elastic ForkJoinPool
 * (the IO dispatcher).
 */
class PoolDispatcher extends AbstractDispatcher {
    final ExecutorService pool;
    private final ThreadFactory threads;

    PoolDispatcher(String name, ExecutorService pool) {
        super(name);
        this.pool = pool;
        this.threads = VirtualThreads.factory(pool, name);
    }

    @Override
    protected Thread newThread(Runnable task) {
        return threads.newThread(task);
    }

    @Override
    protected void startThread(Thread t) {
        if (pool instanceof CarrierScheduler cs) {
            cs.start(t);
        } else {
            t.start();
        }
    }

    @Override
    public boolean ownsCarriers() {
        return true;
    }

    /**
     * Creates an elastic carrier pool: up to {@code carriers} daemon threads named
     * {@code prefix-N}, started on demand and ended after 30 s idle.
     */
    static ForkJoinPool newPool(String prefix, int carriers) {
        AtomicInteger n = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = p -> {
            ForkJoinWorkerThread t = new CarrierThread(p);
            t.setName(prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new CarrierPool(carriers, factory, 0, carriers);
    }

    /**
     * A ForkJoinPool (async mode) that keeps {@code yield} fair. A virtual thread that yields is
     * resubmitted by its carrier thread itself, which ForkJoinPool pushes onto the carrier's local
     * queue, while coroutines woken from elsewhere arrive in the shared submission queue, which a
     * worker only looks at when its local queue is empty: a coroutine looping on
     * {@code yieldNow()} would starve them forever. So when a carrier resubmits, the pending
     * submissions are moved into its local FIFO queue first, ahead of the yielding coroutine.
     */
    static final class CarrierPool extends ForkJoinPool {
        CarrierPool(int parallelism, ForkJoinWorkerThreadFactory factory, int core, int max) {
            super(parallelism, factory, null, true, core, max, 1, pool -> true, 30, TimeUnit.SECONDS);
        }

        @Override
        public void execute(Runnable task) {
            if (Thread.currentThread() instanceof CarrierThread w && w.getPool() == this) {
                ForkJoinTask<?> submitted;
                while ((submitted = pollSubmission()) != null) {
                    super.execute(submitted);
                }
            }
            super.execute(task);
        }
    }

    /** A carrier thread of a weft pool. */
    static final class CarrierThread extends ForkJoinWorkerThread {
        CarrierThread(ForkJoinPool pool) {
            super(pool);
        }
    }
}
