package dev.weft.core.channels;

import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of an operation on a channel that does not suspend ({@link SendChannel#trySend},
 * {@link ReceiveChannel#tryReceive}) or that reports closing instead of throwing
 * ({@link ReceiveChannel#receiveCatching()}).
 *
 * @param <E> the element type ({@code Void} for send results, whose success carries no value)
 */
public sealed interface ChannelResult<E> permits ChannelResult.Success, ChannelResult.Failure, ChannelResult.Closed {

    /**
     * The operation succeeded.
     *
     * @param value the received element, or {@code null} for a successful send
     * @param <E> the element type
     */
    record Success<E>(@Nullable E value) implements ChannelResult<E> {
        @Override
        @SuppressWarnings("NullAway")
        public E getOrThrow() {
            return value;
        }
    }

    /**
     * The operation could not complete now: the buffer was full (send) or empty (receive).
     *
     * @param <E> the element type
     */
    record Failure<E>() implements ChannelResult<E> {
        @Override
        public E getOrThrow() {
            throw new NoSuchElementException("channel was empty (or full, for a send)");
        }
    }

    /**
     * The channel is closed (for send, or closed and drained for receive).
     *
     * @param cause the cause passed to {@code close(cause)} or {@code cancel}, or null after a
     *              normal {@code close()}
     * @param <E> the element type
     */
    record Closed<E>(@Nullable Throwable cause) implements ChannelResult<E> {
        @Override
        public E getOrThrow() {
            if (cause == null) {
                throw new ClosedReceiveChannelException("channel was closed");
            }
            throw dev.weft.core.internal.Exceptions.rethrow(cause);
        }
    }

    /** {@return whether the operation succeeded} */
    default boolean isSuccess() {
        return this instanceof Success;
    }

    /** {@return whether the channel was found closed} */
    default boolean isClosed() {
        return this instanceof Closed;
    }

    /** {@return the received element, or null if the operation did not succeed (or was a send)} */
    default @Nullable E getOrNull() {
        return this instanceof Success<E> s ? s.value() : null;
    }

    /**
     * Returns the received element.
     *
     * @return the element
     * @throws NoSuchElementException if the operation failed (buffer empty)
     * @throws ClosedReceiveChannelException if the channel was closed normally
     * @throws RuntimeException the close cause, if unchecked; a checked cause is wrapped in
     *         {@link java.util.concurrent.CompletionException}
     */
    E getOrThrow();
}
