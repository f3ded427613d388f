package dev.weft.flow.internal;

import dev.weft.core.internal.Cancellation;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.MutableStateFlow;
import dev.weft.flow.StateFlow;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The {@link MutableStateFlow} implementation: a value updated by compare-and-set, and one
 * {@link Slot} per collector that an update marks "pending" (waking the collector if it is
 * parked). A collector reads the value, emits it if it differs from the last one it emitted, then
 * waits for its slot to become pending; updates made meanwhile are conflated into that one mark.
 *
 * <p>Updates are lock-free. The slot array is copy-on-write under this object's monitor, which is
 * only taken when collectors come and go. No wake-up is lost: an updater writes the value
 * before it marks the slots, a collector registers its slot before it reads the value, and a
 * collector clears its mark before it reads the value again.
 *
 * @param <T> the value type
 */
public final class StateFlowImpl<T> implements MutableStateFlow<T> {
    private static final VarHandle VALUE;
    private static final Slot[] NO_SLOTS = new Slot[0];

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(StateFlowImpl.class, "value", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Object value;
    private volatile Slot[] slots = NO_SLOTS;
    private volatile @Nullable SharedSubscriptionCount counts;

    /**
     * Creates a state flow holding {@code initial}.
     *
     * @param initial the initial value
     * @throws NullPointerException if {@code initial} is null
     */
    public StateFlowImpl(T initial) {
        this.value = Objects.requireNonNull(initial, "initial");
    }

    // ------------------------------------------------------------------ value

    @Override
    @SuppressWarnings("unchecked")
    public T value() {
        return (T) value;
    }

    @Override
    public void setValue(T newValue) {
        Objects.requireNonNull(newValue, "value");
        for (;;) {
            Object current = value;
            if (current.equals(newValue)) {
                return;
            }
            if (VALUE.compareAndSet(this, current, newValue)) {
                notifyCollectors();
                return;
            }
        }
    }

    @Override
    public boolean compareAndSet(T expect, T update) {
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(update, "update");
        for (;;) {
            Object current = value;
            if (!current.equals(expect)) {
                return false;
            }
            if (current.equals(update)) {
                return true;
            }
            if (VALUE.compareAndSet(this, current, update)) {
                notifyCollectors();
                return true;
            }
            // another thread replaced the object: compare again with the new one
        }
    }

    /*
     * update/updateAndGet/getAndUpdate: a CAS on the reference read, without compareAndSet's second
     * read and equality test. Still atomic: the function's input is exactly the value replaced. A
     * failed CAS (even when another thread stored an equal object) only means one more attempt.
     */

    @Override
    public void update(UnaryOperator<T> function) {
        updateAndGet(function);
    }

    @Override
    public T updateAndGet(UnaryOperator<T> function) {
        Objects.requireNonNull(function, "function");
        for (;;) {
            Object current = value;
            @SuppressWarnings("unchecked")
            T next = Objects.requireNonNull(function.apply((T) current), "function returned null");
            if (applied(current, next)) {
                return next;
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T getAndUpdate(UnaryOperator<T> function) {
        Objects.requireNonNull(function, "function");
        for (;;) {
            Object current = value;
            T next = Objects.requireNonNull(function.apply((T) current), "function returned null");
            if (applied(current, next)) {
                return (T) current;
            }
        }
    }

    /** Replaces {@code current} by {@code next} if it is still the stored object. */
    private boolean applied(Object current, Object next) {
        if (current.equals(next)) {
            return value == current; // nothing to change, if nothing changed meanwhile
        }
        if (VALUE.compareAndSet(this, current, next)) {
            notifyCollectors();
            return true;
        }
        return false;
    }

    private void notifyCollectors() {
        for (Slot s : slots) {
            s.markPending();
        }
    }

    @Override
    public void emit(T newValue) {
        Objects.requireNonNull(newValue, "value");
        Cancellation.check();
        setValue(newValue);
    }

    @Override
    public boolean tryEmit(T newValue) {
        setValue(newValue);
        return true;
    }

    @Override
    public void resetReplayCache() {
        throw new UnsupportedOperationException("a MutableStateFlow always has a value: its replay cache cannot be reset");
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<T> replayCache() {
        return List.of((T) value);
    }

    // ------------------------------------------------------------------ collecting

    @Override
    @SuppressWarnings("unchecked")
    public void collect(FlowCollector<? super T> collector) throws Exception {
        Objects.requireNonNull(collector, "collector");
        Slot slot = new Slot();
        addSlot(slot);
        try {
            Object last = null;
            for (;;) {
                Cancellation.check();
                Object v = value;
                if (last == null || !last.equals(v)) {
                    last = v;
                    collector.emit((T) v);
                }
                slot.awaitPending();
            }
        } finally {
            removeSlot(slot);
        }
    }

    private synchronized void addSlot(Slot s) {
        Slot[] old = slots;
        Slot[] n = Arrays.copyOf(old, old.length + 1);
        n[old.length] = s;
        slots = n;
        publishCountLocked(n.length);
    }

    private synchronized void removeSlot(Slot s) {
        Slot[] old = slots;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == s) {
                Slot[] n = new Slot[old.length - 1];
                System.arraycopy(old, 0, n, 0, i);
                System.arraycopy(old, i + 1, n, i, old.length - i - 1);
                slots = n;
                publishCountLocked(n.length);
                return;
            }
        }
    }

    private void publishCountLocked(int n) {
        SharedSubscriptionCount c = counts;
        if (c != null) {
            c.set(n);
        }
    }

    @Override
    public StateFlow<Integer> subscriptionCount() {
        return counter();
    }

    /** @return the subscription counter, created on first use */
    SharedSubscriptionCount counter() {
        SharedSubscriptionCount c = counts;
        if (c == null) {
            synchronized (this) {
                c = counts;
                if (c == null) {
                    c = new SharedSubscriptionCount(slots.length);
                    counts = c;
                }
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return "MutableStateFlow(" + value + ")";
    }

    // ------------------------------------------------------------------ slot

    /** One collector's wake-up cell: null (idle), {@link #PENDING}, or the parked thread. */
    private static final class Slot {
        private static final Object PENDING = new Object();
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Slot.class, "state", Object.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private volatile @Nullable Object state;

        /** Called by updaters: marks the slot and wakes its collector if it is parked. */
        void markPending() {
            for (;;) {
                Object s = state;
                if (s == PENDING) {
                    return;
                }
                if (STATE.compareAndSet(this, s, PENDING)) {
                    if (s instanceof Thread t) {
                        LockSupport.unpark(t);
                    }
                    return;
                }
            }
        }

        /** Called by the collector only: returns once the slot is pending, clearing the mark. */
        void awaitPending() {
            if (state == PENDING) {
                state = null; // only the collector moves the state away from PENDING
                return;
            }
            Thread me = Thread.currentThread();
            if (!STATE.compareAndSet(this, null, me)) {
                state = null; // it became PENDING in between
                return;
            }
            boolean done = false;
            try {
                for (;;) {
                    LockSupport.park(this);
                    if (state == PENDING) {
                        state = null;
                        done = true;
                        return;
                    }
                    Cancellation.check();
                }
            } finally {
                if (!done) {
                    STATE.compareAndSet(this, me, null);
                }
            }
        }
    }
}
