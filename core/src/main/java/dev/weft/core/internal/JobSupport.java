package dev.weft.core.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Disposable;
import dev.weft.core.Job;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A node of the job tree. State changes happen under the job's monitor; cancellation of a subtree
 * and completion up the tree are iterative, so deep trees cannot overflow the stack.
 *
 * <p>A job completes when its body has finished and it has no active child. Its outcome is, in
 * order of precedence: failed (a non-cancellation exception of its body or of a child that
 * propagates to it), cancelled (cancellation was requested), or normal.
 */
public abstract class JobSupport implements Job {
    private static final AtomicLong IDS = new AtomicLong();

    static final int ACTIVE = 0;
    static final int DONE = 1;

    final long id = IDS.incrementAndGet();
    final @Nullable JobSupport parent;
    final CoroutineContext context;
    /** Supervisor jobs do not fail when a child fails. */
    final boolean supervisor;

    private volatile int state = ACTIVE;
    private volatile boolean cancelRequested;
    // guarded by this
    private @Nullable Throwable failure;
    private @Nullable CancellationException cancelCause;
    private boolean bodyDone;
    private int activeChildren;
    private @Nullable JobSupport firstChild;
    /**
     * Sibling links, guarded by the parent's monitor; a root job (no parent) uses them for its
     * {@link Registry} stripe's list instead, guarded by that stripe.
     */
    @Nullable JobSupport prevSibling;
    @Nullable JobSupport nextSibling;
    private boolean attached;
    /** Strand running this job's body, and the non-cancellable level at which it runs. */
    private @Nullable Strand owner;
    private int ownerLevel;
    /** null, a single Handler, or an ArrayList of handlers. */
    private @Nullable Object handlers;

    protected JobSupport(@Nullable JobSupport parent, CoroutineContext context, boolean supervisor) {
        this.parent = parent;
        this.context = context;
        this.supervisor = supervisor;
    }

    /** @return this job's context */
    public final CoroutineContext context() {
        return context;
    }

    // ------------------------------------------------------------------ Job

    @Override
    public boolean isActive() {
        return state == ACTIVE && !cancelRequested;
    }

    @Override
    public boolean isCompleted() {
        return state == DONE;
    }

    @Override
    public boolean isCancelled() {
        return cancelRequested;
    }

    @Override
    public void cancel() {
        cancel(null);
    }

    @Override
    public void join() {
        awaitDone(true);
    }

    @Override
    public List<Job> children() {
        List<Job> out = new ArrayList<>();
        synchronized (this) {
            for (JobSupport c = firstChild; c != null; c = c.nextSibling) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public Disposable invokeOnCompletion(Consumer<? super @Nullable Throwable> handler) {
        Objects.requireNonNull(handler, "handler");
        Handler h = new Handler(handler);
        if (!addHandler(h)) {
            h.invoke(completionCause());
            return () -> { };
        }
        return () -> removeHandler(h);
    }

    // ------------------------------------------------------------------ tree

    /**
     * Attaches {@code child}; a child of a cancelled job is cancelled at once, a child of a completed
     * job is cancelled and stays detached.
     */
    final void attachChild(JobSupport child) {
        boolean cancelChild;
        synchronized (this) {
            if (state == DONE) {
                cancelChild = true;
            } else {
                child.attached = true;
                child.nextSibling = firstChild;
                if (firstChild != null) {
                    firstChild.prevSibling = child;
                }
                firstChild = child;
                activeChildren++;
                cancelChild = cancelRequested;
            }
        }
        if (cancelChild) {
            child.cancel(null);
        }
    }

    private void unlinkChild(JobSupport child) { // holds this
        JobSupport p = child.prevSibling;
        JobSupport n = child.nextSibling;
        if (p != null) {
            p.nextSibling = n;
        } else if (firstChild == child) {
            firstChild = n;
        }
        if (n != null) {
            n.prevSibling = p;
        }
        child.prevSibling = null;
        child.nextSibling = null;
        activeChildren--;
    }

    /** @return the job that waits for this one to end: its parent, unless a subclass knows better */
    @Nullable JobSupport enclosing() {
        return parent;
    }

    /** Children snapshot without allocation of Job list, for registry walks. */
    final synchronized List<JobSupport> childList() {
        List<JobSupport> out = new ArrayList<>(activeChildren);
        for (JobSupport c = firstChild; c != null; c = c.nextSibling) {
            out.add(c);
        }
        return out;
    }

    // ------------------------------------------------------------------ cancellation

    /**
     * Requests cancellation of this job and its whole subtree.
     *
     * @param cause the cancellation reason, or null for a plain {@link #cancel()}
     */
    public final void cancel(@Nullable CancellationException cause) {
        cancelSubtree(this, cause, null);
    }

    /**
     * Marks {@code start} cancelling (recording {@code failure} if given), interrupts the strands
     * running bodies in the subtree, and cancels all descendants. Iterative.
     */
    private static void cancelSubtree(JobSupport start, @Nullable CancellationException cause,
                                      @Nullable Throwable failure) {
        ArrayDeque<JobSupport> work = null;
        JobSupport job = start;
        while (job != null) {
            synchronized (job) {
                if (job == start && failure != null) {
                    job.recordFailure(failure);
                }
                if (job.state != DONE && !job.cancelRequested) {
                    job.cancelRequested = true;
                    job.cancelCause = job == start ? cause : null;
                    if (job.owner != null) {
                        job.owner.interruptAt(job.ownerLevel);
                    }
                    for (JobSupport c = job.firstChild; c != null; c = c.nextSibling) {
                        if (work == null) {
                            work = new ArrayDeque<>();
                        }
                        work.add(c);
                    }
                }
            }
            if (job == start) {
                start.onCancelling();
            }
            job = work == null ? null : work.poll();
        }
    }

    /** Hook: cancellation of this job was requested (for resources the job must release). */
    protected void onCancelling() {
    }

    /** Records a failure (under this monitor): the first one wins, later ones are suppressed by it. */
    private void recordFailure(Throwable t) {
        if (failure == null) {
            failure = t;
        } else if (failure != t) {
            for (Throwable s : failure.getSuppressed()) {
                if (s == t) {
                    return;
                }
            }
            failure.addSuppressed(t);
        }
    }

    /** @return whether cancellation was requested (volatile read, for hot checks) */
    public final boolean isCancelRequested() {
        return cancelRequested;
    }

    /** A fresh exception to throw from a suspension point of this cancelled job. */
    public final CancellationException newCancellationException() {
        CancellationException cause;
        Throwable f;
        synchronized (this) {
            cause = cancelCause;
            f = failure;
        }
        if (cause instanceof dev.weft.core.TimeoutCancellationException) {
            return new dev.weft.core.TimeoutCancellationException(cause.getMessage());
        }
        CancellationException ce = new CancellationException(
                cause != null && cause.getMessage() != null ? cause.getMessage() : this + " was cancelled");
        if (f != null) {
            ce.initCause(f);
        } else if (cause != null) {
            ce.initCause(origin(cause));
        }
        return ce;
    }

    /**
     * The cancellation that {@code cause} passes on. A cancellation crossing scopes and awaits is
     * rethrown as a fresh copy at each level (same message, the level below as its cause): the
     * copy chains the original once instead of every copy in between.
     */
    private static Throwable origin(CancellationException cause) {
        Throwable c = cause;
        for (int depth = 0; depth < 64; depth++) {
            if (!(c.getCause() instanceof CancellationException below)
                    || !java.util.Objects.equals(below.getMessage(), c.getMessage())) {
                break;
            }
            c = below;
        }
        return c;
    }

    // ------------------------------------------------------------------ body

    /**
     * Binds the body of this job to {@code strand}, unless cancellation was already requested.
     *
     * @return false if the job is cancelled and its body must not run
     */
    final boolean beginBody(Strand strand) {
        synchronized (this) {
            if (cancelRequested) {
                return false;
            }
            owner = strand;
            ownerLevel = strand.level();
            return true;
        }
    }

    /**
     * Called by the thread that ran the body (or decided not to run it), with its outcome.
     */
    final void bodyFinished(@Nullable Object value, @Nullable Throwable ex) {
        boolean cancelChildren = false;
        synchronized (this) {
            owner = null;
            bodyDone = true;
            if (ex == null) {
                setResult(value);
            } else if (Exceptions.isCancellation(ex, cancelRequested)) {
                if (!cancelRequested) {
                    cancelRequested = true;
                    cancelCause = (CancellationException) ex;
                    cancelChildren = true;
                }
            } else {
                recordFailure(ex);
                if (!cancelRequested) {
                    cancelRequested = true;
                    cancelChildren = true;
                }
            }
        }
        if (cancelChildren) {
            for (JobSupport c : childList()) {
                c.cancel(null);
            }
        }
        completeUpwards(this);
    }

    /** Stores the body's value (under this monitor). */
    protected void setResult(@Nullable Object value) {
    }

    /**
     * Completes {@code start} if it can, then its parent if that completion was the parent's last
     * awaited event, and so on. Iterative.
     */
    static void completeUpwards(JobSupport start) {
        JobSupport job = start;
        JobSupport finishedChild = null;
        while (job != null) {
            Object hs = null;
            boolean cancelSelf = false;
            boolean completed = false;
            Throwable childFailure = null;
            synchronized (job) {
                if (finishedChild != null) {
                    job.unlinkChild(finishedChild);
                    childFailure = finishedChild.failureForParent();
                    if (childFailure != null && !job.supervisor && job.state != DONE) {
                        job.recordFailure(childFailure);
                        if (!job.cancelRequested) {
                            cancelSelf = true;
                        }
                    }
                }
                if (childFailure == null) {
                    // the common path: decide completion in the same critical section (the parent's
                    // monitor is what all of its completing children contend for)
                    if (job.state == DONE || !job.bodyDone || job.activeChildren > 0) {
                        return;
                    }
                    job.state = DONE;
                    hs = job.handlers;
                    job.handlers = null;
                    completed = true;
                }
            }
            if (!completed) {
                if (childFailure != null) {
                    job.onChildFailure(finishedChild, childFailure);
                }
                if (cancelSelf) {
                    cancelSubtree(job, null, null);
                }
                synchronized (job) {
                    if (job.state == DONE || !job.bodyDone || job.activeChildren > 0) {
                        return;
                    }
                    job.state = DONE;
                    hs = job.handlers;
                    job.handlers = null;
                }
            }
            job.onCompleted();
            Throwable cause = job.completionCause();
            if (hs instanceof Handler h) {
                h.invoke(cause);
            } else if (hs != null) {
                @SuppressWarnings("unchecked")
                List<Handler> list = (List<Handler>) hs;
                for (Handler h : list) {
                    h.invoke(cause);
                }
            }
            finishedChild = job.attached ? job : null;
            job = job.attached ? job.parent : null;
        }
    }

    /** What a completed child hands to its parent: its failure unless it is scoped or not failed. */
    private @Nullable Throwable failureForParent() {
        if (isScoped()) {
            return null;
        }
        // called only for a DONE child: its failure was written before the volatile write of
        // state = DONE that the caller has read, so no lock is needed
        return failure;
    }

    /** Scoped jobs hand their failure to the thread that waits for them, not to their parent. */
    protected boolean isScoped() {
        return false;
    }

    /** Hook: a child failed; called on every job, supervisors included. */
    protected void onChildFailure(JobSupport child, Throwable failure) {
    }

    /** Hook: the job reached its final state. */
    protected void onCompleted() {
    }

    /** Detaches a job that never started (its dispatcher refused it) and completes it as cancelled. */
    final void abortStart(Throwable reason) {
        CancellationException ce = new CancellationException("coroutine was not started: " + reason.getMessage());
        ce.initCause(reason);
        synchronized (this) {
            cancelRequested = true;
            cancelCause = ce;
        }
        JobSupport p = parent;
        if (p != null && attached) {
            synchronized (p) {
                p.unlinkChild(this);
            }
            attached = false;
        }
        bodyFinished(null, ce);
        if (p != null) {
            completeUpwards(p);
        }
    }

    // ------------------------------------------------------------------ outcome

    /** @return the failure, if the job failed */
    public final synchronized @Nullable Throwable failure() {
        return failure;
    }

    /** null after normal completion, the failure, or a CancellationException. */
    final @Nullable Throwable completionCause() {
        synchronized (this) {
            if (failure != null) {
                return failure;
            }
            if (!cancelRequested) {
                return null;
            }
        }
        return newCancellationException();
    }

    final synchronized @Nullable CancellationException cancelCause() {
        return cancelCause;
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Waits until this job is done.
     *
     * @param cancellable whether the caller's cancellation ends the wait with a
     *                    CancellationException; if false, interrupts are absorbed and restored
     *                    afterwards
     */
    public final void awaitDone(boolean cancellable) {
        if (state == DONE) {
            return;
        }
        if (cancellable) {
            Cancellation.check();
        }
        Handler waiter = new Handler(Thread.currentThread());
        if (!addHandler(waiter)) {
            return;
        }
        boolean interrupted = false;
        try {
            while (state != DONE) {
                LockSupport.park(this);
                if (cancellable) {
                    Cancellation.check();
                } else if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
        } finally {
            if (state != DONE) {
                removeHandler(waiter);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits until this job is done, or until the calling thread's interrupt status is set (it is
     * left set). A scope waiting for its children and a closing owner use it, and decide themselves
     * what an interrupt means.
     *
     * @return true once the job is done, false if the wait ended because of an interrupt
     */
    final boolean awaitDoneUnlessInterrupted() {
        if (state == DONE) {
            return true;
        }
        Handler waiter = new Handler(Thread.currentThread());
        if (!addHandler(waiter)) {
            return true;
        }
        try {
            while (state != DONE) {
                if (Thread.currentThread().isInterrupted()) {
                    return false;
                }
                LockSupport.park(this);
            }
            return true;
        } finally {
            if (state != DONE) {
                removeHandler(waiter);
            }
        }
    }

    private boolean addHandler(Handler h) {
        synchronized (this) {
            if (state == DONE) {
                return false;
            }
            Object hs = handlers;
            if (hs == null) {
                handlers = h;
            } else if (hs instanceof Handler single) {
                List<Handler> list = new ArrayList<>(4);
                list.add(single);
                list.add(h);
                handlers = list;
            } else {
                @SuppressWarnings("unchecked")
                List<Handler> list = (List<Handler>) hs;
                list.add(h);
            }
            return true;
        }
    }

    private void removeHandler(Handler h) {
        synchronized (this) {
            Object hs = handlers;
            if (hs == h) {
                handlers = null;
            } else if (hs instanceof ArrayList<?> list) {
                list.remove(h);
            }
        }
    }

    /** A completion handler: a user callback or a parked thread to wake. */
    private static final class Handler {
        private final @Nullable Consumer<? super @Nullable Throwable> callback;
        private final @Nullable Thread waiter;

        Handler(Consumer<? super @Nullable Throwable> callback) {
            this.callback = callback;
            this.waiter = null;
        }

        Handler(Thread waiter) {
            this.callback = null;
            this.waiter = waiter;
        }

        void invoke(@Nullable Throwable cause) {
            if (waiter != null) {
                LockSupport.unpark(waiter);
                return;
            }
            try {
                Objects.requireNonNull(callback).accept(cause);
            } catch (Throwable t) {
                Log.handlerFailed(t);
            }
        }
    }

    // ------------------------------------------------------------------ debug

    /** @return a short state name for dumps */
    final String stateName() {
        synchronized (this) {
            if (state == DONE) {
                return failure != null ? "FAILED" : cancelRequested ? "CANCELLED" : "COMPLETED";
            }
            if (cancelRequested) {
                return "CANCELLING";
            }
            return bodyDone ? "COMPLETING" : "ACTIVE";
        }
    }

    /** @return a name for messages and dumps */
    public abstract String displayName();

    @Override
    public String toString() {
        return displayName() + "{" + stateName() + "}";
    }
}
