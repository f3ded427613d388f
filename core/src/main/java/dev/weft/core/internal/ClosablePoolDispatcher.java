package dev.weft.core.internal;

import dev.weft.core.CloseableDispatcher;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool dispatcher the application closes. Closing refuses new coroutines, cancels the running
 * ones, and shuts the carriers down only after the last coroutine has ended: a carrier pool must
 * never reject the continuation of a coroutine it still runs (the JDK would throw into whoever
 * resumes it and strand the coroutine).
 */
final class ClosablePoolDispatcher extends PoolDispatcher implements CloseableDispatcher {
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicBoolean shutdown = new AtomicBoolean();
    private volatile boolean closed;

    ClosablePoolDispatcher(String name, int threads) {
        super(name, threads == 1 ? new SerialCarrier(name) : new CarrierScheduler(name, threads));
    }

    @Override
    protected void admit() {
        live.incrementAndGet();
        if (closed) {
            release();
            throw closedError();
        }
    }

    @Override
    public void checkOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private RejectedExecutionException closedError() {
        return new RejectedExecutionException("dispatcher '" + name() + "' is closed; cannot launch a coroutine on it");
    }

    @Override
    protected void release() {
        if (live.decrementAndGet() == 0 && closed) {
            shutdownCarriers();
        }
    }

    private void shutdownCarriers() {
        if (live.get() == 0 && shutdown.compareAndSet(false, true)) {
            pool.shutdown();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Registry.cancelCoroutinesOn(this);
            shutdownCarriers();
        }
        Strand s = Strand.current();
        if (s != null && s.dispatcher == this) {
            return; // a coroutine of this dispatcher cannot wait for itself
        }
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // keep waiting: coroutines that ignore cancellation delay termination
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }
}
