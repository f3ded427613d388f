package dev.weft.flow.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.Job;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.channels.ReceiveChannel;
import dev.weft.core.channels.internal.ProducerScopeImpl;
import dev.weft.core.internal.Cancellation;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The producer side of every channel-based flow: a coroutine that runs a body against a
 * {@link ProducerScope} and closes the channel when the body and the helpers it launched have
 * ended, with the body's failure, raw (a checked exception is not wrapped), if it failed. The
 * consumer side reads the channel; {@link #unwrap} turns the wrapped form the channel's receive
 * throws back into the raw failure, so a failure crosses the boundary unchanged.
 *
 * <p>As a {@link ReceiveChannel} (for {@code produceIn}), {@link #cancel()} cancels the producer
 * coroutine as well as the channel.
 *
 * @param <T> the element type
 */
public final class FlowProducer<T> implements ReceiveChannel<T> {

    /** The body of a producer. */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * Sends the elements.
         *
         * @param scope the producer's scope and channel
         * @throws Exception a failure; it closes the channel with it
         */
        void produce(ProducerScope<T> scope) throws Exception;
    }

    private final Channel<T> channel;
    private final Job job;
    private volatile @Nullable Throwable failure;
    /** A failure raised while the producer was being cancelled; see {@link #cleanupFailure()}. */
    private volatile @Nullable Throwable cleanupFailure;
    /** Raw failures of the helpers launched in the producer's scope (see FlowProducerScope). */
    private final java.util.List<Throwable> helperFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

    private FlowProducer(Channel<T> channel, CoroutineScope scope, @Nullable Dispatcher dispatcher, Body<T> body,
                         boolean failScope) {
        this.channel = channel;
        this.job = scope.launch(dispatcher == null ? CoroutineContext.empty() : dispatcher,
                () -> run(body, failScope));
        // closes the channel also if the body never ran (the scope was already cancelled)
        job.invokeOnCompletion(channel::close);
    }

    /**
     * Launches a producer coroutine in {@code scope}.
     *
     * @param channel   the channel to fill
     * @param dispatcher where the producer runs; null for {@code scope}'s dispatcher
     * @param failScope whether a failure also fails the producer coroutine (and so {@code scope}),
     *                  as for {@code produceIn}; the flows' own producers only close the channel
     *                  with it and let the consumer rethrow it
     */
    public static <T> FlowProducer<T> launch(Channel<T> channel, CoroutineScope scope, @Nullable Dispatcher dispatcher,
                                             Body<T> body, boolean failScope) {
        return new FlowProducer<>(channel, scope, dispatcher, body, failScope);
    }

    private void run(Body<T> body, boolean failScope) throws Exception {
        Throwable[] raw = new Throwable[1];
        try {
            Coroutines.coroutineScope(s -> {
                try {
                    body.produce(new FlowProducerScope<>(new ProducerScopeImpl<>(s, channel), this));
                } catch (Throwable t) {
                    raw[0] = t;
                    throw t;
                }
                return null;
            });
        } catch (Throwable t) {
            Throwable cause = t;
            if (t instanceof CompletionException && t.getCause() != null
                    && (t.getCause() == raw[0] || helperFailures.contains(t.getCause()))) {
                cause = t.getCause(); // the scope wrapped a checked failure: hand on the original
            }
            failure = cause;
            if (!(cause instanceof CancellationException) && Cancellation.wasStoppedFromOutside()) {
                cleanupFailure = cause; // it replaced the cancellation on the way out: a cleanup's
            }
            channel.close(cause);
            if (failScope && !(cause instanceof CancellationException)) {
                throw Throwables.asException(cause);
            }
            return;
        }
        channel.close();
    }

    /**
     * Once the producer has ended: the failure it raised after a cancellation had been thrown into
     * it at a suspension point (its cleanup threw while it was stopping), raw; null if none. A
     * failure raised without that, even after the consumer stopped, is the producer's own and is
     * not one.
     *
     * @return the cleanup failure, or null
     */
    @Nullable Throwable cleanupFailure() {
        return cleanupFailure;
    }

    /** Records the raw failure of a helper coroutine of the producer. */
    void noteFailure(Throwable t) {
        helperFailures.add(t);
    }

    /**
     * Returns the raw failure behind {@code e}, an exception thrown by a receive from this
     * producer's channel: the channel wraps a checked close cause in {@link CompletionException}.
     */
    Throwable unwrap(Throwable e) {
        Throwable f = failure;
        if (f != null && e instanceof CompletionException && e.getCause() == f) {
            return f;
        }
        return e;
    }

    /** Cancels the producer coroutine and discards what its channel holds. */
    @Override
    public void cancel() {
        job.cancel();
        channel.cancel();
    }

    @Override
    public void cancel(@Nullable CancellationException cause) {
        job.cancel();
        channel.cancel(cause);
    }

    /** @return the producer coroutine's job */
    public Job job() {
        return job;
    }

    // ---------------------------------------------------------------- ReceiveChannel

    @Override
    public T receive() {
        return channel.receive();
    }

    @Override
    public ChannelResult<T> receiveCatching() {
        return channel.receiveCatching();
    }

    @Override
    public ChannelResult<T> tryReceive() {
        return channel.tryReceive();
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
    public Iterator<T> iterator() {
        return channel.iterator();
    }

    @Override
    public String toString() {
        return "FlowProducer(" + channel + ", " + job + ")";
    }
}
