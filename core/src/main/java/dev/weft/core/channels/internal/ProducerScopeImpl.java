package dev.weft.core.channels.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Job;
import dev.weft.core.ThrowingRunnable;
import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.channels.SendChannel;
import dev.weft.core.internal.Cancellation;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What a producer block sees: the scope it runs in (helpers launched here are the producer's
 * children) and the channel it sends to.
 *
 * @param <E> the element type
 */
public final class ProducerScopeImpl<E> implements ProducerScope<E> {
    private final CoroutineScope scope;
    private final ChannelImpl<E> channel;

    /**
     * @param scope   the producer's own scope
     * @param channel the channel it sends to; must be a weft channel
     * @throws IllegalArgumentException if {@code channel} was not made by weft
     */
    @SuppressWarnings("unchecked")
    public ProducerScopeImpl(CoroutineScope scope, SendChannel<E> channel) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.channel = (ChannelImpl<E>) ChannelImpl.of(Objects.requireNonNull(channel, "channel"));
    }

    @Override
    public SendChannel<E> channel() {
        return channel;
    }

    @Override
    public void awaitClose(ThrowingRunnable onClose) {
        Objects.requireNonNull(onClose, "onClose");
        CancellationException cancelled = null;
        try {
            channel.awaitClosed();
        } catch (CancellationException ce) {
            cancelled = ce;
        }
        try {
            Coroutines.nonCancellable(() -> {
                onClose.run();
                return null;
            });
        } catch (RuntimeException | Error e) {
            if (cancelled != null) {
                e.addSuppressed(cancelled);
            }
            throw e;
        }
        if (cancelled != null) {
            throw cancelled;
        }
        // woken by the close, but the producer may have been cancelled too (a consumer's cancel
        // does both): then the code after awaitClose must not run
        Cancellation.check();
    }

    // ---------------------------------------------------------------- CoroutineScope

    @Override
    public Job job() {
        return scope.job();
    }

    @Override
    public CoroutineContext context() {
        return scope.context();
    }

    @Override
    public Job launch(CoroutineContext context, ThrowingRunnable block) {
        return scope.launch(context, block);
    }

    @Override
    public <T extends @Nullable Object> Deferred<T> async(CoroutineContext context, Callable<? extends T> block) {
        return scope.async(context, block);
    }

    // ---------------------------------------------------------------- SendChannel

    @Override
    public void send(E element) {
        channel.send(element);
    }

    @Override
    public ChannelResult<Void> trySend(E element) {
        return channel.trySend(element);
    }

    @Override
    public boolean close() {
        return channel.close();
    }

    @Override
    public boolean close(@Nullable Throwable cause) {
        return channel.close(cause);
    }

    @Override
    public boolean isClosedForSend() {
        return channel.isClosedForSend();
    }

    @Override
    public void invokeOnClose(Consumer<? super @Nullable Throwable> handler) {
        channel.invokeOnClose(handler);
    }

    @Override
    public String toString() {
        return "ProducerScope(" + channel + ")";
    }
}
