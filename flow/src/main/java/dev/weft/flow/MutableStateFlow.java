package dev.weft.flow;

import dev.weft.flow.internal.StateFlowImpl;
import dev.weft.flow.internal.StateFlowView;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A {@link StateFlow} whose value can be set: a thread-safe, observable variable.
 *
 * <p>Setting a value {@linkplain Object#equals(Object) equal} to the current one changes nothing
 * (the current object is kept and collectors are not woken). {@link #compareAndSet} compares by
 * {@code equals} too, and {@link #update}, {@link #updateAndGet} and {@link #getAndUpdate} retry a
 * pure function until it applies atomically, so concurrent updates are never lost.
 *
 * <p>As a {@link MutableSharedFlow}, {@link #emit(Object)} and {@link #tryEmit(Object)} set the
 * value (and never suspend); {@link #resetReplayCache()} is not supported.
 *
 * <p><b>Dispatcher:</b> all methods run on the caller, from a coroutine or from any plain thread;
 * they never suspend. <b>Buffering:</b> conflated, see {@link StateFlow}. <b>Cancellation:</b>
 * updates are not suspension points and do not observe cancellation, except {@link #emit(Object)},
 * which throws {@link java.util.concurrent.CancellationException} if the caller is cancelled.
 *
 * @param <T> the value type
 */
public interface MutableStateFlow<T> extends StateFlow<T>, MutableSharedFlow<T> {

    /**
     * Sets the value. Does nothing if {@code value} equals the current value; otherwise wakes
     * collectors, which will receive the latest value.
     *
     * @param value the new value
     * @throws NullPointerException if {@code value} is null
     */
    void setValue(T value);

    /**
     * Atomically sets the value to {@code update} if the current value equals {@code expect}.
     * Succeeds without changing anything if the current value equals both.
     *
     * @param expect the value expected to be current
     * @param update the new value
     * @return whether the current value was equal to {@code expect}
     * @throws NullPointerException if an argument is null
     */
    boolean compareAndSet(T expect, T update);

    /**
     * Atomically replaces the value with {@code function.apply(current)}. The function may be
     * called several times under contention, so it must be free of side effects.
     *
     * @param function computes the new value from the current one; must not return null
     * @throws NullPointerException if {@code function} is null or returns null
     */
    default void update(UnaryOperator<T> function) {
        updateAndGet(function);
    }

    /**
     * Like {@link #update(UnaryOperator)}, returning the new value.
     *
     * @param function computes the new value from the current one; must not return null
     * @return the value the function returned on the attempt that applied
     * @throws NullPointerException if {@code function} is null or returns null
     */
    default T updateAndGet(UnaryOperator<T> function) {
        Objects.requireNonNull(function, "function");
        for (;;) {
            T current = value();
            T next = Objects.requireNonNull(function.apply(current), "function returned null");
            if (compareAndSet(current, next)) {
                return next;
            }
        }
    }

    /**
     * Like {@link #update(UnaryOperator)}, returning the value it replaced.
     *
     * @param function computes the new value from the current one; must not return null
     * @return the value current on the attempt that applied
     * @throws NullPointerException if {@code function} is null or returns null
     */
    default T getAndUpdate(UnaryOperator<T> function) {
        Objects.requireNonNull(function, "function");
        for (;;) {
            T current = value();
            T next = Objects.requireNonNull(function.apply(current), "function returned null");
            if (compareAndSet(current, next)) {
                return current;
            }
        }
    }

    /**
     * Sets the value; never suspends. Equivalent to {@link #setValue(Object)} after a cancellation
     * check.
     *
     * @param value the new value
     * @throws NullPointerException if {@code value} is null
     * @throws java.util.concurrent.CancellationException if the caller is cancelled
     */
    @Override
    void emit(T value);

    /**
     * Sets the value, like {@link #setValue(Object)}.
     *
     * @param value the new value
     * @return always {@code true}
     * @throws NullPointerException if {@code value} is null
     */
    @Override
    boolean tryEmit(T value);

    /**
     * Not supported: a state flow always has a value.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    void resetReplayCache();

    /**
     * Returns a read-only view of this flow, to hand out without exposing the setters.
     *
     * @return a {@link StateFlow} backed by this flow
     */
    default StateFlow<T> asStateFlow() {
        return new StateFlowView<>(this);
    }

    /**
     * Creates a state flow holding {@code initial}.
     *
     * @param initial the initial value
     * @param <T> the value type
     * @return a new state flow
     * @throws NullPointerException if {@code initial} is null
     */
    static <T> MutableStateFlow<T> create(T initial) {
        return new StateFlowImpl<>(initial);
    }
}
