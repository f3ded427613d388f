package dev.weft.core.channels.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Job;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.channels.ReceiveChannel;
import dev.weft.core.internal.Cancellation;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * A producer coroutine tied to the channel it fills, as its receiving side: what
 * {@code Channels.produce} returns, and what every channel-based flow ({@code channelFlow},
 * {@code buffer}, {@code flowOn}, {@code produceIn}, {@code combine}...) reads from. The producer
 * runs its block in the one producer scope ({@link ProducerScopeImpl#run}) and closes the channel
 * when the block and its helpers have ended: with their failure, raw, if they failed.
 * {@link #cancel()} cancels the producer as well as the channel.
 *
 * @param <E> the element type
 */
public final class ProducerChannel<E> implements ReceiveChannel<E> {
    final ChannelImpl<E> channel;
    private final Job producer;
    private volatile @Nullable Throwable failure;
    /** A failure raised while the producer was being cancelled; see {@link #cleanupFailure()}. */
    private volatile @Nullable Throwable cleanupFailure;

    private ProducerChannel(ChannelImpl<E> channel, CoroutineScope scope, CoroutineContext context,
                            ProducerBlock<E> block, boolean failScope) {
        this.channel = channel;
        this.producer = scope.launch(context, () -> run(block, failScope));
        // closes the channel also if the producer never ran (its scope was already cancelled) or a
        // helper failed after the block returned: with the job's failure or cancellation
        producer.invokeOnCompletion(channel::close);
    }

    /**
     * {@code Channels.produce}: launches the producer in {@code scope}, its failure failing the
     * producer coroutine (and so {@code scope}) too.
     *
     * @see dev.weft.core.channels.Channels#produce(CoroutineScope, int, BufferOverflow, ProducerBlock)
     */
    public static <E> ReceiveChannel<E> produce(CoroutineScope scope, int capacity, BufferOverflow overflow,
                                                ProducerBlock<E> block) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(block, "block");
        return new ProducerChannel<>(ChannelImpl.create(capacity, overflow, null), scope, CoroutineContext.empty(),
                block, true);
    }

    /**
     * Launches a producer coroutine in {@code scope} that fills {@code channel}.
     *
     * @param channel   the channel to fill; a weft channel
     * @param scope     where the producer coroutine runs
     * @param context   added to the producer coroutine's context (a dispatcher), or empty
     * @param block     the producer
     * @param failScope whether a failure also fails the producer coroutine (and so {@code scope}),
     *                  as for {@code produce} and {@code produceIn}; a flow's own producer only
     *                  closes the channel with it and lets the consumer rethrow it
     * @param <E>       the element type
     * @return the receiving side
     * @throws IllegalArgumentException if {@code channel} was not made by weft
     */
    @SuppressWarnings("unchecked")
    public static <E> ProducerChannel<E> launch(Channel<E> channel, CoroutineScope scope, CoroutineContext context,
                                                ProducerBlock<E> block, boolean failScope) {
        return new ProducerChannel<>((ChannelImpl<E>) ChannelImpl.of(Objects.requireNonNull(channel, "channel")),
                Objects.requireNonNull(scope, "scope"), Objects.requireNonNull(context, "context"),
                Objects.requireNonNull(block, "block"), failScope);
    }

    private void run(ProducerBlock<E> block, boolean failScope) throws Exception {
        Throwable cause = ProducerScopeImpl.run(channel, block);
        if (cause == null) {
            channel.close(); // the block and every helper it launched have ended
            return;
        }
        failure = cause;
        if (!(cause instanceof CancellationException) && Cancellation.wasStoppedFromOutside()) {
            cleanupFailure = cause; // it replaced the cancellation on the way out: a cleanup's
        }
        channel.close(cause); // receivers drain what was sent, then get the failure itself
        if (failScope) {
            if (cause instanceof Exception e) {
                throw e;
            }
            if (cause instanceof Error e) {
                throw e;
            }
            throw new CompletionException(cause);
        }
    }

    /**
     * Once the producer has ended: the failure it raised after a cancellation had been thrown into
     * it at a suspension point (its cleanup threw while it was stopping), raw; null if none. A
     * failure raised without that, even after the consumer stopped, is the producer's own and is
     * not one.
     *
     * @return the cleanup failure, or null
     */
    public @Nullable Throwable cleanupFailure() {
        return cleanupFailure;
    }

    /**
     * Returns the raw failure behind {@code e}, an exception thrown by a receive from this channel:
     * the channel rethrows a checked close cause wrapped in {@link CompletionException}.
     *
     * @param e what a receive threw
     * @return the producer's raw failure if {@code e} wraps it, else {@code e}
     */
    public Throwable unwrap(Throwable e) {
        Throwable f = failure;
        if (f != null && e instanceof CompletionException && e.getCause() == f) {
            return f;
        }
        return e;
    }

    /** @return the producer coroutine's job */
    public Job job() {
        return producer;
    }

    @Override
    public E receive() {
        return channel.receive();
    }

    @Override
    public ChannelResult<E> receiveCatching() {
        return channel.receiveCatching();
    }

    @Override
    public ChannelResult<E> tryReceive() {
        return channel.tryReceive();
    }

    @Override
    public void cancel() {
        cancel(null);
    }

    @Override
    public void cancel(@Nullable CancellationException cause) {
        // the producer first: by the time the channel reports the cancellation to a producer
        // waiting in awaitClose, that producer already knows it is cancelled
        producer.cancel();
        channel.cancel(cause);
    }

    @Override
    public boolean isClosedForReceive() {
        return channel.isClosedForReceive();
    }

    @Override
    public boolean isEmpty() {
        return channel.isEmpty();
    }

    @Override
    public Iterator<E> iterator() {
        return channel.iterator();
    }

    @Override
    public String toString() {
        return "produce(" + channel + ", " + producer + ")";
    }
}
