package dev.weft.flow.reactive.internal;

import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.Exceptions;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The Subscriber behind {@code awaitFirst}, {@code awaitFirstOrNull}, {@code awaitLast} and
 * {@code awaitSingle}: the awaiting caller subscribes, parks until the outcome is decided, and
 * cancels the subscription when it no longer needs it (after the first element, after a second one
 * for {@code awaitSingle}, or when the caller is cancelled). What the mode needs (1, 2 or
 * {@code Long.MAX_VALUE}) is requested inside {@code onSubscribe}; an {@link UpstreamGate} keeps
 * that call and the caller's cancel serial (§2.7).
 *
 * <p>Rule violations of the Publisher (§1.1, §1.7, §1.9, §2.12, §2.13) replace an outcome the
 * caller has not taken yet; after that they are logged.
 *
 * @param <T> the element type
 */
public final class AwaitSubscriber<T> extends BridgeSubscriber<T> {

    /** What the awaiting caller wants. */
    public enum Mode {
        /** The first element; an empty publisher is a {@link NoSuchElementException}. Requests 1. */
        FIRST("awaitFirst", 1),
        /** The first element, or null for an empty publisher. Requests 1. */
        FIRST_OR_NULL("awaitFirstOrNull", 1),
        /** The last element; an empty publisher is a {@link NoSuchElementException}. Requests all. */
        LAST("awaitLast", Long.MAX_VALUE),
        /**
         * The only element; empty is a {@link NoSuchElementException}, more than one an
         * {@link IllegalArgumentException}. Requests 2, enough to see a second element.
         */
        SINGLE("awaitSingle", 2);

        final String operator;
        final long demand;

        Mode(String operator, long demand) {
            this.operator = operator;
            this.demand = demand;
        }
    }

    private static final Object CLAIMED = new Object();
    private static final VarHandle TERMINAL;
    private static final VarHandle WAITER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TERMINAL = l.findVarHandle(AwaitSubscriber.class, "terminal", Object.class);
            WAITER = l.findVarHandle(AwaitSubscriber.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int VALUE = 0;
    private static final int EMPTY = 1;
    private static final int TOO_MANY = 2;
    private static final int ERROR = 3;

    /**
     * A decided outcome.
     *
     * @param upstreamDone whether the publisher terminated by itself (no cancel is due)
     */
    private record Outcome(int kind, @Nullable Object value, @Nullable Throwable error, boolean upstreamDone) {
    }

    private final Mode mode;
    /** null, an Outcome, or CLAIMED once the caller took it. */
    private volatile @Nullable Object terminal;
    private volatile @Nullable Thread waiter;

    // ---- producer side (§1.3 serial signals)
    private long count;
    private @Nullable T value;
    private boolean decided;

    /**
     * Creates the subscriber for one await.
     *
     * @param mode   what to await
     * @param source the publisher, named in messages
     */
    public AwaitSubscriber(Mode mode, Object source) {
        super(source);
        this.mode = mode;
        gate.request(mode.demand); // made inside onSubscribe
    }

    /**
     * Subscribes to {@code upstream} and awaits the outcome.
     *
     * @param upstream the publisher to subscribe to
     * @return the element (null only in {@link Mode#FIRST_OR_NULL} for an empty publisher)
     */
    public @Nullable T await(Upstream<T> upstream) {
        try {
            upstream.subscribe(this);
        } catch (Throwable t) {
            IllegalStateException v = Rules.violation("§1.9", source, "subscribe threw instead of signalling onError");
            v.initCause(t);
            if (TERMINAL.compareAndSet(this, null, new Outcome(ERROR, null, v, false))) {
                wake();
            }
        }
        return await();
    }

    /**
     * Awaits the outcome of a subscription made by someone else (the TCK subscribes this object).
     * Suspends the calling coroutine; its cancellation cancels the subscription.
     *
     * @return the element (null only in {@link Mode#FIRST_OR_NULL} for an empty publisher)
     */
    @SuppressWarnings("unchecked")
    public @Nullable T await() {
        boolean cancel = true;
        try {
            Object t;
            for (;;) {
                t = terminal;
                if (t != null && TERMINAL.compareAndSet(this, t, CLAIMED)) {
                    break;
                }
                if (t == null) {
                    park();
                }
            }
            Outcome o = (Outcome) t;
            cancel = !o.upstreamDone(); // §2.6: cancel a subscription that is no longer needed
            switch (o.kind()) {
                case VALUE:
                    return (T) o.value();
                case EMPTY:
                    throw new NoSuchElementException(mode.operator + ": " + Rules.describe(source)
                            + " completed without any element");
                case TOO_MANY:
                    throw new IllegalArgumentException(mode.operator + ": " + Rules.describe(source)
                            + " signalled more than one element");
                default:
                    throw Exceptions.rethrow(o.error());
            }
        } finally {
            if (cancel) {
                gate.cancel();
            }
        }
    }

    /**
     * Cancels the subscription, now or when it arrives: for a driver that ends without awaiting
     * (a coroutine cancelled before its body ran). {@link #await()} cancels by itself.
     */
    public void cancel() {
        gate.cancel();
    }

    private void park() {
        Cancellation.check();
        WAITER.setVolatile(this, Thread.currentThread());
        if (terminal == null) {
            LockSupport.park(this);
        }
        WAITER.setOpaque(this, null);
        Cancellation.check();
    }

    private void wake() {
        Thread w = waiter;
        if (w != null && WAITER.compareAndSet(this, w, null)) {
            LockSupport.unpark(w);
        }
    }

    // =====================================================================================
    // producer side

    @Override
    void next(T t) {
        if (count == mode.demand) {
            violation(Rules.violation("§1.1", source, "onNext beyond demand (" + mode.demand
                    + " requested, one more signalled)"));
            return;
        }
        count++;
        if (decided) {
            return;
        }
        switch (mode) {
            case FIRST, FIRST_OR_NULL -> decide(new Outcome(VALUE, t, null, false));
            case LAST -> value = t;
            case SINGLE -> {
                if (count == 1) {
                    value = t;
                } else {
                    decide(new Outcome(TOO_MANY, null, null, false));
                }
            }
        }
    }

    @Override
    boolean outcomeDecided() {
        return decided;
    }

    @Override
    void error(Throwable e) {
        decide(new Outcome(ERROR, null, e, true));
    }

    @Override
    void complete() {
        if (count == 0) {
            decide(mode == Mode.FIRST_OR_NULL ? new Outcome(VALUE, null, null, true) : new Outcome(EMPTY, null, null, true));
        } else {
            decide(new Outcome(VALUE, value, null, true));
        }
    }

    private void decide(Outcome o) {
        decided = true;
        value = null;
        if (TERMINAL.compareAndSet(this, null, o)) {
            wake();
        }
    }

    @Override
    void callFailed(RuntimeException v) {
        if (TERMINAL.compareAndSet(this, null, new Outcome(ERROR, null, v, false))) {
            wake();
        } else {
            Rules.dropped(v);
        }
    }

    @Override
    void recordViolation(Throwable e) {
        decided = true;
        for (;;) {
            Object t = terminal;
            if (t == CLAIMED || gate.isCancelled()) {
                Rules.dropped(e);
                return;
            }
            if (t instanceof Outcome o && o.error() != null) {
                e.addSuppressed(o.error());
            }
            if (TERMINAL.compareAndSet(this, t, new Outcome(ERROR, null, e, false))) {
                break;
            }
        }
        wake();
    }

    @Override
    public String toString() {
        return "AwaitSubscriber(" + mode.operator + ", " + Rules.describe(source) + ")";
    }
}
