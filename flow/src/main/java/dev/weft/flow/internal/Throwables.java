package dev.weft.flow.internal;

import dev.weft.core.internal.Exceptions;

/** Small helpers for moving throwables through {@code collect}, which declares {@code Exception}. */
final class Throwables {
    private static final int MAX_DEPTH = 64;

    private Throwables() {
    }

    /**
     * Returns {@code t} as an exception to throw from a method declaring {@code throws Exception};
     * an {@link Error} is thrown at once. weft's one convention: {@link Exceptions#asException}.
     */
    static Exception asException(Throwable t) {
        return Exceptions.asException(t);
    }

    /** Tells whether {@code target} is {@code e} or one of its causes. */
    static boolean causedBy(Throwable e, Throwable target) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (t == target) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    /**
     * The outcome of a collection through a boundary that ended with {@code failure} (null:
     * normally, or an early stop that was swallowed) after the producer's cleanup failed with
     * {@code cleanup} on the way out (see {@link Receiver#cleanupFailure()}): the cleanup failure
     * replaces a normal end or a cancellation, as it would without the boundary, and is attached
     * as suppressed to any other failure.
     */
    static @org.jspecify.annotations.Nullable Throwable withCleanupFailure(
            @org.jspecify.annotations.Nullable Throwable failure, @org.jspecify.annotations.Nullable Throwable cleanup) {
        if (cleanup == null || cleanup == failure) {
            return failure;
        }
        if (failure == null || failure instanceof java.util.concurrent.CancellationException) {
            return cleanup;
        }
        addSuppressed(failure, cleanup);
        return failure;
    }

    /** Adds {@code suppressed} to {@code main} unless they are the same or already linked. */
    static void addSuppressed(Throwable main, Throwable suppressed) {
        if (main == suppressed || causedBy(main, suppressed) || causedBy(suppressed, main)) {
            return;
        }
        for (Throwable s : main.getSuppressed()) {
            if (s == suppressed) {
                return;
            }
        }
        main.addSuppressed(suppressed);
    }
}
