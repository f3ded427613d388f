package dev.weft.core;

import dev.weft.core.internal.AbstractDispatcher;
import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.CoroutineImpl;
import dev.weft.core.internal.DispatcherFactory;
import dev.weft.core.internal.JobSupport;
import dev.weft.core.internal.ScopeJob;
import dev.weft.core.internal.Strand;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * Entry points of the coroutine runtime: enter it from plain code, open scopes, switch
 * dispatchers, time out, delay, and look at the current coroutine.
 *
 * <p><b>Suspension</b>: the methods documented as suspending park the calling coroutine's virtual
 * thread, freeing its carrier; called from a platform thread they block it. <b>Cancellation</b>:
 * they throw {@link CancellationException} when the calling coroutine is (or becomes) cancelled,
 * and leave the thread's interrupt status set. <b>Exceptions</b>: where a block's failure is
 * rethrown, an unchecked one is rethrown as it is and a checked one wrapped in
 * {@link java.util.concurrent.CompletionException}.
 */
public final class Coroutines {
    private Coroutines() {
    }

    /**
     * Runs {@code block} in a new root coroutine on {@link Dispatchers#DEFAULT} and blocks the
     * calling thread until it and all its children have completed. This is how plain code (a
     * {@code main} method, a test, a servlet) enters the coroutine world.
     *
     * <p><b>Cancellation</b>: interrupting the calling thread cancels the coroutine; the call then
     * waits for it to end and throws {@link CancellationException}, with the interrupt status set.
     *
     * @param block the coroutine's body
     * @param <T> the result type
     * @return the block's result
     * @throws NullPointerException if {@code block} is null
     * @throws CancellationException if the coroutine was cancelled
     */
    public static <T extends @Nullable Object> T runBlocking(Callable<T> block) {
        return runBlocking(Dispatchers.DEFAULT, block);
    }

    /**
     * Like {@link #runBlocking(Callable)}, with the coroutine (and, unless they choose otherwise,
     * its children) on {@code dispatcher}.
     *
     * @param dispatcher where the coroutine runs
     * @param block the coroutine's body
     * @param <T> the result type
     * @return the block's result
     * @throws NullPointerException if an argument is null
     * @throws java.util.concurrent.RejectedExecutionException if the dispatcher is closed
     */
    @SuppressWarnings("unchecked")
    public static <T extends @Nullable Object> T runBlocking(Dispatcher dispatcher, Callable<T> block) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(block, "block");
        CoroutineImpl<T> c = CoroutineImpl.start(null, CoroutineContext.empty(), dispatcher, block, true);
        try {
            c.awaitDone(true);
        } catch (CancellationException e) {
            c.cancel();
            c.awaitDone(false);
            throw e;
        }
        return c.await();
    }

    /**
     * Runs {@code block} in a new scope on the calling thread and returns when the block and every
     * coroutine it launched in the scope have completed.
     *
     * <p><b>Failure</b>: if the block or a child fails, the scope cancels the other children, waits
     * for them, and rethrows the first failure with later ones as suppressed exceptions.
     * <b>Cancellation</b>: cancelling the caller cancels the scope; the call throws
     * {@link CancellationException} once all children have ended.
     *
     * @param block code that launches children in the scope
     * @param <T> the result type
     * @return the block's result
     * @throws NullPointerException if {@code block} is null
     */
    public static <T extends @Nullable Object> T coroutineScope(ScopeBlock<T> block) {
        return ScopeJob.run(block, false, -1, null, false, false);
    }

    /**
     * Like {@link #coroutineScope(ScopeBlock)}, but a failing child affects neither its siblings
     * nor the scope: the failure of a launched child is logged, that of an async child is kept for
     * {@link Deferred#await()}. A failure of the block itself still cancels the children and is
     * rethrown.
     *
     * @param block code that launches children in the scope
     * @param <T> the result type
     * @return the block's result
     * @throws NullPointerException if {@code block} is null
     */
    public static <T extends @Nullable Object> T supervisorScope(ScopeBlock<T> block) {
        return ScopeJob.run(block, true, -1, null, false, false);
    }

    /**
     * Runs {@code block} in a child coroutine on {@code dispatcher} and waits for its result (and for
     * its children). If the caller already runs on {@code dispatcher}, the block runs in place.
     *
     * <p><b>Dispatcher</b>: the block runs on {@code dispatcher}; the caller resumes on its own.
     * <b>Cancellation</b>: cancelling the caller cancels the block; its failure is rethrown here.
     *
     * @param dispatcher where the block runs
     * @param block the code to run there
     * @param <T> the result type
     * @return the block's result
     * @throws NullPointerException if an argument is null
     * @throws java.util.concurrent.RejectedExecutionException if the dispatcher is closed
     */
    public static <T extends @Nullable Object> T withContext(Dispatcher dispatcher, Callable<T> block) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(block, "block");
        AbstractDispatcher target = DispatcherFactory.require(dispatcher);
        Strand s = Strand.current();
        if (s != null && s.dispatcherIs(target)) {
            return coroutineScope(scope -> block.call());
        }
        return coroutineScope(scope -> scope.async(dispatcher, block).await());
    }

    /**
     * Runs {@code block} with the calling coroutine's context plus {@code context}: an element of
     * {@code context} replaces the caller's element with the same key for the duration of the block
     * (and for every coroutine launched inside it), then the caller's context is in force again.
     * Adapters use it to add their own elements (a Reactor context, for example).
     *
     * <p><b>Dispatcher</b>: if {@code context} names no dispatcher, or the one the caller already
     * runs on, the block runs in place on the calling thread (a scope, as
     * {@link #coroutineScope(ScopeBlock)}: no new coroutine, and the caller's {@code ThreadLocal}s
     * stay visible); otherwise it runs in a child coroutine on that dispatcher, as
     * {@link #withContext(Dispatcher, Callable)}. <b>Cancellation</b>: cancelling the caller cancels
     * the block; the block's failure is rethrown here. The call waits for the coroutines the block
     * launched.
     *
     * @param context elements to add to the caller's context
     * @param block the code to run with them
     * @param <T> the result type
     * @return the block's result
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code context} names a dispatcher not made by
     *         {@link Dispatchers}
     * @throws java.util.concurrent.RejectedExecutionException if that dispatcher is closed
     */
    public static <T extends @Nullable Object> T withContext(CoroutineContext context, Callable<T> block) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(block, "block");
        Dispatcher d = context.dispatcher();
        if (d != null) {
            AbstractDispatcher target = DispatcherFactory.require(d);
            Strand s = Strand.current();
            if (s == null || !s.dispatcherIs(target)) {
                return coroutineScope(scope -> scope.async(context, block).await());
            }
        }
        return ScopeJob.run(scope -> block.call(), false, -1, null, false, false, context);
    }

    /**
     * Runs {@code block} on the calling thread, cancelling it if it has not completed within
     * {@code timeout}. The time is read from the caller's dispatcher.
     *
     * <p><b>Completed work is kept.</b> A block that returns normally has its value returned, even
     * if the time ran out while it was finishing (the timer fired after the block's last
     * suspension point, or while a {@code receive} was handing it an element): the timeout is
     * reported only for a block that ended by it. So an element that a channel {@code receive}
     * under a timeout took is never lost, and a {@code send} under a timeout that returned
     * delivered its element. (kotlinx.coroutines documents that it may discard such a result; weft
     * does not.)
     *
     * <p><b>Dispatcher:</b> the block runs on the caller's thread and dispatcher.
     * <b>Cancellation:</b> when the time runs out the block is cancelled: it sees a
     * {@link TimeoutCancellationException} at its next suspension point. Cancelling the caller
     * cancels the block, and the caller's cancellation, not the timeout, is thrown.
     *
     * @param timeout how long the block may take; zero times out at once (the block does not run)
     * @param block the code to run
     * @param <T> the result type
     * @return the block's result
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws TimeoutCancellationException if the time ran out
     * @throws CancellationException if the caller was cancelled
     */
    public static <T extends @Nullable Object> T withTimeout(Duration timeout, Callable<T> block) {
        long nanos = timeoutNanos(timeout);
        Objects.requireNonNull(block, "block");
        return ScopeJob.run(scope -> block.call(), false, nanos, timeout.toString(), false, false);
    }

    /**
     * Like {@link #withTimeout(Duration, Callable)}, but returns {@code null} when the time runs
     * out.
     *
     * <p>As with {@code withTimeout}, a block that returned normally has its value returned even if
     * the timer fired meanwhile; {@code null} means the block ended by the timeout (or returned
     * {@code null} itself). Under a timeout, {@code withTimeoutOrNull(t, channel::receive)} thus
     * either returns the element it took or takes none: no element is lost.
     *
     * @param timeout how long the block may take; zero times out at once (the block does not run)
     * @param block the code to run
     * @param <T> the result type
     * @return the block's result, or {@code null} on timeout
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws CancellationException if the caller was cancelled
     */
    public static <T extends @Nullable Object> @Nullable T withTimeoutOrNull(Duration timeout, Callable<T> block) {
        long nanos = timeoutNanos(timeout);
        Objects.requireNonNull(block, "block");
        return ScopeJob.run(scope -> block.call(), false, nanos, timeout.toString(), true, false);
    }

    /**
     * Suspends the calling coroutine for {@code duration}, measured by its dispatcher's clock.
     *
     * @param duration how long to wait; zero only checks for cancellation
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws CancellationException if the caller is cancelled
     */
    public static void delay(Duration duration) {
        long nanos = nonNegativeNanos(duration, "duration");
        Strand.currentDispatcher().sleepNanos(nanos);
    }

    /**
     * Lets other coroutines of the same dispatcher run: the caller goes to the back of its carrier
     * pool's queue. On a single-thread dispatcher this is the explicit hand-over between the
     * coroutines sharing the thread.
     *
     * @throws CancellationException if the caller is cancelled
     */
    public static void yieldNow() {
        Cancellation.check();
        Thread.yield();
        Cancellation.check();
    }

    /**
     * Throws if the calling coroutine has been cancelled; long CPU-bound loops call it to stay
     * cancellable.
     *
     * @throws CancellationException if the caller is cancelled
     */
    public static void ensureActive() {
        Cancellation.check();
    }

    /**
     * Runs {@code block} shielded from the caller's cancellation: inside it, suspending calls work
     * even if the caller was cancelled. Use it for cleanup that must suspend (closing a channel,
     * sending a goodbye message). Scopes and timeouts opened inside still work; a cancellation of
     * the caller takes effect again when the block returns.
     *
     * @param block the cleanup code
     * @param <T> the result type
     * @return the block's result
     * @throws NullPointerException if {@code block} is null
     */
    public static <T extends @Nullable Object> T nonCancellable(Callable<T> block) {
        Objects.requireNonNull(block, "block");
        return ScopeJob.run(scope -> block.call(), false, -1, null, false, true);
    }

    /**
     * Returns the job of the calling code: the innermost scope or coroutine it runs in.
     *
     * @return the job, or {@code null} when called outside any coroutine or scope
     */
    public static @Nullable Job currentJob() {
        return Strand.currentJob();
    }

    /**
     * Returns the context of the calling coroutine (its dispatcher, name and other elements).
     *
     * @return the context, or the empty context outside any coroutine or scope
     */
    public static CoroutineContext currentContext() {
        JobSupport j = Strand.currentJob();
        return j == null ? CoroutineContext.empty() : j.context();
    }

    private static long timeoutNanos(Duration timeout) {
        return nonNegativeNanos(timeout, "timeout");
    }

    private static long nonNegativeNanos(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
