package dev.weft.core.channels.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lock of a channel: one word, acquired by one CAS and released by one release-store
 * ({@code ReentrantLock} and monitors pay a second atomic; measured faster on the buffered
 * throughput benchmarks). Fit only for critical sections that are a few dozen instructions and
 * never park: a holder is then never unmounted while holding it, so a contender spins briefly and
 * then yields its carrier. Not reentrant; a select takes the locks of several channels in the
 * global order of their ids.
 */
abstract class SpinLock {
    private static final VarHandle STATE;
    private static final int SPINS_BEFORE_YIELD = 64;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SpinLock.class, "lockState", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** 0 free, 1 held. */
    private volatile int lockState;

    final void lock() {
        if (!STATE.compareAndSet(this, 0, 1)) {
            lockContended();
        }
    }

    private void lockContended() {
        int spins = 0;
        for (;;) {
            if (lockState == 0 && STATE.compareAndSet(this, 0, 1)) {
                return;
            }
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                spins = 0;
                Thread.yield();
            }
        }
    }

    final void unlock() {
        STATE.setRelease(this, 0);
    }
}
