package dev.weft.flow.internal;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Disposable;
import dev.weft.core.Job;
import dev.weft.core.internal.AbstractDispatcher;
import dev.weft.core.internal.Cancellation;
import dev.weft.flow.Flow;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The latest element of an upstream collected by a helper coroutine, for the time operators
 * ({@code debounce}, {@code sample}) whose collecting coroutine wakes on time as well as on
 * elements. The helper never waits: it overwrites the slot, stamps it with the dispatcher's clock
 * and wakes the collector, so the upstream runs at its own pace and the elements in between are
 * dropped, which is what both operators mean.
 *
 * <p>All state is guarded by this object's monitor; the collector is the only waiter.
 *
 * @param <T> the element type
 */
final class Latest<T> {
    private final Thread collector = Thread.currentThread();
    private final AbstractDispatcher clock;
    private @Nullable T value;
    private long stamp;
    private boolean done;
    private @Nullable Throwable failure;
    private @Nullable Job job;

    Latest(AbstractDispatcher clock) {
        this.clock = clock;
    }

    /** Launches the helper that collects {@code upstream} into this slot. */
    void start(CoroutineScope scope, Flow<T> upstream) {
        job = scope.launch(() -> {
            Throwable f = null;
            try {
                upstream.collect(this::offer);
            } catch (Throwable t) {
                f = t;
            }
            finish(f);
        });
    }

    private void offer(T v) {
        long now = clock.nanoTime();
        synchronized (this) {
            value = v;
            stamp = now;
        }
        LockSupport.unpark(collector);
    }

    private void finish(@Nullable Throwable f) {
        synchronized (this) {
            done = true;
            failure = f;
        }
        LockSupport.unpark(collector);
    }

    /** Stops the helper (the collection ended). */
    void cancel() {
        Job j = job;
        if (j != null) {
            j.cancel();
        }
    }

    /** @return the pending value, or null */
    synchronized @Nullable T peek() {
        return value;
    }

    /** @return when the pending value arrived, by the dispatcher's clock */
    synchronized long stamp() {
        return stamp;
    }

    /** Takes the pending value (null if none). */
    synchronized @Nullable T take() {
        T v = value;
        value = null;
        return v;
    }

    /**
     * Takes the pending value if it has been there, unreplaced, for at least {@code quiet}
     * nanoseconds at time {@code now}.
     */
    synchronized @Nullable T takeIfQuiet(long quiet, long now) {
        T v = value;
        if (v != null && now - stamp >= quiet) {
            value = null;
            return v;
        }
        return null;
    }

    synchronized boolean isDone() {
        return done;
    }

    synchronized @Nullable Throwable failure() {
        return failure;
    }

    long now() {
        return clock.nanoTime();
    }

    /**
     * Parks the collector until woken by the helper or, if {@code deadline} is not
     * {@link Long#MAX_VALUE}, until the dispatcher's clock reaches it. Wakes early for no reason
     * sometimes; callers re-check their condition.
     */
    void await(long deadline) {
        Cancellation.check();
        Disposable timer = null;
        if (deadline != Long.MAX_VALUE) {
            long delay = deadline - clock.nanoTime();
            if (delay <= 0) {
                return;
            }
            timer = clock.schedule(() -> LockSupport.unpark(collector), delay);
        }
        try {
            LockSupport.park(this);
        } finally {
            if (timer != null) {
                timer.dispose();
            }
        }
        Cancellation.check();
    }
}
