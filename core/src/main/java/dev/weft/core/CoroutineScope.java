package dev.weft.core;

import dev.weft.core.internal.ScopeJob;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * Where coroutines are launched: a scope owns a {@link Job}, and every coroutine launched in it is
 * a child of that job. A scope made by {@link Coroutines#coroutineScope(ScopeBlock)} lives for the
 * duration of that call; one made by {@link #of(Dispatcher)} lives until it is closed.
 *
 * <p><b>Dispatcher</b>: a coroutine runs on the dispatcher its context names, else on the scope's.
 * <b>Cancellation</b>: cancelling the scope cancels every coroutine in it; launching in a cancelled
 * scope returns a job that is already cancelled (its block never runs).
 */
public interface CoroutineScope {

    /**
     * Returns the job of this scope, the parent of every coroutine launched here.
     *
     * @return the scope's job
     */
    Job job();

    /**
     * Returns the context that coroutines launched here start from.
     *
     * @return the scope's context
     */
    CoroutineContext context();

    /**
     * Launches a coroutine that runs {@code block}, as a child of this scope.
     *
     * @param block the coroutine's body
     * @return the coroutine's job
     * @throws NullPointerException if {@code block} is null
     * @throws java.util.concurrent.RejectedExecutionException if the dispatcher has been closed
     */
    default Job launch(ThrowingRunnable block) {
        return launch(CoroutineContext.empty(), block);
    }

    /**
     * Launches a coroutine that runs {@code block} with this scope's context plus {@code context}
     * (a dispatcher, a name, ...), as a child of this scope.
     *
     * @param context elements that replace or add to the scope's context
     * @param block the coroutine's body
     * @return the coroutine's job
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code context} names a dispatcher not made by
     *         {@link Dispatchers}
     * @throws java.util.concurrent.RejectedExecutionException if the dispatcher has been closed
     */
    Job launch(CoroutineContext context, ThrowingRunnable block);

    /**
     * Starts a coroutine that computes a value, as a child of this scope. Like a launched
     * coroutine, its failure cancels this scope (unless it is a supervisor scope); {@link
     * Deferred#await()} rethrows it.
     *
     * @param block the computation
     * @param <T> the result type
     * @return the deferred result
     * @throws NullPointerException if {@code block} is null
     * @throws java.util.concurrent.RejectedExecutionException if the dispatcher has been closed
     */
    default <T extends @Nullable Object> Deferred<T> async(Callable<? extends T> block) {
        return async(CoroutineContext.empty(), block);
    }

    /**
     * Starts a coroutine that computes a value with this scope's context plus {@code context}.
     *
     * @param context elements that replace or add to the scope's context
     * @param block the computation
     * @param <T> the result type
     * @return the deferred result
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code context} names a dispatcher not made by
     *         {@link Dispatchers}
     * @throws java.util.concurrent.RejectedExecutionException if the dispatcher has been closed
     */
    <T extends @Nullable Object> Deferred<T> async(CoroutineContext context, Callable<? extends T> block);

    /** Cancels this scope's job and so every coroutine in the scope. */
    default void cancel() {
        job().cancel();
    }

    /**
     * Tells whether the scope's job is active.
     *
     * @return {@code true} while the scope accepts and runs coroutines normally
     */
    default boolean isActive() {
        return job().isActive();
    }

    /**
     * Creates a scope for an application component (a service, a connection, a screen) whose
     * coroutines run on {@code dispatcher}. The scope lives until {@link OwnedScope#close()}, which
     * cancels its coroutines and waits for them. A coroutine of this scope that fails cancels the
     * whole scope; the failure is logged, since nobody awaits it. Use {@link #supervisor(Dispatcher)}
     * when children must fail independently.
     *
     * @param dispatcher where the scope's coroutines run unless they name another dispatcher
     * @return the new scope
     * @throws NullPointerException if {@code dispatcher} is null
     */
    static OwnedScope of(Dispatcher dispatcher) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        return ScopeJob.owned(dispatcher, false);
    }

    /**
     * Like {@link #of(Dispatcher)}, but a failing coroutine does not affect the others or the scope;
     * the failure of a launched coroutine is logged, that of an async one is kept for
     * {@link Deferred#await()}.
     *
     * @param dispatcher where the scope's coroutines run unless they name another dispatcher
     * @return the new supervisor scope
     * @throws NullPointerException if {@code dispatcher} is null
     */
    static OwnedScope supervisor(Dispatcher dispatcher) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        return ScopeJob.owned(dispatcher, true);
    }
}
