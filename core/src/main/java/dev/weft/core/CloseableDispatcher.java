package dev.weft.core;

/**
 * A dispatcher with its own carrier threads that the application must close, made by
 * {@link Dispatchers#newSingleThread(String)} or {@link Dispatchers#newFixed(int, String)}.
 *
 * <p><b>Closing</b> refuses new coroutines (launching one throws
 * {@link java.util.concurrent.RejectedExecutionException}), cancels the coroutines running here, and
 * keeps the carriers serving until the last of them has ended (a carrier pool never drops a
 * coroutine it would have to resume). Then the carrier threads end.
 */
public interface CloseableDispatcher extends Dispatcher, AutoCloseable {

    /**
     * Closes this dispatcher as described in the class documentation and waits until its
     * coroutines have ended and its carriers have stopped. Called from a coroutine of this
     * dispatcher, it does not wait (the caller is one of the coroutines being cancelled). If the
     * waiting thread is interrupted it stops waiting and keeps its interrupt status. Calling it
     * again does nothing more than waiting again.
     */
    @Override
    void close();

    /**
     * Tells whether {@link #close()} has been called.
     *
     * @return {@code true} once closing has begun
     */
    boolean isClosed();

    /**
     * Tells whether this dispatcher has been closed and all its carriers have stopped.
     *
     * @return {@code true} once fully terminated
     */
    boolean isTerminated();
}
