package dev.weft.core;

/**
 * A {@link CoroutineScope} that an application component owns and closes, made by
 * {@link CoroutineScope#of(Dispatcher)} or {@link CoroutineScope#supervisor(Dispatcher)}.
 */
public interface OwnedScope extends CoroutineScope, AutoCloseable {

    /**
     * Cancels every coroutine of this scope and waits until all have ended. Afterwards, launching
     * in the scope returns already-cancelled jobs. Called from one of the scope's own coroutines it
     * cancels but does not wait (it would wait for itself). If the waiting thread is interrupted it
     * stops waiting and keeps its interrupt status.
     */
    @Override
    void close();
}
