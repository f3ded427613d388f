package dev.weft.core.channels;

import dev.weft.core.CoroutineScope;

/** Channel builders. */
public final class Channels {
    private Channels() {
    }

    /**
     * Launches a producer coroutine in {@code scope} that sends to a new rendezvous channel and
     * returns the receiving side.
     *
     * <p>The producer is a child of {@code scope} (structured concurrency: the scope waits for it,
     * and its failure fails the scope like any child's). Its block sees a {@link ProducerScope}:
     * coroutines it launches there are its children. The channel closes when the block and those
     * children have ended; if the block throws, the channel is closed with that exception, so
     * receivers take what was sent and then get it.
     *
     * <p><b>Dispatcher:</b> the producer runs on {@code scope}'s dispatcher.
     * <b>Buffering:</b> none (rendezvous): each send waits for a receive.
     * <b>Cancellation:</b> cancelling the returned channel cancels the producer (its pending send
     * throws {@link java.util.concurrent.CancellationException}); cancelling the producer or its
     * scope closes the channel with the cancellation, seen by receivers after the elements already
     * sent. If {@code scope} is already cancelled the block never runs and the channel is closed.
     *
     * @param scope where the producer coroutine runs
     * @param block the producer's body
     * @param <E> the element type
     * @return the receiving side of the producer's channel
     * @throws NullPointerException if an argument is null
     */
    public static <E> ReceiveChannel<E> produce(CoroutineScope scope, ProducerBlock<E> block) {
        return produce(scope, Channel.RENDEZVOUS, block);
    }

    /**
     * Like {@link #produce(CoroutineScope, ProducerBlock)} with a channel of {@code capacity}
     * (a size, or one of the constants of {@link Channel}; full buffers suspend the producer).
     *
     * @param scope where the producer coroutine runs
     * @param capacity the channel's capacity, as in {@link Channel#buffered(int)}
     * @param block the producer's body
     * @param <E> the element type
     * @return the receiving side of the producer's channel
     * @throws NullPointerException if {@code scope} or {@code block} is null
     * @throws IllegalArgumentException if {@code capacity} is invalid
     */
    public static <E> ReceiveChannel<E> produce(CoroutineScope scope, int capacity, ProducerBlock<E> block) {
        return produce(scope, capacity, BufferOverflow.SUSPEND, block);
    }

    /**
     * Like {@link #produce(CoroutineScope, int, ProducerBlock)}, with the channel's overflow policy:
     * with {@link BufferOverflow#DROP_OLDEST} or {@link BufferOverflow#DROP_LATEST} the producer
     * never suspends and a full buffer drops elements (what a {@code buffer(n, policy)} or
     * {@code conflate} boundary needs).
     *
     * @param scope where the producer coroutine runs
     * @param capacity the channel's capacity, as in {@link Channel#of}
     * @param overflow what a send does when the buffer is full
     * @param block the producer's body
     * @param <E> the element type
     * @return the receiving side of the producer's channel
     * @throws NullPointerException if {@code scope}, {@code overflow} or {@code block} is null
     * @throws IllegalArgumentException if the capacity/overflow combination is invalid
     */
    public static <E> ReceiveChannel<E> produce(CoroutineScope scope, int capacity, BufferOverflow overflow,
                                                ProducerBlock<E> block) {
        return dev.weft.core.channels.internal.ProducerChannel.produce(scope, capacity, overflow, block);
    }
}
