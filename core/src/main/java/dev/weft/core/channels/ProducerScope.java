package dev.weft.core.channels;

import dev.weft.core.CoroutineScope;
import dev.weft.core.ThrowingRunnable;

/**
 * What a producer coroutine ({@link Channels#produce}, {@code channelFlow}, {@code callbackFlow},
 * {@code ReactiveFlows.publish}) sees: a scope to launch helpers in, and the channel to send to.
 *
 * @param <E> the element type
 */
public interface ProducerScope<E> extends CoroutineScope, SendChannel<E> {

    /** {@return the channel this producer sends to} */
    SendChannel<E> channel();

    /**
     * Suspends until the channel is closed or the producer is cancelled, then runs
     * {@code onClose}: the way a callback-based producer keeps its registration alive and
     * unregisters it at the end. Call it last in the producer's block.
     *
     * <p><b>Cancellation:</b> {@code onClose} runs shielded from the producer's cancellation
     * (inside {@link dev.weft.core.Coroutines#nonCancellable}), so it may suspend; afterwards the
     * cancellation is rethrown. If {@code onClose} throws, that exception propagates (a checked one
     * wrapped in {@link java.util.concurrent.CompletionException}), with the cancellation, if any,
     * as a suppressed exception.
     *
     * @param onClose the cleanup (unregister the callback)
     * @throws NullPointerException if {@code onClose} is null
     * @throws java.util.concurrent.CancellationException if the producer was cancelled (after
     *         {@code onClose} ran)
     */
    void awaitClose(ThrowingRunnable onClose);
}
