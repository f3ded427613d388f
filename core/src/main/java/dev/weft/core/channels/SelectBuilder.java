package dev.weft.core.channels;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * The clauses of a {@link Select#select select}: each names a channel operation and what to do
 * with its outcome. Exactly one clause is chosen; the others have no effect (an element is taken
 * from, or given to, the chosen channel only).
 *
 * <p>Clauses are added in the order the select should prefer them (see {@link Select} for the
 * fairness rule). A builder is valid only inside the lambda passed to {@code select}.
 *
 * @param <R> the result type of the select
 */
public interface SelectBuilder<R extends @Nullable Object> {

    /**
     * Adds a clause that receives from {@code channel} and passes the element to {@code handler}.
     * If the channel is closed (and drained) when this clause is chosen, the select throws what
     * {@link ReceiveChannel#receive()} would: {@link ClosedReceiveChannelException} or the close
     * cause.
     *
     * @param channel a channel made by weft
     * @param handler computes the select's result from the element; runs on the selecting thread
     * @param <E> the element type
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code channel} was not made by weft
     */
    <E> SelectBuilder<R> onReceive(ReceiveChannel<? extends E> channel, ReceiveHandler<? super E, ? extends R> handler);

    /**
     * Adds a clause that receives from {@code channel} and passes the outcome to {@code handler}:
     * a {@link ChannelResult.Success} with the element, or a {@link ChannelResult.Closed} once the
     * channel is closed and drained (a closed channel is always ready, so this clause is then
     * chosen whenever it comes first).
     *
     * @param channel a channel made by weft
     * @param handler computes the select's result from the outcome
     * @param <E> the element type
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code channel} was not made by weft
     */
    <E> SelectBuilder<R> onReceiveCatching(ReceiveChannel<E> channel, ReceiveHandler<? super ChannelResult<E>, ? extends R> handler);

    /**
     * Adds a clause that sends {@code element} to {@code channel}, then runs {@code handler}. If
     * the clause is not chosen the element is not sent. If the channel is closed when the clause is
     * chosen, the select throws what {@link SendChannel#send} would; if the channel is cancelled
     * while the select waits, the element goes to the channel's {@code onUndeliveredElement}.
     *
     * @param channel a channel made by weft
     * @param element the element to send
     * @param handler computes the select's result once the element was sent
     * @param <E> the element type
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code channel} was not made by weft
     */
    <E> SelectBuilder<R> onSend(SendChannel<E> channel, E element, Callable<? extends R> handler);

    /**
     * Adds a clause chosen when no other clause could complete within {@code timeout}, measured by
     * the selecting coroutine's dispatcher clock. A zero timeout is chosen at once if no channel
     * clause can complete immediately.
     *
     * @param timeout how long to wait, zero or more
     * @param handler computes the select's result on timeout
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    SelectBuilder<R> onTimeout(Duration timeout, Callable<? extends R> handler);

    /**
     * What a receive clause does with what it received.
     *
     * @param <T> what was received
     * @param <R> the select's result type
     */
    @FunctionalInterface
    interface ReceiveHandler<T, R extends @Nullable Object> {
        /**
         * Computes the select's result.
         *
         * @param value what the clause received
         * @return the select's result
         * @throws Exception any failure; the select rethrows it (a checked one wrapped in
         *         {@link java.util.concurrent.CompletionException})
         */
        R apply(T value) throws Exception;
    }
}
