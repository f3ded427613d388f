package dev.weft.flow.reactive.internal;

import org.jspecify.annotations.Nullable;

/**
 * The queue between a Publisher's signalling thread (the only producer) and the collecting
 * coroutine (the only consumer).
 *
 * @param <E> the element type
 */
abstract class SignalQueue<E> {

    /**
     * Adds {@code e}; called by the producer only.
     *
     * @return false if the queue had no room (the element was not added)
     */
    abstract boolean offer(E e);

    /** Removes the head; called by the consumer only. */
    abstract @Nullable E poll();

    /**
     * Tells whether the consumer would find nothing; called by the consumer only. The read has
     * volatile semantics so that it may follow the publication of a parked waiter.
     */
    abstract boolean isEmpty();
}
