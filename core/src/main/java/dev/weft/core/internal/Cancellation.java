package dev.weft.core.internal;

import java.util.concurrent.CancellationException;

/** The cancellation check behind every weft suspension point. */
public final class Cancellation {
    private Cancellation() {
    }

    /**
     * Throws if the calling code must stop: its innermost job was cancelled, or (outside weft, or
     * by a foreign interrupt) the thread was interrupted. A foreign interrupt of a weft thread is
     * taken as cancellation of the thread's root job. The interrupt status is left set.
     *
     * @throws CancellationException if cancelled
     */
    public static void check() {
        Strand s = Strand.current();
        if (s == null) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("thread " + Thread.currentThread().getName() + " was interrupted");
            }
            return;
        }
        JobSupport job = s.current;
        if (job != null && job.isCancelRequested()) {
            throw job.newCancellationException();
        }
        if (s.thread.isInterrupted()) {
            foreignInterrupt(s);
        }
    }

    /** @return whether the caller's innermost job is cancelled (or the thread interrupted) */
    public static boolean isCancelled() {
        Strand s = Strand.current();
        if (s == null) {
            return Thread.currentThread().isInterrupted();
        }
        JobSupport job = s.current;
        return (job != null && job.isCancelRequested()) || s.thread.isInterrupted();
    }

    private static void foreignInterrupt(Strand s) {
        // An ancestor's cancellation interrupts the thread before it has marked the inner jobs:
        // that interrupt is ours, and the inner job is being cancelled right now.
        for (JobSupport j = s.current; j != null; j = j.parent) {
            if (j.isCancelRequested()) {
                throw j.newCancellationException();
            }
        }
        if (s.level() > 0) {
            // inside nonCancellable: an interrupt from outside weft is not ours to act on here
            return;
        }
        JobSupport root = s.root;
        s.foreignInterrupt = true;
        if (root != null) {
            root.cancel(new CancellationException("thread " + s.thread.getName() + " was interrupted"));
            JobSupport job = s.current;
            if (job != null && job.isCancelRequested()) {
                throw job.newCancellationException();
            }
        }
        throw new CancellationException("thread " + s.thread.getName() + " was interrupted");
    }
}
