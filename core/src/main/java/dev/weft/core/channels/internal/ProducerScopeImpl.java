package dev.weft.core.channels.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Job;
import dev.weft.core.ThrowingRunnable;
import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.channels.SendChannel;
import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.ScopeJob;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one producer scope of weft: what the block of {@code Channels.produce}, {@code channelFlow},
 * {@code callbackFlow} (and the other channel-based flows) and {@code ReactiveFlows.publish} sees.
 * It is the scope the producer runs in (helpers launched here are its children and are awaited)
 * and the {@link ProducerTarget} it sends to; {@link #run} runs a block in it and returns its raw
 * failure, so every producer closes its target with the failure exactly as it was raised.
 *
 * @param <E> the element type
 */
public final class ProducerScopeImpl<E> implements ProducerScope<E> {
    private final CoroutineScope scope;
    private final ProducerTarget<E> target;

    private ProducerScopeImpl(CoroutineScope scope, ProducerTarget<E> target) {
        this.scope = scope;
        this.target = target;
    }

    /**
     * Runs {@code block} on the calling coroutine in a new scope sending to {@code target}, and
     * returns once the block and every helper it launched have ended. Does not close the target:
     * the caller does, with the returned outcome.
     *
     * @param target where the block's elements go
     * @param block  the producer
     * @param <E>    the element type
     * @return null if all ended normally; else the raw failure (a checked exception unwrapped; the
     *         block's own or the first failed helper's) or the cancellation
     */
    public static <E> @Nullable Throwable run(ProducerTarget<E> target, ProducerBlock<E> block) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(block, "block");
        return ScopeJob.runCatching(s -> {
            block.run(new ProducerScopeImpl<>(s, target));
            return null;
        });
    }

    @Override
    public SendChannel<E> channel() {
        return target;
    }

    @Override
    public void awaitClose(ThrowingRunnable onClose) {
        Objects.requireNonNull(onClose, "onClose");
        CancellationException cancelled = null;
        try {
            target.awaitClosed();
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
        try {
            target.send(element);
        } catch (CancellationException e) {
            // the target was cancelled under the producer (its consumer stopped), which may come
            // before the coroutine's own cancellation is noticed: a stop from outside all the same
            Cancellation.noteThrownHere();
            throw e;
        }
    }

    @Override
    public ChannelResult<Void> trySend(E element) {
        return target.trySend(element);
    }

    @Override
    public boolean close() {
        return target.close();
    }

    @Override
    public boolean close(@Nullable Throwable cause) {
        return target.close(cause);
    }

    @Override
    public boolean isClosedForSend() {
        return target.isClosedForSend();
    }

    @Override
    public void invokeOnClose(Consumer<? super @Nullable Throwable> handler) {
        target.invokeOnClose(handler);
    }

    @Override
    public String toString() {
        return "ProducerScope(" + target + ")";
    }
}
