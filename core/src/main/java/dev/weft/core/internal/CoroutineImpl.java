package dev.weft.core.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineName;
import dev.weft.core.Deferred;
import dev.weft.core.ThrowingRunnable;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A coroutine: a job whose body runs on its own virtual thread, created by its dispatcher.
 *
 * @param <T> the result type (Void for launched coroutines)
 */
public final class CoroutineImpl<T extends @Nullable Object> extends JobSupport implements Deferred<T>, Runnable {
    final AbstractDispatcher dispatcher;
    private final boolean async;
    /** A Callable (async) or a ThrowingRunnable (launch), until the body starts. */
    private @Nullable Object body;
    private @Nullable Object value;
    /** The virtual thread, once started. */
    volatile @Nullable Thread thread;
    /** The strand of that thread, installed on it before it starts. */
    @Nullable Strand strand;

    /**
     * A body that must hear that it will never run: its coroutine was cancelled before the body
     * started (its dispatcher closed meanwhile, say). {@link #skipped} is called once, on the
     * coroutine's thread (or the starting thread), before the coroutine completes; a body that is
     * not one of these learns it only from the job's completion. A dispatcher that refuses the
     * start is not a skip: {@link #start} throws to the starter instead. The publisher bridge uses
     * it so that a subscription whose coroutine never ran still gets its terminal signal, without
     * a completion handler per subscription for a case that almost never happens.
     */
    public interface SkippableBody {
        /**
         * The body will not run.
         *
         * @param cause the cancellation the coroutine completes with
         */
        void skipped(Throwable cause);
    }

    private CoroutineImpl(@Nullable JobSupport parent, CoroutineContext context, AbstractDispatcher dispatcher,
                          Object body, boolean async) {
        super(parent, context, false);
        this.dispatcher = dispatcher;
        this.body = body;
        this.async = async;
    }

    /**
     * Creates and starts a coroutine as a child of {@code parent} (or as a root when null).
     *
     * @param parentContext the context to inherit
     * @param added         context elements that override the inherited ones
     * @throws java.util.concurrent.RejectedExecutionException if the dispatcher is closed
     */
    public static <T extends @Nullable Object> CoroutineImpl<T> start(@Nullable JobSupport parent,
            CoroutineContext parentContext, CoroutineContext added, Callable<? extends T> body, boolean async) {
        return startBody(parent, parentContext, added, body, async);
    }

    /** Like {@link #start}, for a launched block without result. */
    public static CoroutineImpl<Void> launch(@Nullable JobSupport parent, CoroutineContext parentContext,
            CoroutineContext added, ThrowingRunnable body) {
        return startBody(parent, parentContext, added, body, false);
    }

    private static <T extends @Nullable Object> CoroutineImpl<T> startBody(@Nullable JobSupport parent,
            CoroutineContext parentContext, CoroutineContext added, Object body, boolean async) {
        CoroutineContext ctx = parentContext.plus(added);
        dev.weft.core.Dispatcher named = ctx.dispatcher();
        AbstractDispatcher d = named == null ? DispatcherFactory.defaultDispatcher() : DispatcherFactory.require(named);
        if (named == null) {
            ctx = ctx.plus(d);
        }
        CoroutineImpl<T> c = new CoroutineImpl<>(parent, ctx, d, body, async);
        if (parent != null) {
            parent.attachChild(c);
        } else {
            Registry.addRoot(c);
        }
        if (c.isCancelRequested()) {
            c.body = null;
            CancellationException ce = c.newCancellationException();
            skipped(body, ce);
            c.bodyFinished(null, ce);
            return c;
        }
        try {
            d.start(c);
        } catch (RuntimeException | Error e) {
            c.abortStart(e);
            throw e;
        }
        return c;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        Strand s = java.util.Objects.requireNonNull(strand);
        try {
            Object b = body;
            body = null;
            Object v = null;
            Throwable ex = null;
            if (b != null && beginBody(s)) {
                try {
                    if (b instanceof ThrowingRunnable r) {
                        r.run();
                    } else {
                        v = ((Callable<? extends T>) b).call();
                    }
                } catch (Throwable t) {
                    ex = t;
                }
            } else {
                ex = newCancellationException();
                skipped(b, ex);
            }
            bodyFinished(v, ex);
        } finally {
            dispatcher.release();
        }
    }

    private static void skipped(@Nullable Object body, Throwable cause) {
        if (body instanceof SkippableBody sb) {
            try {
                sb.skipped(cause);
            } catch (Throwable t) {
                Log.warn("a body's skipped() hook threw; ignored", t);
            }
        }
    }

    @Override
    protected void setResult(@Nullable Object v) {
        value = v;
    }

    @Override
    protected void onChildFailure(JobSupport child, Throwable failure) {
        // a coroutine is never a supervisor: the failure propagates through this job
    }

    @Override
    protected void onCompleted() {
        if (parent == null) {
            Registry.removeRoot(this);
        }
        if (parent instanceof ScopeJob scope && scope.supervisor && !async) {
            Throwable f = failure();
            if (f != null) {
                Log.unhandled(this, f);
            }
        }
    }

    // ---------------------------------------------------------------- Deferred

    @Override
    @SuppressWarnings("unchecked")
    public T await() {
        awaitDone(true);
        return (T) resultOrThrow();
    }

    /** The outcome of a completed coroutine: its value, or its failure / cancellation thrown. */
    @Nullable Object resultOrThrow() {
        Throwable f = failure();
        if (f != null) {
            throw Exceptions.rethrow(f);
        }
        if (isCancelRequested()) {
            throw newCancellationException();
        }
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletableFuture<T> asCompletableFuture() {
        CompletableFuture<T> cf = new CompletableFuture<>();
        invokeOnCompletion(cause -> {
            if (cause == null) {
                cf.complete((T) value);
            } else {
                cf.completeExceptionally(cause);
            }
        });
        cf.whenComplete((v, e) -> {
            if (e instanceof CancellationException && !isCompleted()) {
                cancel();
            }
        });
        return cf;
    }

    // ---------------------------------------------------------------- naming

    /** @return the name given by a {@link CoroutineName} element, or null */
    @Nullable String explicitName() {
        CoroutineName n = context.get(CoroutineName.KEY);
        return n == null ? null : n.name();
    }

    @Override
    public String displayName() {
        String n = explicitName();
        return n == null ? "coroutine#" + id : n + "#" + id;
    }
}
