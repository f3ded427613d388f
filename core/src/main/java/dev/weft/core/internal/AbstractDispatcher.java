package dev.weft.core.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.Disposable;
import dev.weft.core.TimeSource;
import java.util.concurrent.locks.LockSupport;

/**
 * Base of every weft dispatcher: creates the virtual threads of coroutines and is the time source
 * of the coroutines it runs (delays and timeouts read {@link #nanoTime()}, sleep through
 * {@link #sleepNanos(long)} and schedule through {@link #schedule(Runnable, long)}, so a
 * virtual-time dispatcher only overrides these three).
 */
public abstract class AbstractDispatcher implements Dispatcher {
    private final String name;

    protected AbstractDispatcher(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Creates the unstarted virtual thread that will run {@code task}. */
    protected abstract Thread newThread(Runnable task);

    /** Starts a new coroutine's virtual thread; a dispatcher may tell its carriers that this is a start. */
    protected void startThread(Thread t) {
        t.start();
    }

    /** Admits one more coroutine, or throws RejectedExecutionException. */
    protected void admit() {
    }

    /**
     * Throws the RejectedExecutionException {@link #admit()} would throw now, without admitting a
     * coroutine: for code that would have launched one here and found it needs not.
     */
    public void checkOpen() {
    }

    /** One admitted coroutine's thread has finished its body. */
    protected void release() {
    }

    /** Starts the virtual thread of {@code c}. */
    final void start(CoroutineImpl<?> c) {
        admit();
        try {
            Thread t = newThread(c);
            String name = c.explicitName();
            if (name != null) {
                t.setName(name); // unnamed coroutines keep the JDK's empty virtual-thread name: no String per launch
            }
            c.thread = t;
            c.strand = Strand.install(t, c, this);
            startThread(t);
        } catch (Throwable e) {
            release();
            throw e;
        }
    }

    // ---------------------------------------------------------------- time

    /** The system clock; a dispatcher on another time source overrides this and the three below. */
    @Override
    public TimeSource timeSource() {
        return DispatcherFactory.systemTime();
    }

    /** @return this dispatcher's monotonic clock, in nanoseconds */
    public long nanoTime() {
        return System.nanoTime();
    }

    /**
     * Suspends the calling coroutine for {@code nanos}, observing cancellation.
     *
     * @throws java.util.concurrent.CancellationException if cancelled meanwhile
     */
    public void sleepNanos(long nanos) {
        Cancellation.check();
        if (nanos <= 0) {
            return;
        }
        long deadline = nanoTime() + nanos;
        for (;;) {
            long remaining = deadline - nanoTime();
            if (remaining <= 0) {
                return;
            }
            LockSupport.parkNanos(this, remaining);
            Cancellation.check();
        }
    }

    /**
     * Runs {@code action} once after {@code delayNanos} on a timer thread; it must be short.
     *
     * @return a handle that cancels the action if it has not run yet
     */
    public Disposable schedule(Runnable action, long delayNanos) {
        return Timer.schedule(action, delayNanos);
    }

    @Override
    public String toString() {
        return "Dispatcher(" + name + ")";
    }
}
