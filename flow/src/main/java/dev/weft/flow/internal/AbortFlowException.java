package dev.weft.flow.internal;

import java.util.concurrent.CancellationException;

/**
 * Thrown by an operator that needs no more elements ({@code take}, {@code first}, {@code any}, ...)
 * out of its collector's {@code emit}, to unwind the upstream. It carries its owner, the collector
 * of one collection, so that only the operator that threw it stops at it: an abort of an outer
 * {@code take} passes through an inner one. Being a {@link CancellationException}, it is never
 * handed to {@code catchError} or {@code retry} (exception transparency) and ends coroutines and
 * scopes it crosses as a cancellation, not as a failure.
 */
public final class AbortFlowException extends CancellationException {
    private static final long serialVersionUID = 1L;
    /** How deep in a cause chain an abort is looked for (scopes wrap it once per level). */
    private static final int MAX_DEPTH = 32;

    private final transient Object owner;

    /**
     * @param owner the collector of the collection that this abort ends
     */
    AbortFlowException(Object owner) {
        super("flow collection stopped early by a downstream operator (take, first, ...)");
        this.owner = owner;
    }

    /** No stack trace: this exception is control flow, thrown once per early-terminated collection. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /**
     * Tells whether {@code e} is the abort of {@code owner}, possibly wrapped as the cause of the
     * {@link CancellationException} that a scope rethrows after such an abort crossed it.
     *
     * @param e a cancellation caught around the upstream's {@code collect}
     * @param owner the collector the caller installed
     * @return whether the caller must stop here and complete normally
     */
    public static boolean isOwnedBy(CancellationException e, Object owner) {
        Throwable t = e;
        for (int depth = 0; t instanceof CancellationException && depth < MAX_DEPTH; depth++) {
            if (t instanceof AbortFlowException a) {
                return a.owner == owner;
            }
            t = t.getCause();
        }
        return false;
    }

    /**
     * Tells whether {@code e} is an early stop by some downstream operator, possibly wrapped as the
     * cause of the {@link CancellationException} that a scope rethrows after such an abort crossed it.
     *
     * @param e a failure caught around the upstream's {@code collect}
     * @return whether {@code e} is an abort rather than a failure or a cancellation
     */
    public static boolean isAbort(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t instanceof CancellationException && depth < MAX_DEPTH; depth++) {
            if (t instanceof AbortFlowException) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    /**
     * Rethrows {@code e} unless it is the abort of {@code owner}.
     *
     * @param e a cancellation caught around the upstream's {@code collect}
     * @param owner the collector the caller installed
     */
    public static void checkOwnership(CancellationException e, Object owner) {
        if (!isOwnedBy(e, owner)) {
            throw e;
        }
    }
}
