package dev.weft.flow.reactive.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Job;
import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.CoroutineImpl;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.reactive.DroppedErrorHandler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One subscription to a publisher made by {@code asPublisher} or {@code publish}: a coroutine that
 * runs the producer ({@link Body}) and hands each element to the Subscriber only against demand.
 *
 * <p><b>Life cycle.</b> {@code subscribe} calls {@code onSubscribe} and then launches the
 * coroutine, so every later signal happens after {@code onSubscribe} returned (§1.3); the caller
 * never blocks (§1.9). The coroutine runs the producer up to its first element and parks there
 * until the first {@code request}: a producer that fails or completes before emitting signals that
 * at once, without demand (§1.4, §1.5; what the TCK expects of a failed publisher, §1.9).
 *
 * <p><b>Demand.</b> {@code request(n)} adds to a total that saturates at {@code Long.MAX_VALUE}
 * (§3.17) with one CAS and wakes the producer only if it is parked; the producer compares its own
 * count with the total and parks only when they are equal, so it does not park per element while
 * demand is available. {@code request(n <= 0)} stops the producer and signals
 * {@code onError(IllegalArgumentException)} citing §3.9.
 *
 * <p><b>Cancellation.</b> {@code cancel()} (idempotent, §3.7) cancels the coroutine, whose producer
 * sees a {@link CancellationException} at its next suspension point or emission; nothing is
 * signalled after it (§1.8) and the reference to the Subscriber is dropped when the coroutine ends
 * (§3.13). A Subscriber method that throws (§2.13) counts as a cancellation; the failure goes to the
 * dropped-error handler, as does a producer failure (other than a cancellation) after a cancel.
 *
 * @param <T> the element type
 */
public final class FlowSubscription<T> implements Subscription, java.util.concurrent.Flow.Subscription, FlowCollector<T> {

    /**
     * What the coroutine runs: emits through {@link FlowSubscription#emit}; returning completes the
     * Subscriber, throwing fails it.
     *
     * @param <T> the element type
     */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * Runs the producer.
         *
         * @param sink where elements go
         * @throws Exception the producer's failure, signalled with onError
         */
        void run(FlowSubscription<T> sink) throws Exception;
    }

    /** Running (or about to run) normally. */
    private static final int RUNNING = 0;
    /** Cancelled by the Subscriber. */
    private static final int CANCELLED = 1;
    /** A non-positive request: the Subscriber gets onError (§3.9). */
    private static final int BAD_REQUEST = 2;
    /** A Subscriber method threw (§2.13): no more signals. */
    private static final int SUBSCRIBER_FAILED = 3;
    /** The terminal signal has been (or is being) delivered. */
    private static final int DONE = 4;

    private static final VarHandle STOP;
    private static final VarHandle REQUESTED;
    private static final VarHandle WAITER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STOP = l.findVarHandle(FlowSubscription.class, "stop", int.class);
            REQUESTED = l.findVarHandle(FlowSubscription.class, "requested", long.class);
            WAITER = l.findVarHandle(FlowSubscription.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Body<T> body;
    /** Read by the producer; nulled when the coroutine ends or never starts (§3.13). */
    private @Nullable Subscriber<? super T> subscriber;
    /** The publisher, whose {@code toString()} describes it in messages. */
    private final Object description;
    /** The coroutine's context (dispatcher, name, user and per-subscriber elements). */
    private final CoroutineContext context;
    private final DroppedErrorHandler dropped;

    private volatile int stop;
    private volatile long requested;
    private volatile @Nullable Thread waiter;
    private volatile @Nullable Job job;
    private volatile @Nullable Thread coroutineThread;
    private volatile @Nullable IllegalArgumentException badRequest;
    /** Called once when the Subscriber stops the producer (cancel or bad request). */
    private volatile @Nullable Runnable onStop;

    // ---- producer side; guarded by the producer's lock when several coroutines send (publish)
    private long emitted;
    private long demandSeen;

    FlowSubscription(Body<T> body, Subscriber<? super T> subscriber, Object description, CoroutineContext context,
                     DroppedErrorHandler dropped) {
        this.body = body;
        this.subscriber = subscriber;
        this.description = description;
        this.context = context;
        this.dropped = dropped;
    }

    // =====================================================================================
    // Subscription

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest(n);
            return;
        }
        long r;
        long u;
        do {
            r = requested;
            if (r == Long.MAX_VALUE) {
                return; // unbounded already (§3.17)
            }
            u = r + n;
            if (u < 0) {
                u = Long.MAX_VALUE; // §3.17: saturate
            }
        } while (!REQUESTED.compareAndSet(this, r, u));
        Thread w = waiter;
        if (w != null && WAITER.compareAndSet(this, w, null)) {
            LockSupport.unpark(w);
        }
    }

    @Override
    public void cancel() {
        if (STOP.compareAndSet(this, RUNNING, CANCELLED)) { // §3.7: later cancels, and cancel after the end, are NOPs
            stopProducer();
        }
    }

    private void badRequest(long n) {
        IllegalArgumentException e = new IllegalArgumentException("§3.9 violated by " + Rules.describe(subscriber)
                + ": request(" + n + "); the number of requested elements must be positive");
        badRequest = e;
        if (STOP.compareAndSet(this, RUNNING, BAD_REQUEST)) { // §3.6: after cancel it is a NOP
            stopProducer();
        }
    }

    /** Records a Subscriber method that threw: the subscription counts as cancelled (§2.13). */
    void subscriberFailed(String signal, Throwable t) {
        Rules.subscriberFailed(dropped, context, subscriber, signal, t);
        if (STOP.compareAndSet(this, RUNNING, SUBSCRIBER_FAILED)) {
            stopProducer();
        }
    }

    private void stopProducer() {
        Runnable hook = onStop;
        if (hook != null) {
            onStop = null;
            hook.run();
        }
        // Interrupt the body only once it runs: a weft coroutine cancelled before its body starts
        // never runs it, and the body must run to signal onError after a bad request. A body that
        // has not started yet sees the stop flag first thing. On the coroutine's own thread (cancel
        // from inside onNext) the flag is enough too: emit checks it right after onNext, and an
        // interrupt would disturb the rest of onNext.
        Job j = job;
        Thread ct = coroutineThread;
        if (j != null && ct != null && Thread.currentThread() != ct) {
            j.cancel();
        }
        Thread w = waiter;
        if (w != null && WAITER.compareAndSet(this, w, null)) {
            LockSupport.unpark(w);
        }
    }

    // =====================================================================================
    // life cycle

    /**
     * Launches the coroutine (after {@code onSubscribe} returned), unless the Subscriber already
     * cancelled; never throws.
     */
    void start() {
        if (stop != RUNNING) {
            finish(null); // cancelled, or a bad request / failed subscriber inside onSubscribe
            return;
        }
        Job j;
        try {
            // If something else cancels the coroutine before its body runs (its dispatcher closing),
            // the body never runs: the coroutine then calls Runner.skipped, which signals instead.
            j = CoroutineImpl.start(null, CoroutineContext.empty(), context, new Runner(), false);
        } catch (RuntimeException | Error e) {
            finish(e); // the dispatcher refused (closed): no coroutine runs, signal from here (§1.9)
            return;
        }
        job = j;
        Thread ct = coroutineThread;
        if (stop != RUNNING && stop != DONE && ct != null && ct != Thread.currentThread()) {
            j.cancel(); // a stop raced with the launch while the body was already running
        }
    }

    /** The coroutine's body, which also hears when it will never run. */
    private final class Runner implements Callable<@Nullable Void>, CoroutineImpl.SkippableBody {
        @Override
        public @Nullable Void call() {
            return runCoroutine();
        }

        @Override
        public void skipped(Throwable cause) {
            finish(cause);
        }
    }

    private @Nullable Void runCoroutine() {
        coroutineThread = Thread.currentThread(); // before reading stop: see stopProducer
        Throwable failure = null;
        try {
            if (stop == RUNNING) {
                body.run(this);
            }
        } catch (Throwable t) {
            failure = t;
        }
        finish(failure);
        return null;
    }

    /**
     * Ends a subscription whose coroutine cannot run (the context hook failed): the Subscriber gets
     * {@code failure} after {@code onSubscribe}, unless it cancelled meanwhile.
     */
    void fail(Throwable failure) {
        finish(failure);
    }

    /** Delivers the terminal signal, if one is due, and drops the Subscriber (§3.13). */
    private void finish(@Nullable Throwable failure) {
        Subscriber<? super T> s = subscriber;
        subscriber = null;
        if (s == null) {
            return;
        }
        for (;;) {
            int st = stop;
            if (st == CANCELLED || st == SUBSCRIBER_FAILED || st == DONE) {
                if (failure != null && !(failure instanceof CancellationException) && st != DONE) {
                    Rules.droppedAfterCancel(dropped, context, description, failure); // nobody to tell
                }
                return; // §1.8: nothing after cancel
            }
            if (st == BAD_REQUEST) {
                if (STOP.compareAndSet(this, BAD_REQUEST, DONE)) {
                    signal(s, badRequest, "onError");
                    return;
                }
                continue;
            }
            if (STOP.compareAndSet(this, RUNNING, DONE)) {
                break;
            }
        }
        if (failure == null) {
            signal(s, null, "onComplete"); // §1.5
        } else {
            signal(s, failure, "onError"); // §1.4
        }
    }

    private void signal(Subscriber<? super T> s, @Nullable Throwable error, String what) {
        try {
            if (error == null) {
                s.onComplete();
            } else {
                s.onError(error);
            }
        } catch (Throwable t) {
            Rules.subscriberFailed(dropped, context, s, what, t); // §2.13
        }
    }

    // =====================================================================================
    // producer side

    /**
     * Hands {@code value} to the Subscriber, first suspending until there is demand.
     *
     * @throws NullPointerException if {@code value} is null (§2.13)
     * @throws CancellationException if the Subscriber cancelled (or requested a non-positive amount)
     */
    @Override
    public void emit(T value) {
        if (value == null) {
            throw new NullPointerException("value: a flow never emits null (Reactive Streams §2.13)");
        }
        long e = emitted;
        if (e == demandSeen) {
            demandSeen = awaitDemand(e);
        } else if ((e & 1023) == 0) {
            Cancellation.check(); // a producer that never waits still notices a cancelled coroutine
        }
        if (stop != RUNNING) {
            throw stopped();
        }
        emitted = e + 1;
        Subscriber<? super T> s = subscriber;
        try {
            s.onNext(value);
        } catch (Throwable t) {
            subscriberFailed("onNext", t);
        }
        if (stop != RUNNING) {
            throw stopped(); // cancelled from inside onNext
        }
    }

    /**
     * Hands {@code value} to the Subscriber if there is demand now; never suspends.
     *
     * @return whether it was delivered; false when there is no demand or the subscription stopped
     */
    boolean tryEmit(T value) {
        long e = emitted;
        if (stop != RUNNING || (e == demandSeen && e == (demandSeen = requested))) {
            return false;
        }
        emitted = e + 1;
        Subscriber<? super T> s = subscriber;
        try {
            s.onNext(value);
        } catch (Throwable t) {
            subscriberFailed("onNext", t);
        }
        return true;
    }

    /** @return whether the Subscriber stopped the producer (cancel, bad request, failure) */
    boolean isStopped() {
        int st = stop;
        return st != RUNNING && st != DONE;
    }

    /** Registers the hook run once when the Subscriber stops the producer. */
    void onStop(Runnable hook) {
        onStop = hook;
        if (isStopped() && onStop != null) {
            onStop = null;
            hook.run();
        }
    }

    /** @return the exception a stopped producer sees */
    CancellationException stopped() {
        int st = stop;
        if (st == BAD_REQUEST) {
            CancellationException ce = new CancellationException("subscription of " + description
                    + " stopped by a non-positive request (§3.9)");
            ce.initCause(badRequest);
            return ce;
        }
        if (st == SUBSCRIBER_FAILED) {
            return new CancellationException("subscription of " + description + " stopped: the subscriber failed (§2.13)");
        }
        return new CancellationException("subscription of " + description + " was cancelled");
    }

    private long awaitDemand(long e) {
        Thread me = Thread.currentThread();
        for (;;) {
            long r = requested;
            if (r != e) {
                return r;
            }
            if (stop != RUNNING) {
                throw stopped();
            }
            Cancellation.check();
            WAITER.setVolatile(this, me);
            if (requested == e && stop == RUNNING) {
                LockSupport.park(this);
            }
            WAITER.setOpaque(this, null);
            if (stop != RUNNING) {
                throw stopped();
            }
            Cancellation.check();
        }
    }

    @Override
    public String toString() {
        return "FlowSubscription(" + description + ", requested=" + requested + ", stop=" + stop + ")";
    }
}
