package dev.weft.flow.reactive.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.flow.reactive.DroppedErrorHandler;
import dev.weft.flow.reactive.PolledSubscription;
import dev.weft.flow.reactive.PollingSubscriber;
import org.reactivestreams.Subscription;

/**
 * Base of weft's subscribers: each implements both {@link Subscriber} and
 * {@link java.util.concurrent.Flow.Subscriber}, so the JDK variant of the bridge subscribes the very
 * same object and only a JDK subscription gets wrapped (its request/cancel calls are rare).
 *
 * @param <T> the element type
 */
public abstract class BridgeSubscriber<T> implements PollingSubscriber<T>, java.util.concurrent.Flow.Subscriber<T> {

    /** The publisher, named in rule-violation messages. */
    final Object source;
    /** The Subscription; every request and cancel goes through it (§2.7). */
    final UpstreamGate gate = new UpstreamGate(this::callFailed);
    /** Where errors nobody can receive go. */
    final DroppedErrorHandler dropped;
    /** The context of the coroutine that subscribed (for the dropped-error handler); empty until then. */
    volatile CoroutineContext context = CoroutineContext.empty();

    // ---- touched only by the Publisher's serial signals (§1.3)
    private boolean subscribed;
    private boolean publisherTerminated;
    private boolean violated;

    BridgeSubscriber(Object source, DroppedErrorHandler dropped) {
        this.source = source;
        this.dropped = dropped;
    }

    @Override
    public final void onSubscribe(java.util.concurrent.Flow.Subscription s) {
        if (s == null) {
            onSubscribe((Subscription) null);
            return;
        }
        onSubscribe(JdkAdapters.toReactive(s));
    }

    // =====================================================================================
    // the rules every weft subscriber checks before a signal reaches the subclass

    @Override
    public final void onSubscribe(Subscription s) {
        if (s == null) {
            NullPointerException npe = Rules.nullSignal(source, "onSubscribe");
            violation(npe);
            throw npe; // §2.13
        }
        if (subscribed) {
            s.cancel(); // §2.5
            violation(Rules.violation("§2.12", source, "onSubscribe was signalled twice (the second subscription "
                    + s + " was cancelled, §2.5)"));
            return;
        }
        subscribed = true;
        if (s instanceof PolledSubscription<?> p && acceptsPolling()) {
            @SuppressWarnings("unchecked")
            PolledSubscription<T> polled = (PolledSubscription<T>) p;
            if (gate.setPolled(s)) { // no request: the consumer polls
                takePolled(polled);
            }
            return;
        }
        gate.set(s); // makes the request the subclass registered, or cancels s if its consumer gave up
    }

    /**
     * {@inheritDoc}
     *
     * <p>False unless the subclass drains a {@link PolledSubscription} itself.
     */
    @Override
    public boolean acceptsPolling() {
        return false;
    }

    /**
     * Receives the polled subscription that arrived while {@link #acceptsPolling()} was true; it is
     * installed in the gate (so cancel reaches it) and nothing was requested.
     */
    void takePolled(PolledSubscription<T> s) {
        throw new IllegalStateException("acceptsPolling() said yes, but takePolled is not implemented");
    }

    @Override
    public final void onNext(T t) {
        if (t == null) {
            NullPointerException npe = Rules.nullSignal(source, "onNext");
            violation(npe);
            throw npe; // §2.13
        }
        if (publisherTerminated) {
            if (!violated) {
                violation(Rules.violation("§1.7", source, "onNext(" + Rules.describe(t) + ") after a terminal signal"));
            }
            return;
        }
        if (!subscribed) {
            violation(Rules.violation("§1.9", source, "onNext before onSubscribe"));
            return;
        }
        if (gate.isCancelled()) {
            return; // §2.8: legal after cancel; dropped, never delivered
        }
        next(t);
    }

    @Override
    public final void onError(Throwable e) {
        if (e == null) {
            NullPointerException npe = Rules.nullSignal(source, "onError");
            violation(npe);
            throw npe; // §2.13
        }
        if (publisherTerminated) {
            if (!violated) {
                IllegalStateException v = Rules.violation("§1.7", source, "onError after a terminal signal");
                v.initCause(e);
                violation(v);
            }
            return;
        }
        publisherTerminated = true;
        if (!subscribed) {
            IllegalStateException v = Rules.violation("§1.9", source, "onError before onSubscribe");
            v.initCause(e);
            violation(v);
            return;
        }
        if (gate.isCancelled() || outcomeDecided()) {
            Rules.droppedAfterCancel(dropped, context, source, e); // nobody will read it any more
            return;
        }
        error(e);
    }

    @Override
    public final void onComplete() {
        if (publisherTerminated) {
            if (!violated) {
                violation(Rules.violation("§1.7", source, "onComplete after a terminal signal"));
            }
            return;
        }
        publisherTerminated = true;
        if (!subscribed) {
            violation(Rules.violation("§1.9", source, "onComplete before onSubscribe"));
            return;
        }
        if (gate.isCancelled() || outcomeDecided()) {
            return;
        }
        complete();
    }

    /**
     * Ends the publisher's part with a rule violation (the first one wins; later signals are
     * ignored), and hands it to {@link #recordViolation}. Called on the publisher's signal thread.
     */
    final void violation(Throwable e) {
        publisherTerminated = true;
        if (violated) {
            return;
        }
        violated = true;
        recordViolation(e);
    }

    /** Routes a violation (or a failed request/cancel) that nobody will receive any more. */
    final void drop(Throwable e) {
        Rules.dropped(dropped, context, e);
    }

    // ---- what the subclass does with signals that passed the checks

    /** A legal element, within the subscription and before any terminal signal. */
    abstract void next(T t);

    /** The publisher's legal onError. */
    abstract void error(Throwable e);

    /** The publisher's legal onComplete. */
    abstract void complete();

    /** The first rule violation: make it the outcome, unless the consumer is gone. */
    abstract void recordViolation(Throwable e);

    /** The Subscription's request or cancel threw (§3.15, §3.16); any thread. */
    abstract void callFailed(RuntimeException e);

    /** Whether the outcome no longer depends on terminal signals (an await that has decided). */
    boolean outcomeDecided() {
        return false;
    }
}
