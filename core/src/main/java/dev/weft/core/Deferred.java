package dev.weft.core;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Job} with a result, made by {@link CoroutineScope#async(java.util.concurrent.Callable)}.
 *
 * @param <T> the result type
 */
public interface Deferred<T extends @Nullable Object> extends Job {

    /**
     * Waits for the result.
     *
     * <p><b>Cancellation</b>: suspends the calling coroutine; if the caller is cancelled while
     * waiting, throws {@link java.util.concurrent.CancellationException} without cancelling this
     * deferred (unless it is the caller's descendant).
     *
     * @return the value the block returned
     * @throws java.util.concurrent.CancellationException if this deferred was cancelled, or the
     *         caller was cancelled while waiting
     * @throws java.util.concurrent.CompletionException wrapping the block's checked exception
     * @throws RuntimeException the block's unchecked exception (or {@link Error}) as it was thrown
     */
    T await();

    /**
     * Returns a future that completes with this deferred's outcome: its value, its failure, or a
     * {@link java.util.concurrent.CancellationException}. Cancelling the future cancels this
     * deferred.
     *
     * @return a new future tied to this deferred
     */
    CompletableFuture<T> asCompletableFuture();
}
