package dev.weft.core.channels.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/** The waiter of a plain {@code send} or {@code receive}: one thread, one state word. */
final class Parker extends Waiter {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Parker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    /** {@link #WAITING}, then {@link #SUCCESS}, {@link #CLOSED} or {@link #CANCELLED}, once. */
    volatile int state;

    Parker(Thread thread, @Nullable Object item) {
        this.thread = thread;
        this.item = item;
    }

    @Override
    boolean tryClaim(int how) {
        return STATE.compareAndSet(this, WAITING, how);
    }

    /** The owner gives up; @return false if a peer or the channel claimed the waiter first */
    boolean tryCancel() {
        return STATE.compareAndSet(this, WAITING, CANCELLED);
    }

    @Override
    boolean isDone() {
        return state != WAITING;
    }

    @Override
    void wake() {
        LockSupport.unpark(thread);
    }
}
