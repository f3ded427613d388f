package dev.weft.core.channels;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The sending side of a {@link Channel}.
 *
 * @param <E> the element type
 */
public interface SendChannel<E> {

    /**
     * Sends {@code element}, suspending the calling coroutine while the buffer is full (or, for a
     * rendezvous channel, until a receiver takes it).
     *
     * <p><b>Cancellation</b>: if the caller is cancelled while suspended, throws
     * {@link java.util.concurrent.CancellationException}; the element was then not delivered and
     * is handed to the channel's {@code onUndeliveredElement} callback, if any.
     *
     * @param element the element, not null
     * @throws NullPointerException if {@code element} is null
     * @throws ClosedSendChannelException if the channel was closed normally
     * @throws RuntimeException the close cause, if the channel was closed with one (a checked cause
     *         is wrapped in {@link java.util.concurrent.CompletionException})
     */
    void send(E element);

    /**
     * Sends {@code element} if that is possible without suspending.
     *
     * @param element the element, not null
     * @return success; a failure if the buffer is full; closed if the channel is closed
     * @throws NullPointerException if {@code element} is null
     */
    ChannelResult<Void> trySend(E element);

    /**
     * Closes the channel normally: further sends fail; receivers take the buffered elements, then
     * see the close.
     *
     * @return true if this call closed the channel, false if it was already closed
     */
    boolean close();

    /**
     * Closes the channel with a failure: receivers take the buffered elements, then get
     * {@code cause}.
     *
     * @param cause the failure, or null for a normal close
     * @return true if this call closed the channel, false if it was already closed
     */
    boolean close(@Nullable Throwable cause);

    /** {@return whether the channel was closed (sends fail)} */
    boolean isClosedForSend();

    /**
     * Registers a handler that runs once when the channel is closed or cancelled, with the cause
     * (null for a normal close); at once if it is already closed. At most one handler per channel.
     *
     * @param handler the handler
     * @throws NullPointerException if {@code handler} is null
     * @throws IllegalStateException if a handler was already registered
     */
    void invokeOnClose(Consumer<? super @Nullable Throwable> handler);
}
