package dev.weft.flow.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Deferred;
import dev.weft.core.Job;
import dev.weft.core.ThrowingRunnable;
import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.channels.SendChannel;
import dev.weft.core.internal.Cancellation;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ProducerScope} of a flow's producer: the channel's own producer scope, except that a
 * coroutine launched here reports its raw failure to the {@link FlowProducer} first, so that a
 * checked exception of a helper (an inner flow of {@code flatMapMerge}, a flow of {@code merge})
 * reaches the collector unwrapped, as it was thrown.
 *
 * @param <T> the element type
 */
final class FlowProducerScope<T> implements ProducerScope<T> {
    private final ProducerScope<T> delegate;
    private final FlowProducer<T> producer;

    FlowProducerScope(ProducerScope<T> delegate, FlowProducer<T> producer) {
        this.delegate = delegate;
        this.producer = producer;
    }

    @Override
    public Job launch(CoroutineContext context, ThrowingRunnable block) {
        java.util.Objects.requireNonNull(block, "block");
        return delegate.launch(context, () -> {
            try {
                block.run();
            } catch (Throwable t) {
                producer.noteFailure(t);
                throw t;
            }
        });
    }

    @Override
    public <R extends @Nullable Object> Deferred<R> async(CoroutineContext context, Callable<? extends R> block) {
        java.util.Objects.requireNonNull(block, "block");
        return delegate.async(context, () -> {
            try {
                return block.call();
            } catch (Throwable t) {
                producer.noteFailure(t);
                throw t;
            }
        });
    }

    @Override
    public SendChannel<T> channel() {
        return delegate.channel();
    }

    @Override
    public void awaitClose(ThrowingRunnable onClose) {
        delegate.awaitClose(onClose);
    }

    @Override
    public Job job() {
        return delegate.job();
    }

    @Override
    public CoroutineContext context() {
        return delegate.context();
    }

    @Override
    public void send(T element) {
        try {
            delegate.send(element);
        } catch (CancellationException e) {
            // the channel was cancelled under the producer (the consumer stopped), which may come
            // before its coroutine's own cancellation is noticed: a stop all the same
            Cancellation.noteThrownHere();
            throw e;
        }
    }

    @Override
    public ChannelResult<Void> trySend(T element) {
        return delegate.trySend(element);
    }

    @Override
    public boolean close() {
        return delegate.close();
    }

    @Override
    public boolean close(@Nullable Throwable cause) {
        return delegate.close(cause);
    }

    @Override
    public boolean isClosedForSend() {
        return delegate.isClosedForSend();
    }

    @Override
    public void invokeOnClose(Consumer<? super @Nullable Throwable> handler) {
        delegate.invokeOnClose(handler);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
