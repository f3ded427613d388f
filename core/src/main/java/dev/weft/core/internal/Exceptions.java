package dev.weft.core.internal;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/** weft's one convention for rethrowing a block's failure. */
public final class Exceptions {
    private Exceptions() {
    }

    /**
     * Rethrows {@code t}: unchecked exceptions and errors as they are, checked exceptions wrapped in
     * {@link CompletionException}.
     *
     * @return never returns; declared so callers can write {@code throw rethrow(t)}
     */
    public static RuntimeException rethrow(Throwable t) {
        Exception e = asException(t); // throws an Error as it is
        throw e instanceof RuntimeException re ? re : new CompletionException(e);
    }

    /**
     * Returns {@code t} as an exception to throw, as it is, from a method that declares
     * {@code throws Exception} (a flow's {@code collect}, a producer's body): an {@link Exception}
     * as it is (a checked one too), an {@link Error} thrown at once, any other throwable wrapped in
     * {@link CompletionException}. The counterpart of {@link #rethrow} for such methods.
     *
     * @param t the failure
     * @return {@code t} as an exception; never returns for an {@link Error}
     */
    public static Exception asException(Throwable t) {
        if (t instanceof Exception e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new CompletionException(t);
    }

    /**
     * Tells whether {@code t}, thrown by a job's body, ends the job as cancelled rather than failed:
     * any {@link CancellationException}, and, once cancellation was requested, the exceptions that
     * interruption causes in JDK code. Called on the thread that ran the body.
     */
    static boolean isCancellation(Throwable t, boolean cancelRequested) {
        if (t instanceof CancellationException) {
            return true;
        }
        return cancelRequested
                && (t instanceof InterruptedException
                || t instanceof ClosedByInterruptException
                || t instanceof InterruptedIOException
                // a virtual thread interrupted in socket I/O gets SocketException("Closed by interrupt")
                // and keeps its interrupt status
                || (t instanceof SocketException && Thread.currentThread().isInterrupted()));
    }
}
