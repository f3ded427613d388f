package dev.weft.core.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Deferred;
import dev.weft.core.Disposable;
import dev.weft.core.Dispatcher;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.ScopeBlock;
import dev.weft.core.ThrowingRunnable;
import dev.weft.core.TimeoutCancellationException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The job of a scope. A <em>scoped</em> scope ({@code coroutineScope}, {@code supervisorScope},
 * {@code withTimeout}, {@code nonCancellable}) runs its block on the calling thread, waits for its
 * children and hands its outcome to that thread instead of to its parent. An <em>owned</em> scope
 * ({@code CoroutineScope.of}) is a root that lives until closed.
 */
public class ScopeJob extends JobSupport implements dev.weft.core.CoroutineScope {
    private final boolean owned;
    /**
     * For a nonCancellable scope, which has no parent: the job of the code that runs it and waits
     * for it. Not a parent (its cancellation must not reach the block), but its caller.
     */
    private final @Nullable JobSupport shieldedCaller;
    private @Nullable Object value;

    ScopeJob(@Nullable JobSupport parent, CoroutineContext context, boolean supervisor, boolean owned) {
        this(parent, null, context, supervisor, owned);
    }

    private ScopeJob(@Nullable JobSupport parent, @Nullable JobSupport shieldedCaller, CoroutineContext context,
                     boolean supervisor, boolean owned) {
        super(parent, context, supervisor);
        this.shieldedCaller = shieldedCaller;
        this.owned = owned;
    }

    /**
     * @return the job that waits for this one: its parent, or, for a nonCancellable scope, the job
     *         of the code that opened it
     */
    @Override
    @Nullable JobSupport enclosing() {
        return parent != null ? parent : shieldedCaller;
    }

    // ---------------------------------------------------------------- scoped execution

    /**
     * Runs {@code block} in a new scope on the calling thread and returns its outcome once every
     * child has ended.
     *
     * @param timeoutNanos     negative for no timeout
     * @param nullOnTimeout    return null instead of throwing TimeoutCancellationException
     * @param nonCancellable   run detached from the caller's job, shielded from its cancellation
     */
    public static <T extends @Nullable Object> @Nullable T run(ScopeBlock<T> block, boolean supervisor,
            long timeoutNanos, @Nullable String timeoutText, boolean nullOnTimeout, boolean nonCancellable) {
        return run(block, supervisor, timeoutNanos, timeoutText, nullOnTimeout, nonCancellable, CoroutineContext.empty());
    }

    /**
     * Like {@link #run(ScopeBlock, boolean, long, String, boolean, boolean)}, with {@code extra}
     * added to the scope's context (the caller's context plus {@code extra}). The caller makes sure
     * {@code extra} names no dispatcher other than the one the calling thread runs on.
     */
    public static <T extends @Nullable Object> @Nullable T run(ScopeBlock<T> block, boolean supervisor,
            long timeoutNanos, @Nullable String timeoutText, boolean nullOnTimeout, boolean nonCancellable,
            CoroutineContext extra) {
        Objects.requireNonNull(block, "block");
        Strand s = Strand.current();
        boolean newStrand = s == null;
        if (s == null) {
            s = new Strand(Thread.currentThread(), null, DispatcherFactory.defaultDispatcher());
            Strand.set(s);
        }
        JobSupport outer = s.current;
        JobSupport parent = nonCancellable ? null : outer;
        CoroutineContext ctx = outer != null ? outer.context : CoroutineContext.empty();
        if (!extra.elements().isEmpty()) {
            ctx = ctx.plus(extra);
        }
        ScopeJob job = new ScopeJob(parent, nonCancellable ? outer : null, ctx, supervisor, false);
        if (parent != null) {
            parent.attachChild(job);
        } else {
            Registry.addRoot(job);
        }
        if (newStrand) {
            s.root = job;
        }
        // An interrupt from outside weft that is pending now must still be pending when the scope
        // returns (nonCancellable clears the status on entry).
        boolean foreignInterrupt = Thread.currentThread().isInterrupted() && !Cancellation.cancelledInCaller(s);
        if (nonCancellable) {
            s.enterNonCancellable();
        }
        TimeoutCancellationException timeout = null;
        Disposable timer = null;
        if (timeoutNanos >= 0) {
            timeout = new TimeoutCancellationException("timed out after " + timeoutText);
            TimeoutCancellationException cause = timeout;
            if (timeoutNanos == 0) {
                job.cancel(cause);
            } else {
                timer = s.dispatcher.schedule(() -> job.cancel(cause), timeoutNanos);
            }
        }
        T v = null;
        Throwable ex = null;
        s.current = job;
        try {
            if (job.beginBody(s)) {
                try {
                    v = block.run(job);
                } catch (Throwable t) {
                    ex = t;
                }
            } else {
                ex = job.newCancellationException();
            }
        } finally {
            s.current = outer;
        }
        job.bodyFinished(v, ex);
        // Waiting for the children absorbs weft's own interrupts (their cancellation reaches the
        // children through the tree); one from outside weft is a cancellation, as at any
        // suspension point, so a caller stuck behind its children can be interrupted out.
        while (!job.awaitDoneUnlessInterrupted()) {
            Thread.interrupted();
            if (Cancellation.absorbedInterruptIsForeign(s, job)) {
                foreignInterrupt = true;
            }
        }
        if (timer != null) {
            timer.dispose();
        }
        if (nonCancellable) {
            s.exitNonCancellable();
            if (s.deferredInterrupt && s.level() == 0) {
                s.deferredInterrupt = false;
                foreignInterrupt = true;
            }
        }
        // The interrupt status must again say whether the caller's own job is cancelled, or keep an
        // interrupt from outside weft that the block did not consume.
        if (Thread.interrupted() && !job.isCancelRequested() && !Cancellation.cancelledInCaller(s)) {
            foreignInterrupt = true;
        }
        if ((outer != null && outer.isCancelRequested()) || (newStrand && s.foreignInterrupt) || foreignInterrupt) {
            Thread.currentThread().interrupt();
        }
        if (newStrand) {
            Strand.set(null);
        }
        return job.outcome(timeout, outer, nullOnTimeout, ex == null);
    }

    /**
     * @param returned whether the block returned normally: if only the timer cancelled the scope
     *                 meanwhile, its value stands (completed work, such as an element a
     *                 {@code receive} took, is never thrown away)
     */
    @SuppressWarnings("unchecked")
    private <T extends @Nullable Object> @Nullable T outcome(@Nullable TimeoutCancellationException timeout,
            @Nullable JobSupport outer, boolean nullOnTimeout, boolean returned) {
        Throwable f = failure();
        if (f != null) {
            throw Exceptions.rethrow(f);
        }
        if (isCancelRequested()) {
            CancellationException cause = cancelCause();
            boolean outerCancelled = outer != null && outer.isCancelRequested();
            if (timeout != null && cause == timeout) {
                if (returned && !outerCancelled) {
                    return (T) value;
                }
                if (outer != null && outerCancelled) {
                    // the caller was cancelled too: that, not its timeout, is what it must see, or a
                    // caller that catches the timeout to fall back would swallow its own cancellation
                    throw outer.newCancellationException();
                }
                if (nullOnTimeout) {
                    return null;
                }
                throw new TimeoutCancellationException(timeout.getMessage());
            }
            throw newCancellationException();
        }
        return (T) value;
    }

    @Override
    protected void setResult(@Nullable Object v) {
        value = v;
    }

    @Override
    protected boolean isScoped() {
        return !owned;
    }

    /**
     * Runs {@code block} in a new {@code coroutineScope} on the calling thread and returns how it
     * ended, raw: null if the block and every child completed normally, else the scope's failure
     * exactly as it was thrown (the block's, or the first failed child's, with later ones
     * suppressed; a checked exception is not wrapped), or the {@link CancellationException} of a
     * cancelled scope. For callers that hand the failure on as it was raised (the producers, which
     * close their channel with it) instead of rethrowing it under weft's convention.
     *
     * @param block the scope's body; its result is discarded
     * @return null, the raw failure, or a cancellation
     */
    public static @Nullable Throwable runCatching(ScopeBlock<?> block) {
        Objects.requireNonNull(block, "block");
        ScopeJob[] scope = new ScopeJob[1];
        try {
            run(s -> {
                scope[0] = (ScopeJob) s;
                return block.run(s);
            }, false, -1, null, false, false);
            return null;
        } catch (Throwable t) {
            ScopeJob job = scope[0];
            Throwable raw = job == null ? null : job.failure();
            return raw != null ? raw : t;
        }
    }

    // ---------------------------------------------------------------- owned scopes

    /** Creates a root scope that lives until closed. */
    public static OwnedScope owned(Dispatcher dispatcher, boolean supervisor) {
        DispatcherFactory.require(dispatcher);
        Owned job = new Owned(dispatcher, supervisor);
        Registry.addRoot(job);
        return job;
    }

    private static final class Owned extends ScopeJob implements OwnedScope {
        private boolean closed;

        Owned(Dispatcher dispatcher, boolean supervisor) {
            super(null, CoroutineContext.empty().plus(dispatcher), supervisor, true);
        }

        @Override
        public void close() {
            boolean first;
            synchronized (this) {
                first = !closed;
                closed = true;
            }
            cancel();
            if (first) {
                bodyFinished(null, null);
            }
            if (!isAncestorOfCaller()) {
                awaitDoneUnlessInterrupted(); // an interrupt ends the wait and stays set (OwnedScope#close)
            }
        }

        private boolean isAncestorOfCaller() {
            for (JobSupport j = Strand.currentJob(); j != null; j = j.enclosing()) {
                if (j == this) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    protected void onChildFailure(JobSupport child, Throwable failure) {
        if (owned && !supervisor) {
            Log.unhandled(child, failure);
        }
    }

    @Override
    protected void onCompleted() {
        if (parent == null) {
            Registry.removeRoot(this);
        }
    }

    // ---------------------------------------------------------------- CoroutineScope

    @Override
    public Job job() {
        return this;
    }

    @Override
    public Job launch(CoroutineContext context, ThrowingRunnable block) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(block, "block");
        return CoroutineImpl.launch(this, this.context, context, block);
    }

    @Override
    public <T extends @Nullable Object> Deferred<T> async(CoroutineContext context, Callable<? extends T> block) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(block, "block");
        return CoroutineImpl.start(this, this.context, context, block, true);
    }

    @Override
    public String displayName() {
        return (owned ? "scope#" : supervisor ? "supervisorScope#" : "coroutineScope#") + id;
    }
}
