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
        try {
            checkUnrecorded();
        } catch (CancellationException e) {
            noteThrownHere(); // it reaches the caller's code: see wasStoppedFromOutside
            throw e;
        }
    }

    /**
     * {@link #check()} for a wait that may still complete after it threw (its peer claimed it at
     * the same moment) and then swallows the cancellation: it does not record a stop for
     * {@link #wasStoppedFromOutside()}; the caller calls {@link #noteThrownHere()} if it does
     * throw the exception on.
     *
     * @throws CancellationException if cancelled
     */
    public static void checkUnrecorded() {
        Strand s = Strand.current();
        if (s == null) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(null, Thread.currentThread());
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

    /** The outermost cancel-requested job the strand runs in: where the stop it sees comes from. */
    private static @org.jspecify.annotations.Nullable JobSupport outermostCancelled(Strand s) {
        JobSupport top = null;
        for (JobSupport j = s.current; j != null; j = j.parent) {
            if (j.isCancelRequested()) {
                top = j;
            }
        }
        return top;
    }

    /**
     * Tells whether the calling code was told to stop from outside: a cancellation was thrown into
     * it at a suspension point ({@link #check()}, or {@link #noteThrownHere()}) because its
     * innermost job, or one of that job's ancestors, was cancelled, as opposed to a job nested
     * inside it (a timeout, a scope failed by one of its children). A failure other than a
     * cancellation raised after that replaced the cancellation on the way out (a {@code finally}
     * or {@code catch} that threw): it is a cleanup's, not one the code ran into on its own.
     *
     * <p>The record lives on the strand: for a coroutine that is its whole life (a producer
     * coroutine asks once, at its end); on a platform thread it lasts as long as the outermost
     * scope there, so ask only about a stop inside that scope.
     *
     * @return whether the last cancellation thrown into the calling coroutine came from its own
     *     job or above; false outside weft
     */
    public static boolean wasStoppedFromOutside() {
        Strand s = Strand.current();
        JobSupport source = s == null ? null : s.stopSource;
        if (source == null) {
            return false;
        }
        for (JobSupport j = s.current; j != null; j = j.parent) {
            if (j == source) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records, for {@link #wasStoppedFromOutside()}, a cancellation thrown into the calling
     * coroutine's code: by {@link #check()}, by a wait that used {@link #checkUnrecorded()}, or by
     * a send on a channel cancelled under it.
     */
    public static void noteThrownHere() {
        Strand s = Strand.current();
        if (s != null) {
            JobSupport top = outermostCancelled(s);
            if (top != null) {
                s.stopSource = top;
            }
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

    /**
     * Classifies an interrupt that a thread waiting without throwing (a scope waiting for its
     * children) has just cleared. It is weft's own if {@code waitedFor} or a job the thread runs in
     * was cancelled; otherwise it came from outside weft and, as in {@link #check()}, cancels the
     * thread's root job (outside {@code nonCancellable}, where it is only kept for later).
     *
     * @return whether the interrupt came from outside weft (the caller must restore it when done)
     */
    static boolean absorbedInterruptIsForeign(Strand s, JobSupport waitedFor) {
        if (waitedFor.isCancelRequested() || cancelledInCaller(s)) {
            return false;
        }
        JobSupport root = s.root;
        if (s.level() == 0 && root != null) {
            s.foreignInterrupt = true;
            root.cancel(interrupted(root, s.thread));
        }
        return true;
    }

    /** @return whether the innermost job of {@code s}, or one of its ancestors, was cancelled */
    static boolean cancelledInCaller(Strand s) {
        for (JobSupport j = s.current; j != null; j = j.parent) {
            if (j.isCancelRequested()) {
                return true;
            }
        }
        return false;
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
            // inside nonCancellable: an interrupt from outside weft is not acted on here. Absorb it
            // (left set, every park would return at once and each wait loop would spin) and hand
            // it back when the outermost nonCancellable block exits.
            Thread.interrupted();
            s.deferredInterrupt = true;
            return;
        }
        JobSupport root = s.root;
        s.foreignInterrupt = true;
        if (root != null) {
            root.cancel(interrupted(root, s.thread));
            JobSupport job = s.current;
            if (job != null && job.isCancelRequested()) {
                throw job.newCancellationException();
            }
        }
        throw interrupted(root, s.thread);
    }

    /**
     * The cancellation that an interrupt from outside weft becomes: it names the coroutine (or, on
     * a platform thread, the thread) that was interrupted.
     */
    private static CancellationException interrupted(@org.jspecify.annotations.Nullable JobSupport root, Thread t) {
        String who;
        if (root instanceof CoroutineImpl<?> c) {
            who = c.displayName();
        } else if (t.getName().isEmpty()) {
            who = String.valueOf(t);
        } else {
            who = "thread '" + t.getName() + "'";
        }
        return new CancellationException(who + " was interrupted");
    }
}
