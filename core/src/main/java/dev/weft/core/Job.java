package dev.weft.core;

import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A cancellable piece of work with a life cycle, a node of the tree that structured concurrency
 * maintains: every coroutine and every scope is a job, and its children are the coroutines
 * launched in it.
 *
 * <p><b>Life cycle</b>: a job is <em>active</em> until its body has returned and all its children
 * have completed; then it is <em>completed</em> (normally, cancelled, or failed). {@link #cancel()}
 * moves it to <em>cancelling</em>: its body sees a {@link java.util.concurrent.CancellationException}
 * at its next suspension point and its children are cancelled too; it completes once all of them
 * have ended.
 *
 * <p><b>Failure</b>: a child that fails with an exception other than a cancellation cancels its
 * parent (and so its siblings), unless the parent is a supervisor. A scope rethrows the first
 * failure, with later ones as suppressed exceptions.
 */
public interface Job {

    /**
     * Tells whether this job is active: not completed and not cancelled.
     *
     * @return {@code true} while active
     */
    boolean isActive();

    /**
     * Tells whether this job has completed, in any way.
     *
     * @return {@code true} once completed
     */
    boolean isCompleted();

    /**
     * Tells whether this job was cancelled or failed (it may still be finishing).
     *
     * @return {@code true} once cancellation was requested or a failure occurred
     */
    boolean isCancelled();

    /**
     * Requests cancellation of this job and all its descendants. Does not wait; use
     * {@link #join()} to wait for the job to end. Cancelling a completed job does nothing.
     */
    void cancel();

    /**
     * Waits until this job has completed, however it completed; does not throw the job's failure.
     *
     * <p><b>Cancellation</b>: suspends the calling coroutine; if the caller is cancelled while
     * waiting, throws {@link java.util.concurrent.CancellationException} (the job itself is not
     * cancelled by that unless it is a descendant of the caller).
     */
    void join();

    /**
     * Returns the children of this job that have not completed yet.
     *
     * @return a snapshot of the active children
     */
    List<Job> children();

    /**
     * Registers a handler that runs once when this job completes, on the thread that completes it
     * (or on the calling thread, at once, if the job has already completed). The handler receives
     * {@code null} after normal completion, a {@link java.util.concurrent.CancellationException}
     * after cancellation, or the failure. It must be fast and must not block; an exception it
     * throws is logged and otherwise ignored. Handlers run just after the job becomes completed:
     * a {@link #join()} may return before they have run.
     *
     * @param handler the handler
     * @return a registration that removes the handler when disposed
     * @throws NullPointerException if {@code handler} is null
     */
    Disposable invokeOnCompletion(Consumer<? super @Nullable Throwable> handler);
}
