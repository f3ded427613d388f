package dev.weft.flow;

import dev.weft.core.channels.BufferOverflow;
import dev.weft.flow.internal.SharedFlowImpl;
import dev.weft.flow.internal.SharedFlowView;

/**
 * A {@link SharedFlow} whose elements are emitted by calling {@link #emit(Object)} or
 * {@link #tryEmit(Object)}, from coroutines or from plain threads. It is also a
 * {@link FlowCollector}, so a cold flow can be collected into it.
 *
 * <p><b>Buffering:</b> the flow keeps up to {@code replay + extraBufferCapacity} elements. The
 * last {@code replay} of them are the replay cache that new collectors receive first; the rest
 * are elements that some collector has not taken yet. When a collector is slow and this buffer is
 * full, the overflow policy applies: {@link BufferOverflow#SUSPEND} makes {@link #emit(Object)}
 * suspend until the slowest collector has taken an element (backpressure), while
 * {@link BufferOverflow#DROP_OLDEST} drops the oldest buffered element (slow collectors skip it)
 * and {@link BufferOverflow#DROP_LATEST} drops the new one; neither ever suspends. With no
 * collectors, emitting never suspends: the element goes into the replay cache (if {@code replay
 * > 0}) and is otherwise lost. With {@code replay = 0, extraBufferCapacity = 0} (the
 * {@link #create()} default), {@code emit} returns once every collector has taken the element.
 *
 * <p><b>Dispatcher:</b> {@code emit} and {@code tryEmit} run on the caller; collectors receive on
 * their own coroutines. <b>Cancellation:</b> an {@code emit} suspended for buffer space throws
 * {@link java.util.concurrent.CancellationException} when its caller is cancelled, and its element
 * is withdrawn (with no buffer at all, collectors that had already taken it keep it).
 *
 * <p>Thread-safe: any number of threads may emit and collect concurrently. Elements are never
 * {@code null}.
 *
 * @param <T> the element type
 */
public interface MutableSharedFlow<T> extends SharedFlow<T>, FlowCollector<T> {

    /**
     * Emits {@code value} to the current collectors, suspending while the buffer is full if the
     * overflow policy is {@link BufferOverflow#SUSPEND}.
     *
     * <p><b>Cancellation:</b> a suspension point: throws
     * {@link java.util.concurrent.CancellationException} if the caller is cancelled on entry or
     * while suspended (the element is then withdrawn, see the class notes).
     *
     * @param value the element
     * @throws NullPointerException if {@code value} is null
     */
    @Override
    void emit(T value);

    /**
     * Emits {@code value} without suspending, if possible.
     *
     * @param value the element
     * @return {@code true} if the element was emitted (or dropped as the overflow policy
     *         {@code DROP_OLDEST}/{@code DROP_LATEST} prescribes), {@code false} if emitting would
     *         have to suspend ({@code SUSPEND} policy with a full buffer); never {@code false}
     *         with another policy or without collectors
     * @throws NullPointerException if {@code value} is null
     */
    boolean tryEmit(T value);

    /**
     * Clears the replay cache: new collectors no longer receive the elements emitted so far.
     * Elements that current collectors have not taken yet stay buffered for them.
     */
    void resetReplayCache();

    /**
     * Returns a read-only view of this flow, to hand out without exposing {@code emit}.
     *
     * @return a {@link SharedFlow} backed by this flow
     */
    default SharedFlow<T> asSharedFlow() {
        return new SharedFlowView<>(this);
    }

    /**
     * Creates a shared flow with no replay and no buffer: {@link #emit(Object)} returns once every
     * collector has taken the element (and at once when there is none).
     *
     * @param <T> the element type
     * @return a new shared flow
     */
    static <T> MutableSharedFlow<T> create() {
        return new SharedFlowImpl<>(0, 0, BufferOverflow.SUSPEND);
    }

    /**
     * Creates a shared flow that replays the last {@code replay} elements to new collectors, with
     * no extra buffer and the {@link BufferOverflow#SUSPEND} policy.
     *
     * @param replay how many elements new collectors receive first
     * @param <T> the element type
     * @return a new shared flow
     * @throws IllegalArgumentException if {@code replay} is negative
     */
    static <T> MutableSharedFlow<T> create(int replay) {
        return new SharedFlowImpl<>(replay, 0, BufferOverflow.SUSPEND);
    }

    /**
     * Creates a shared flow.
     *
     * @param replay how many elements new collectors receive first
     * @param extraBufferCapacity how many elements, beyond {@code replay}, may wait for slow
     *        collectors before the overflow policy applies; {@code replay + extraBufferCapacity}
     *        beyond {@link Integer#MAX_VALUE} means unbounded
     * @param overflow what happens when the buffer is full and a collector is slow
     * @param <T> the element type
     * @return a new shared flow
     * @throws IllegalArgumentException if {@code replay} or {@code extraBufferCapacity} is
     *         negative, or if {@code overflow} is not {@code SUSPEND} while
     *         {@code replay + extraBufferCapacity} is zero (there would be nothing to drop)
     * @throws NullPointerException if {@code overflow} is null
     */
    static <T> MutableSharedFlow<T> create(int replay, int extraBufferCapacity, BufferOverflow overflow) {
        return new SharedFlowImpl<>(replay, extraBufferCapacity, overflow);
    }
}
