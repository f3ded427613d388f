package dev.weft.core.internal;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A dispatcher whose carriers are a ForkJoinPool of its own (async mode, daemon threads). */
class PoolDispatcher extends AbstractDispatcher {
    final ForkJoinPool pool;
    private final ThreadFactory threads;

    PoolDispatcher(String name, ForkJoinPool pool) {
        super(name);
        this.pool = pool;
        this.threads = VirtualThreads.factory(pool, name);
    }

    @Override
    protected Thread newThread(Runnable task) {
        return threads.newThread(task);
    }

    @Override
    public boolean ownsCarriers() {
        return true;
    }

    @Override
    public int parallelism() {
        return pool.getParallelism();
    }

    /**
     * Creates a carrier pool.
     *
     * @param prefix     carrier thread name, or name prefix when {@code numbered}
     * @param parallelism target number of running carriers
     * @param maxThreads maximum number of carriers
     * @param keepCore   whether all {@code parallelism} carriers stay alive when idle
     */
    static ForkJoinPool newPool(String prefix, boolean numbered, int parallelism, int maxThreads, boolean keepCore) {
        AtomicInteger n = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = p -> {
            ForkJoinWorkerThread t = new CarrierThread(p);
            t.setName(numbered ? prefix + "-" + n.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        };
        return new ForkJoinPool(parallelism, factory, null, true,
                keepCore ? parallelism : 0, maxThreads, 1, pool -> true, 30, TimeUnit.SECONDS);
    }

    /** A carrier thread of a weft pool. */
    static final class CarrierThread extends ForkJoinWorkerThread {
        CarrierThread(ForkJoinPool pool) {
            super(pool);
        }
    }
}
