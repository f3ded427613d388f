package dev.weft.core.channels;

import java.util.Iterator;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The receiving side of a {@link Channel}. {@code for (E e : channel)} receives until the channel
 * is closed; the loop's {@code hasNext()} suspends.
 *
 * @param <E> the element type
 */
public interface ReceiveChannel<E> extends Iterable<E> {

    /**
     * Receives the next element, suspending the calling coroutine while the channel is empty.
     *
     * @return the element
     * @throws ClosedReceiveChannelException if the channel was closed normally and is drained
     * @throws RuntimeException the close cause, if closed with one (checked causes wrapped in
     *         {@link java.util.concurrent.CompletionException})
     * @throws CancellationException if the caller is cancelled while suspended
     */
    E receive();

    /**
     * Receives the next element, suspending while the channel is empty, and reports a closed
     * channel as a result instead of throwing.
     *
     * @return success with the element, or closed with the close cause
     * @throws CancellationException if the caller is cancelled while suspended
     */
    ChannelResult<E> receiveCatching();

    /**
     * Receives an element if one is available without suspending.
     *
     * @return success with the element; a failure if empty; closed if closed and drained
     */
    ChannelResult<E> tryReceive();

    /**
     * Cancels the channel: closes it and discards every buffered element, handing each to the
     * channel's {@code onUndeliveredElement} callback. Suspended senders and receivers get a
     * {@link CancellationException}.
     */
    void cancel();

    /**
     * Like {@link #cancel()}, with the given cause.
     *
     * @param cause the cancellation cause, or null
     */
    void cancel(@Nullable CancellationException cause);

    /** {@return whether the channel is closed and drained (receives fail)} */
    boolean isClosedForReceive();

    /**
     * Tells whether a receive would find nothing right now: no element is buffered and no sender
     * is suspended with one (whether or not the channel is closed). A snapshot: another coroutine
     * may change it at once.
     *
     * @return whether nothing is ready to be received
     */
    boolean isEmpty();

    /**
     * Returns an iterator whose {@code hasNext()} suspends until an element arrives or the channel
     * is closed (then false, or the close cause thrown).
     *
     * @return the iterator
     */
    @Override
    Iterator<E> iterator();
}
