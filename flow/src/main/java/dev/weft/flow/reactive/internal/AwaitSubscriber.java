package dev.weft.flow.reactive.internal;

import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.Exceptions;
import dev.weft.flow.reactive.DroppedErrorHandler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The Subscriber behind {@code awaitFirst}, {@code awaitFirstOrNull}, {@code awaitLast},
 * {@code awaitSingle} and {@code awaitSingleOrNull}: the awaiting caller subscribes, parks until the
 * outcome is decided, and cancels the subscription when it no longer needs it (after the first
 * element, after a second one for the single modes, or when the caller is cancelled). What the mode needs (1, 2 or
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
        FIRST("awaitFirst", 1, false),
        /** The first element, or null for an empty publisher. Requests 1. */
        FIRST_OR_NULL("awaitFirstOrNull", 1, true),
        /** The last element; an empty publisher is a {@link NoSuchElementException}. Requests all. */
        LAST("awaitLast", Long.MAX_VALUE, false),
        /**
         * The only element; empty is a {@link NoSuchElementException}, more than one an
         * {@link IllegalArgumentException}. Requests 2, enough to see a second element, and waits
         * for the terminal signal after the first: it never cancels a publisher that keeps to one.
         */
        SINGLE("awaitSingle", 2, false),
        /**
         * Like {@link #SINGLE}, but null for an empty publisher (RxJava's {@code Maybe}, Reactor's
         * {@code Mono}): waits for {@code onComplete} after the element, never cancels after it.
         */
        SINGLE_OR_NULL("awaitSingleOrNull", 2, true);

        final String operator;
        final long demand;
        final boolean emptyIsNull;

        Mode(String operator, long demand, boolean emptyIsNull) {
            this.operator = operator;
            this.demand = demand;
            this.emptyIsNull = emptyIsNull;
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

    /** A decided outcome; {@link #upstreamDone()} tells whether no cancel is due (§2.6). */
    private sealed interface Outcome {
        /** @return whether the publisher terminated by itself */
        boolean upstreamDone();
    }

    /** The element to return (null for an empty publisher in an or-null mode). */
    private record Value(@Nullable Object value, boolean upstreamDone) implements Outcome {
    }

    /** Completed without an element where one is required. */
    private record Empty() implements Outcome {
        @Override
        public boolean upstreamDone() {
            return true;
        }
    }

    /** A second element in a single mode. */
    private record TooMany() implements Outcome {
        @Override
        public boolean upstreamDone() {
            return false;
        }
    }

    /** The publisher's error, or a rule violation. */
    private record Failed(Throwable error, boolean upstreamDone) implements Outcome {
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
     * Creates the subscriber for one await, routing undeliverable errors to {@code dropped}.
     *
     * @param mode    what to await
     * @param source  the publisher, named in messages
     * @param dropped where errors nobody can receive go
     */
    public AwaitSubscriber(Mode mode, Object source, DroppedErrorHandler dropped) {
        super(source, dropped);
        this.mode = mode;
        gate.request(mode.demand); // made inside onSubscribe
    }

    /**
     * Subscribes to {@code upstream} and awaits the outcome.
     *
     * @param upstream the publisher to subscribe to
     * @return the element (null only in an or-null mode, for an empty publisher)
     */
    public @Nullable T await(Upstream<T> upstream) {
        try {
            upstream.subscribe(this);
        } catch (Throwable t) {
            IllegalStateException v = Rules.violation("§1.9", source, "subscribe threw instead of signalling onError");
            v.initCause(t);
            if (TERMINAL.compareAndSet(this, null, new Failed(v, false))) {
                wake();
            }
        }
        return await();
    }

    /** Suspends the calling coroutine until the outcome; its cancellation cancels the subscription. */
    @SuppressWarnings("unchecked")
    private @Nullable T await() {
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
            return switch (o) {
                case Value v -> (T) v.value();
                case Empty e -> throw new NoSuchElementException(mode.operator + ": " + Rules.describe(source)
                        + " completed without any element");
                case TooMany m -> throw new IllegalArgumentException(mode.operator + ": " + Rules.describe(source)
                        + " signalled more than one element");
                case Failed f -> throw Exceptions.rethrow(f.error());
            };
        } finally {
            if (cancel) {
                gate.cancel();
            }
        }
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
            case FIRST, FIRST_OR_NULL -> decide(new Value(t, false));
            case LAST -> value = t;
            case SINGLE, SINGLE_OR_NULL -> {
                if (count == 1) {
                    value = t; // and wait for the terminal signal: no cancel after the value
                } else {
                    decide(new TooMany());
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
        decide(new Failed(e, true));
    }

    @Override
    void complete() {
        if (count == 0) {
            decide(mode.emptyIsNull ? new Value(null, true) : new Empty());
        } else {
            decide(new Value(value, true));
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
        if (TERMINAL.compareAndSet(this, null, new Failed(v, false))) {
            wake();
        } else {
            drop(v);
        }
    }

    @Override
    void recordViolation(Throwable e) {
        decided = true;
        for (;;) {
            Object t = terminal;
            if (t == CLAIMED || gate.isCancelled()) {
                drop(e);
                return;
            }
            if (t instanceof Failed f) {
                e.addSuppressed(f.error());
            }
            if (TERMINAL.compareAndSet(this, t, new Failed(e, false))) {
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
