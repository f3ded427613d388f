package dev.weft.core.internal;

import dev.weft.core.Disposable;
import dev.weft.core.TimeSource;
import java.util.concurrent.locks.LockSupport;

/**
 * A dispatcher whose coroutines run on the carriers of another and read time from a
 * {@link TimeSource}: made by {@code Dispatchers.from(Executor, TimeSource)}.
 */
final class TimedDispatcher extends AbstractDispatcher {
    private final AbstractDispatcher carriers;
    private final TimeSource time;

    TimedDispatcher(AbstractDispatcher carriers, TimeSource time) {
        super(carriers.name());
        this.carriers = carriers;
        this.time = time;
    }

    @Override
    protected Thread newThread(Runnable task) {
        return carriers.newThread(task);
    }

    @Override
    protected void startThread(Thread t) {
        carriers.startThread(t);
    }

    @Override
    protected void admit() {
        carriers.admit();
    }

    @Override
    public void checkOpen() {
        carriers.checkOpen();
    }

    @Override
    protected void release() {
        carriers.release();
    }

    @Override
    public boolean ownsCarriers() {
        return carriers.ownsCarriers();
    }

    @Override
    public TimeSource timeSource() {
        return time;
    }

    @Override
    public long nanoTime() {
        return time.nanoTime();
    }

    /**
     * Parks untimed, woken by an action scheduled on the time source: the wait is as long as the
     * source says (a virtual clock may take no real time at all). The scheduled wake-up is disposed
     * when the coroutine leaves early (cancellation), so an abandoned delay leaves nothing pending.
     */
    @Override
    public void sleepNanos(long nanos) {
        Cancellation.check();
        if (nanos <= 0) {
            return;
        }
        Thread me = Thread.currentThread();
        long deadline = time.nanoTime() + nanos; // two's complement: deadline - now stays right past overflow
        for (;;) {
            long remaining = deadline - time.nanoTime();
            if (remaining <= 0) {
                return;
            }
            Disposable wakeUp = time.schedule(() -> LockSupport.unpark(me), remaining);
            try {
                LockSupport.park(this);
            } finally {
                wakeUp.dispose();
            }
            Cancellation.check();
        }
    }

    @Override
    public Disposable schedule(Runnable action, long delayNanos) {
        return time.schedule(action, delayNanos);
    }
}
