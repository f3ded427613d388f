package dev.weft.flow.internal;

import dev.weft.core.internal.Cancellation;
import dev.weft.flow.FlowCollector;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The collector that user code receives wherever it may emit ({@code flow{}}, {@code transform},
 * {@code onStart}, {@code onCompletion}, {@code catchError}, ...). It enforces the flow invariants:
 * <ul>
 * <li><b>context preservation</b>: {@code emit} only from the thread (= coroutine) that collects;
 * <li><b>exception transparency</b>: no {@code emit} after the downstream has thrown, and a
 *     downstream failure that the block swallowed is rethrown when the block returns;
 * <li>no {@code emit} after the block has returned;
 * <li>no {@code null} element; and a cancellation check at each {@code emit}, which makes
 *     {@code flow{}} cancellable.
 * </ul>
 * One instance serves one collection; its state is touched only by the collecting thread (the
 * thread check comes first), except {@code violation}: an {@code emit} from another thread throws
 * an {@link IllegalStateException} <em>and</em> records it, and the collection fails with that
 * same exception when the block ends (normally or not), so a producer that swallowed the
 * exception, or a thread whose exception went to its uncaught-exception handler, cannot make the
 * collection end normally with elements missing.
 *
 * @param <T> the element type
 */
public final class SafeCollector<T> implements FlowCollector<T> {
    private final FlowCollector<? super T> downstream;
    private final Thread owner;
    private final String where;
    private @Nullable Throwable downstreamFailure;
    private boolean done;
    /** The first emit from a thread other than {@code owner}; written by that thread. */
    @SuppressWarnings("unused") // through VIOLATION
    private volatile @Nullable IllegalStateException violation;

    private static final VarHandle VIOLATION;

    static {
        try {
            VIOLATION = MethodHandles.lookup().findVarHandle(SafeCollector.class, "violation",
                    IllegalStateException.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param downstream the collector to protect
     * @param where the builder or operator, for messages ("flow{}", "transform", ...)
     */
    public SafeCollector(FlowCollector<? super T> downstream, String where) {
        this.downstream = downstream;
        this.where = where;
        this.owner = Thread.currentThread();
    }

    @Override
    public void emit(T value) throws Exception {
        if (Thread.currentThread() != owner) {
            IllegalStateException e = wrongThread();
            VIOLATION.compareAndSet(this, null, e);
            throw e;
        }
        if (downstreamFailure != null) {
            throw new IllegalStateException("Flow exception transparency is violated: in " + where
                    + ", the previous emit failed with " + downstreamFailure
                    + ", and emit was called again (e.g. from a catch or finally block). Never emit after a"
                    + " downstream failure; to handle failures of a flow, use the catchError operator.",
                    downstreamFailure);
        }
        if (done) {
            throw new IllegalStateException("Flow invariant is violated: emit was called after the " + where
                    + " block had returned. Emit only while the block runs; to emit from callbacks or other"
                    + " coroutines use channelFlow{} or callbackFlow{}.");
        }
        Objects.requireNonNull(value, "emitted value must not be null");
        Cancellation.check();
        try {
            downstream.emit(value);
        } catch (Throwable t) {
            downstreamFailure = t;
            throw t;
        }
    }

    private IllegalStateException wrongThread() {
        return new IllegalStateException("Flow invariant is violated: emit was called from thread '"
                + Thread.currentThread() + "', but this " + where + " is collected on thread '" + owner
                + "'. A " + where + " may emit only from the coroutine that collects it: use channelFlow{} to"
                + " emit from other coroutines, or flowOn(dispatcher) to run the producer on another"
                + " dispatcher.");
    }

    /**
     * Ends the collection after the block returned normally. If another thread called
     * {@code emit} meanwhile, the collection fails with the {@link IllegalStateException} that
     * thread got. If the block swallowed a downstream failure, that failure is rethrown: a
     * downstream exception must reach the collector.
     *
     * @throws Exception the emit-from-another-thread violation, or the swallowed downstream failure
     */
    public void completeNormally() throws Exception {
        done = true;
        Throwable f = downstreamFailure;
        IllegalStateException v = violation;
        if (v != null) {
            throw withSuppressed(v, f);
        }
        if (f != null) {
            throw Throwables.asException(f);
        }
    }

    /**
     * Ends the collection after the block threw {@code failure}, which the caller then rethrows;
     * but if another thread called {@code emit} meanwhile, this throws the
     * {@link IllegalStateException} that thread got instead ({@code failure} attached as
     * suppressed unless it merely wraps that exception, e.g. an {@code ExecutionException} of the
     * offending task).
     *
     * @param failure what the block threw
     * @throws IllegalStateException the emit-from-another-thread violation
     */
    public void completeExceptionally(Throwable failure) {
        done = true;
        IllegalStateException v = violation;
        if (v != null) {
            throw withSuppressed(v, failure);
        }
    }

    private static IllegalStateException withSuppressed(IllegalStateException v, @Nullable Throwable other) {
        if (other != null && !Throwables.causedBy(other, v)) {
            v.addSuppressed(other);
        }
        return v;
    }

    /**
     * Runs {@code block} with this collector and ends it.
     *
     * @param block the emitting code
     * @throws Exception the block's failure, or a downstream failure it swallowed
     */
    public void run(dev.weft.flow.FlowBlock<T> block) throws Exception {
        try {
            block.run(this);
        } catch (Throwable t) {
            completeExceptionally(t);
            throw t;
        }
        completeNormally();
    }
}
