package dev.weft.core.channels;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A queue between coroutines whose {@code send} and {@code receive} suspend instead of blocking.
 * (CONTRACT FIXED FOR THE PARALLEL WORK; factories implemented on the channels branch.)
 *
 * @param <E> the element type
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

    /** @return a rendezvous channel */
    static <E> Channel<E> rendezvous() {
        return of(RENDEZVOUS, BufferOverflow.SUSPEND, null);
    }

    /** @return a channel buffering up to {@code capacity} elements; senders suspend when full */
    static <E> Channel<E> buffered(int capacity) {
        return of(capacity, BufferOverflow.SUSPEND, null);
    }

    /** @return a channel buffering up to {@code capacity} elements with the given overflow policy */
    static <E> Channel<E> buffered(int capacity, BufferOverflow overflow) {
        return of(capacity, overflow, null);
    }

    /** @return an unbounded channel */
    static <E> Channel<E> unlimited() {
        return of(UNLIMITED, BufferOverflow.SUSPEND, null);
    }

    /** @return a conflated channel */
    static <E> Channel<E> conflated() {
        return of(CONFLATED, BufferOverflow.SUSPEND, null);
    }

    /**
     * The general factory.
     *
     * @param capacity a size >= 0, or RENDEZVOUS, CONFLATED, BUFFERED, UNLIMITED
     * @param overflow what a sender does when the buffer is full
     * @param onUndeliveredElement receives each element that was sent but will never be received
     *                             (discarded by cancel, dropped by an overflow policy, or whose
     *                             send was cancelled), or null
     */
    static <E> Channel<E> of(int capacity, BufferOverflow overflow, @Nullable Consumer<? super E> onUndeliveredElement) {
        throw new UnsupportedOperationException("channels: implementation pending on the channels branch");
    }
}
