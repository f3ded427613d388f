package dev.weft.core.channels;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A queue between coroutines whose {@code send} and {@code receive} suspend instead of blocking.
 *
 * <p><b>Kinds.</b> {@link #rendezvous()} has no buffer: each {@code send} waits for a
 * {@code receive} and hands the element over directly. {@link #buffered(int)} holds up to
 * {@code capacity} elements; what a sender does when it is full is the {@link BufferOverflow}
 * policy. {@link #unlimited()} never makes a sender wait. {@link #conflated()} keeps only the most
 * recent element. Elements are received in the order they were sent (FIFO); suspended senders and
 * receivers are served in the order they suspended.
 *
 * <p><b>Dispatcher:</b> a channel has no thread of its own; a suspended {@code send} or
 * {@code receive} parks the calling coroutine's virtual thread, and the peer that completes it
 * makes it runnable again on its own dispatcher. Called from a platform thread, they block it.
 *
 * <p><b>Buffering:</b> as chosen at creation; a parked receiver is woken once when the buffer
 * goes from empty to non-empty (it then takes what accumulated without being woken again), and a
 * parked sender once when a slot frees.
 *
 * <p><b>Cancellation:</b> a suspended {@code send} or {@code receive} throws
 * {@link java.util.concurrent.CancellationException} when its coroutine is cancelled. Either the
 * element was delivered (the send returns normally, and the cancellation is seen at the next
 * suspension point) or it was not (the send throws and the element goes to
 * {@code onUndeliveredElement}): never both, never lost. A call that completes without suspending
 * does not check for cancellation.
 *
 * <p><b>Closing.</b> {@link #close()} is the normal end: receivers take what was sent before it
 * (buffered elements and senders already suspended), then see the close. {@link #cancel()}
 * discards the buffer and hands each discarded element to {@code onUndeliveredElement}.
 *
 * @param <E> the element type; {@code null} is never an element
 */
public interface Channel<E> extends SendChannel<E>, ReceiveChannel<E> {
    /** Capacity of a channel without buffer: each send waits for a receiver. */
    int RENDEZVOUS = 0;
    /** Capacity value of a conflated channel: keeps only the latest element. */
    int CONFLATED = -1;
    /** Capacity value meaning "the default buffer size", {@value #DEFAULT_BUFFER_SIZE}. */
    int BUFFERED = -2;
    /** Capacity of an unbounded channel. */
    int UNLIMITED = Integer.MAX_VALUE;
    /** The size that {@link #BUFFERED} stands for. */
    int DEFAULT_BUFFER_SIZE = 64;

    /**
     * Creates a channel without buffer: each send waits until a receiver takes the element.
     *
     * @param <E> the element type
     * @return a rendezvous channel
     */
    static <E> Channel<E> rendezvous() {
        return of(RENDEZVOUS, BufferOverflow.SUSPEND, null);
    }

    /**
     * Creates a channel that buffers up to {@code capacity} elements; senders suspend while it is
     * full. {@code buffered(0)} is a rendezvous channel; the constants {@link #BUFFERED},
     * {@link #CONFLATED} and {@link #UNLIMITED} are accepted as in {@link #of}.
     *
     * @param capacity the buffer size
     * @param <E> the element type
     * @return the channel
     * @throws IllegalArgumentException if {@code capacity} is below {@link #BUFFERED}
     */
    static <E> Channel<E> buffered(int capacity) {
        return of(capacity, BufferOverflow.SUSPEND, null);
    }

    /**
     * Creates a channel that buffers up to {@code capacity} elements and applies {@code overflow}
     * when it is full; see {@link #of} for how the capacity constants combine with the policy.
     *
     * @param capacity the buffer size
     * @param overflow what a sender does when the buffer is full
     * @param <E> the element type
     * @return the channel
     * @throws NullPointerException if {@code overflow} is null
     * @throws IllegalArgumentException if the combination is invalid (see {@link #of})
     */
    static <E> Channel<E> buffered(int capacity, BufferOverflow overflow) {
        return of(capacity, overflow, null);
    }

    /**
     * Creates a channel whose buffer grows as needed: senders never suspend. Memory is the limit;
     * prefer a bounded channel unless the producer is known to be bounded.
     *
     * @param <E> the element type
     * @return an unbounded channel
     */
    static <E> Channel<E> unlimited() {
        return of(UNLIMITED, BufferOverflow.SUSPEND, null);
    }

    /**
     * Creates a channel that keeps only the latest element: a send replaces an element not yet
     * received (the replaced one goes to {@code onUndeliveredElement}) and never suspends. The same
     * as {@code buffered(1, BufferOverflow.DROP_OLDEST)}.
     *
     * @param <E> the element type
     * @return a conflated channel
     */
    static <E> Channel<E> conflated() {
        return of(CONFLATED, BufferOverflow.SUSPEND, null);
    }

    /**
     * The general factory.
     *
     * <p>How {@code capacity} combines with {@code overflow}:
     * <ul>
     * <li>{@link #RENDEZVOUS} with {@link BufferOverflow#SUSPEND}: a rendezvous channel. With a drop
     *     policy a send must never wait, so the channel gets a one-slot buffer with that policy
     *     ({@code DROP_OLDEST} then behaves like {@link #conflated()}), as kotlinx.coroutines does.</li>
     * <li>{@link #CONFLATED}: only with {@code SUSPEND} (the default); a conflated channel is
     *     {@code buffered(1, DROP_OLDEST)}, any other policy is rejected.</li>
     * <li>{@link #BUFFERED}: {@value #DEFAULT_BUFFER_SIZE} elements with the given policy.</li>
     * <li>{@link #UNLIMITED}: never full, so the policy never applies.</li>
     * <li>any other {@code capacity >= 1}: that many elements with the given policy.</li>
     * </ul>
     *
     * <p>{@code onUndeliveredElement} is not called for a send that fails because the channel is
     * already closed: that send throws (or {@code trySend} reports the close) and the caller still
     * owns its element.
     *
     * <p>{@code onUndeliveredElement} runs on the thread that discards the element, outside the
     * channel's lock; it must be fast and must not suspend. If it throws, the exception surfaces
     * from the call that discarded the element ({@code cancel}, a dropping {@code send}) after
     * every element of that call was handed over, or, for a send cancelled while suspended, as a
     * suppressed exception of its {@link java.util.concurrent.CancellationException}.
     *
     * @param capacity a size >= 0, or RENDEZVOUS, CONFLATED, BUFFERED, UNLIMITED
     * @param overflow what a sender does when the buffer is full
     * @param onUndeliveredElement receives each element that was sent but will never be received
     *                             (discarded by cancel, dropped by an overflow policy, or whose
     *                             send was cancelled), or null
     * @param <E> the element type
     * @return the channel
     * @throws NullPointerException if {@code overflow} is null
     * @throws IllegalArgumentException if {@code capacity} is negative and not one of the
     *         constants, or {@code CONFLATED} is combined with a policy other than {@code SUSPEND}
     */
    static <E> Channel<E> of(int capacity, BufferOverflow overflow, @Nullable Consumer<? super E> onUndeliveredElement) {
        return dev.weft.core.channels.internal.ChannelImpl.create(capacity, overflow, onUndeliveredElement);
    }
}
