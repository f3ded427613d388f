package dev.weft.flow.reactive.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

/**
 * Holds a Subscriber's upstream Subscription and makes every call on it serial (§2.7), whichever
 * thread asks: demand asked for before the Subscription arrives is requested inside
 * {@code onSubscribe} (so a source that starts emitting at once, such as an interval, never finds
 * zero demand), later demand is requested by the thread that asks unless another thread is inside
 * {@code request} at that moment, in which case that thread makes the call when it returns. A
 * cancel goes the same way and wins over pending demand; a Subscription that arrives after the
 * cancel is cancelled at once.
 *
 * <p>{@link #requested} is the running total of demand, raised before each {@code request} call,
 * so a signal the Publisher sends in response always sees it.
 *
 * <p>{@code request} and {@code cancel} must return normally (§3.15, §3.16). If one throws, the
 * gate hands the failure to its owner (who fails the collection citing the rule), cancels the
 * Subscription and stays usable.
 */
final class UpstreamGate {
    private static final Object CANCELLED = new Object();
    private static final VarHandle UPSTREAM;
    private static final VarHandle PENDING;
    private static final VarHandle WIP;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            UPSTREAM = l.findVarHandle(UpstreamGate.class, "upstream", Object.class);
            PENDING = l.findVarHandle(UpstreamGate.class, "pending", long.class);
            WIP = l.findVarHandle(UpstreamGate.class, "wip", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** null until onSubscribe, then the Subscription, then CANCELLED. */
    private volatile @Nullable Object upstream;
    /** Demand asked for and not yet requested. */
    private volatile long pending;
    private volatile int wip;
    private volatile boolean cancelRequested;
    /** Total demand requested so far; written only by the thread inside {@link #drain()}. */
    volatile long requested;
    private final Consumer<RuntimeException> onCallFailure;

    /** @param onCallFailure receives the violation when {@code request} or {@code cancel} throws */
    UpstreamGate(Consumer<RuntimeException> onCallFailure) {
        this.onCallFailure = onCallFailure;
    }

    /**
     * Installs the Subscription (from onSubscribe) and requests the demand asked for so far.
     *
     * @return false if there already was one, or the gate was cancelled; {@code s} is then cancelled
     */
    boolean set(Subscription s) {
        if (!UPSTREAM.compareAndSet(this, null, s)) {
            s.cancel(); // §2.5
            return false;
        }
        drain();
        return true;
    }

    /**
     * Installs a {@link dev.weft.flow.reactive.PolledSubscription}: the demand asked for so far is
     * dropped (its consumer polls instead of requesting); cancel works as for {@link #set}.
     *
     * @return false if there already was one, or the gate was cancelled; {@code s} is then cancelled
     */
    boolean setPolled(Subscription s) {
        PENDING.setVolatile(this, 0L);
        if (!UPSTREAM.compareAndSet(this, null, s)) {
            s.cancel(); // §2.5, or a cancel that came first
            return false;
        }
        return true;
    }

    /** @return whether onSubscribe has arrived (and not been cancelled since) */
    boolean hasSubscription() {
        return upstream instanceof Subscription;
    }

    /** @return whether {@link #cancel()} was called */
    boolean isCancelled() {
        return cancelRequested;
    }

    /** Asks for {@code n} more elements (n > 0); they are requested serially, possibly later. */
    void request(long n) {
        long p;
        long u;
        do {
            p = pending;
            u = p + n;
            if (u < 0) {
                u = Long.MAX_VALUE;
            }
        } while (!PENDING.compareAndSet(this, p, u));
        drain();
    }

    /** Cancels the Subscription, now or when it arrives; idempotent. */
    void cancel() {
        cancelRequested = true;
        drain();
    }

    private void drain() {
        if ((int) WIP.getAndAdd(this, 1) != 0) {
            return; // the thread inside will see our change
        }
        int missed = 1;
        for (;;) {
            Object u = upstream;
            if (cancelRequested) {
                if (u != CANCELLED && UPSTREAM.compareAndSet(this, u, CANCELLED) && u instanceof Subscription s) {
                    try {
                        s.cancel();
                    } catch (Throwable t) {
                        failed("§3.15", s, "cancel", t);
                    }
                }
            } else if (u instanceof Subscription s) {
                long n = (long) PENDING.getAndSet(this, 0L);
                if (n != 0) {
                    long r = requested + n;
                    requested = r < 0 ? Long.MAX_VALUE : r; // before the call: onNext must see it
                    try {
                        s.request(n);
                    } catch (Throwable t) {
                        cancelRequested = true;
                        failed("§3.16", s, "request(" + n + ")", t);
                        continue; // go round again, still holding the gate: that round cancels
                    }
                }
            }
            missed = (int) WIP.getAndAdd(this, -missed) - missed;
            if (missed == 0) {
                return;
            }
        }
    }

    private void failed(String rule, Subscription s, String call, Throwable t) {
        IllegalStateException v = Rules.violation(rule, s, call + " threw instead of returning normally");
        v.initCause(t);
        onCallFailure.accept(v);
    }
}
