package dev.weft.flow.reactive.internal;

import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.Job;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.Exceptions;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.function.ThrowingFunction;
import dev.weft.flow.function.ThrowingPredicate;
import dev.weft.flow.internal.LoopSource;
import dev.weft.flow.internal.TransformOps;
import dev.weft.flow.reactive.DroppedErrorHandler;
import dev.weft.flow.reactive.PolledSubscription;
import dev.weft.flow.reactive.ReactiveFlows;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The Subscriber behind {@code asFlow}: it queues what the Publisher signals and hands it to the
 * collecting coroutine, which drains the queue and emits downstream.
 *
 * <p><b>Threads.</b> The Publisher's signals (serial, §1.3) are the only producer of a
 * single-producer / single-consumer queue; the collecting coroutine is its only consumer. The
 * producer wakes the consumer only when it is parked, and not at all when it signals on the
 * consumer's own thread (a synchronous publisher emitting inside {@code request}). The first
 * {@code request} is made inside {@code onSubscribe}, so a source that starts at once never finds
 * zero demand; refills come from the collecting coroutine (with {@code flowOn}, from the requester
 * coroutine on the chosen dispatcher); an {@link UpstreamGate} keeps all calls on the
 * Subscription serial (§2.7).
 *
 * <p><b>Demand.</b> In the default (suspending) mode the consumer requests {@code prefetch} and
 * then, each time 75% of that has been consumed, the consumed amount again: at most
 * {@code prefetch} elements are ever outstanding, which is also the queue's capacity. A Publisher
 * that signals beyond demand breaks §1.1 and fails the collection. The dropping modes
 * ({@code conflate()}, {@code buffer(n, DROP_*)}) request {@code Long.MAX_VALUE} once.
 *
 * <p><b>Polling.</b> In the suspending mode, collected directly (no {@code flowOn}), the subscriber
 * {@linkplain #acceptsPolling() accepts} a {@link PolledSubscription} while it subscribes: an
 * adapter's synchronously drainable source (Reactor's or RxJava's {@code SYNC} fusion). The queue
 * and the demand accounting are then skipped: the collecting coroutine polls each element and
 * emits it, so the source produces exactly as fast as the collector takes.
 *
 * <p><b>Misbehaving publishers</b> are detected on the signalling side and turned into a failure of
 * the collection whose message starts with the rule (§1.1, §1.7, §1.9, §2.12, §2.13); elements
 * legally delivered before the violation are emitted first. Signals after weft cancelled are legal
 * (§2.8) and dropped. A violation that arrives after the consumer has finished is logged.
 *
 * @param <T> the element type
 */
public final class AsFlowSubscriber<T> extends BridgeSubscriber<T> {
    /** Bounded prefetch up to this size uses a ring buffer; above it, linked chunks. */
    private static final int MAX_RING = 1 << 12;
    /** In the unbounded modes the consumer checks for cancellation this often. */
    private static final int CHECK_INTERVAL = 1024;

    private static final Object COMPLETE = new Marker("COMPLETE");
    private static final Object CLAIMED = new Marker("CLAIMED");

    private static final VarHandle TERMINAL;
    private static final VarHandle WAITER;
    private static final VarHandle REQUESTER_WAITER;
    private static final VarHandle PENDING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TERMINAL = l.findVarHandle(AsFlowSubscriber.class, "terminal", Object.class);
            WAITER = l.findVarHandle(AsFlowSubscriber.class, "waiter", Thread.class);
            REQUESTER_WAITER = l.findVarHandle(AsFlowSubscriber.class, "requesterWaiter", Thread.class);
            PENDING = l.findVarHandle(AsFlowSubscriber.class, "pending", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private record Marker(String name) {
    }

    /** A terminal state caused by a rule violation: the consumer cancels upstream and fails. */
    private record Violation(Throwable error) {
    }

    /**
     * With {@code flowOn}: the requester coroutine ended while the consumer still waited (its
     * dispatcher was closed, which cancels it). The consumer fails with that cancellation, as a
     * {@code flow {}} producer on the same dispatcher would make it.
     */
    private record RequesterEnded(Throwable cause) {
    }

    /** First request; {@code Long.MAX_VALUE} in the unbounded and dropping modes. */
    private final long prefetch;
    /** Refill amount, or 0 when the first request was unbounded. */
    private final long limit;
    /** Whether onNext is checked against the outstanding demand (the suspending mode). */
    private final boolean bounded;
    /** Whether a PolledSubscription may replace the queue (the suspending mode). */
    private final boolean pollable;
    private final SignalQueue<T> queue;

    /**
     * null, COMPLETE, the upstream error, a Violation, a RequesterEnded, or CLAIMED once the
     * consumer took it or left.
     */
    private volatile @Nullable Object terminal;
    private volatile @Nullable Thread waiter;
    private volatile @Nullable Thread requesterWaiter;
    /** With flowOn: demand the consumer asks the requester coroutine to request. */
    private volatile long pending;
    /** Set by the consumer when upstream terminated by itself: no cancel is due. */
    private volatile boolean upstreamFinished;

    // ---- producer side: touched only by the Publisher's serial signals (§1.3)
    private long produced;
    private long demandSeen;

    // ---- consumer side
    /** The draining thread; a signal on this very thread needs no wake-up. */
    private @Nullable Thread consumerThread;
    /** True while the consumer subscribes directly: a PolledSubscription is accepted then. */
    private boolean subscribing;
    /** The source to poll, set during the direct subscribe (on the consumer's thread). */
    private @Nullable PolledSubscription<T> polled;

    private AsFlowSubscriber(Object source, DroppedErrorHandler dropped, long prefetch, long limit, boolean bounded,
                             boolean pollable, SignalQueue<T> queue) {
        super(source, dropped);
        this.prefetch = prefetch;
        this.limit = limit;
        this.bounded = bounded;
        this.pollable = pollable;
        this.queue = queue;
        gate.request(prefetch); // made inside onSubscribe
    }

    /**
     * Creates the subscriber for one collection.
     *
     * @param source   the publisher, named in error messages
     * @param capacity the buffer: a size {@code >= 0} ({@code 0} requests one element at a time), or
     *                 {@link Channel#UNLIMITED}
     * @param overflow {@code SUSPEND} requests against the buffer; the dropping policies request
     *                 everything and drop from the buffer when the collector lags
     * @param dropped  where errors nobody can receive go
     * @param <T>      the element type
     * @return a new subscriber
     */
    public static <T> AsFlowSubscriber<T> create(Object source, int capacity, BufferOverflow overflow,
                                                 DroppedErrorHandler dropped) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be resolved to a size or UNLIMITED: " + capacity);
        }
        if (overflow == BufferOverflow.SUSPEND) {
            if (capacity == Channel.UNLIMITED) {
                return new AsFlowSubscriber<>(source, dropped, Long.MAX_VALUE, 0, false, true, new SpscLinkedQueue<>());
            }
            int n = Math.max(1, capacity);
            long limit = n - (n >> 2); // refill once 75% has been consumed
            SignalQueue<T> q = n <= MAX_RING ? new SpscArrayQueue<>(n) : new SpscLinkedQueue<>();
            return new AsFlowSubscriber<>(source, dropped, n, limit, true, true, q);
        }
        SignalQueue<T> q;
        if (capacity == Channel.UNLIMITED) {
            q = new SpscLinkedQueue<>();
        } else if (overflow == BufferOverflow.DROP_LATEST) {
            q = new SpscArrayQueue<>(Math.max(1, capacity)); // a full ring refuses: the new element is dropped
        } else {
            q = new DropOldestQueue<>(Math.max(1, capacity));
        }
        return new AsFlowSubscriber<>(source, dropped, Long.MAX_VALUE, 0, false, false, q);
    }

    // =====================================================================================
    // consumer side

    /**
     * Subscribes to {@code upstream} from the calling coroutine and emits what it signals to
     * {@code collector} until it completes. Requests and cancel are made by the caller.
     *
     * @param upstream  the publisher to subscribe to
     * @param collector receives the elements
     * @throws Exception the upstream error (as signalled), a rule violation, or the collector's
     *         failure; a cancellation of the caller cancels the subscription
     */
    public void collect(Upstream<T> upstream, FlowCollector<? super T> collector) throws Exception {
        this.<T>collect(upstream, null, null, true, collector);
    }

    /**
     * Like {@link #collect(Upstream, FlowCollector)}, through a {@code map}/{@code filter} stage (see
     * {@link LoopSource#collectThrough}): run inside the polling loop when the source is polled,
     * as a wrapping collector otherwise.
     *
     * @param upstream  the publisher to subscribe to
     * @param mapper    the map function, or null
     * @param predicate the filter, or null
     * @param keep      true for {@code filter}, false for {@code filterNot}
     * @param collector receives the elements after the stage
     * @param <R> the element type after the stage
     * @throws Exception as {@link #collect(Upstream, FlowCollector)}
     */
    public <R> void collect(Upstream<T> upstream, @Nullable ThrowingFunction<? super T, ? extends R> mapper,
            @Nullable ThrowingPredicate<? super R> predicate, boolean keep, FlowCollector<? super R> collector)
            throws Exception {
        consumerThread = Thread.currentThread();
        subscribing = pollable;
        try {
            subscribeTo(upstream);
        } finally {
            subscribing = false;
        }
        PolledSubscription<T> p = polled;
        if (p != null) {
            drainPolled(p, mapper, predicate, keep, collector);
        } else {
            drain(LoopSource.stage(mapper, predicate, keep, collector), true);
        }
    }

    @Override
    public boolean acceptsPolling() {
        // Only the consumer itself, inside its own subscribe call: a later onSubscribe (from another
        // thread) finds the consumer already draining the queue.
        return subscribing && polled == null && Thread.currentThread() == consumerThread;
    }

    @Override
    void takePolled(PolledSubscription<T> s) {
        polled = s;
    }

    /**
     * Like {@link #collect}, but the subscribe, request and cancel calls run in a coroutine on
     * {@code dispatcher} (what {@code flowOn} means for a Publisher); the elements cross to the
     * caller through the queue.
     *
     * @param dispatcher where subscribe, request and cancel run
     * @param upstream   the publisher to subscribe to
     * @param collector  receives the elements
     * @throws Exception as {@link #collect}
     */
    public void collectOn(Dispatcher dispatcher, Upstream<T> upstream, FlowCollector<? super T> collector)
            throws Exception {
        consumerThread = Thread.currentThread();
        Throwable[] failure = new Throwable[1];
        Coroutines.coroutineScope(scope -> {
            Job requester = scope.launch(dispatcher, () -> runRequester(upstream));
            requester.invokeOnCompletion(this::requesterEnded); // also if its body never ran
            try {
                drain(collector, false);
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                requester.cancel();
            }
            return null;
        });
        if (failure[0] != null) {
            throw Exceptions.asException(failure[0]);
        }
    }

    private void drain(FlowCollector<? super T> collector, boolean direct) throws Exception {
        boolean cancel = true;
        try {
            long interval = limit != 0 ? limit : CHECK_INTERVAL;
            long count = 0;
            SignalQueue<T> q = queue;
            for (;;) {
                T v = q.poll();
                if (v != null) {
                    collector.emit(v);
                    if (++count == interval) {
                        count = 0;
                        Cancellation.check();
                        if (limit != 0) {
                            requestMore(limit, direct);
                        }
                    }
                    continue;
                }
                Object t = terminal;
                if (t == null) {
                    park();
                    continue;
                }
                if (!q.isEmpty() || !TERMINAL.compareAndSet(this, t, CLAIMED)) {
                    continue; // elements signalled before the terminal signal go first
                }
                if (t == COMPLETE) {
                    cancel = false;
                    upstreamFinished = true;
                    return;
                }
                if (t instanceof Violation violation) {
                    throw Exceptions.asException(violation.error()); // cancel stays due: the publisher may go on
                }
                if (t instanceof RequesterEnded ended) {
                    throw Exceptions.asException(ended.cause()); // it cancelled the subscription as it ended
                }
                cancel = false;
                upstreamFinished = true;
                throw Exceptions.asException((Throwable) t);
            }
        } finally {
            if (cancel) {
                // The consumer leaves early (the collector stopped, failed or was cancelled): close
                // the terminal slot, so that what the publisher's side still records (a cancel that
                // throws, §3.15) is reported instead of waiting there for nobody; a violation
                // recorded and not taken yet is reported too.
                Object left = TERMINAL.getAndSet(this, CLAIMED);
                if (left instanceof Violation violation) {
                    drop(violation.error());
                }
                if (direct) {
                    gate.cancel(); // §2.6
                }
            }
        }
    }

    /**
     * Drains a polled source: each element is produced by {@code poll()} on this coroutine and
     * emitted at once. Cancels the source when the collector stops, fails or is cancelled, and
     * when {@code poll()} fails.
     */
    @SuppressWarnings("unchecked") // without a mapper, R is T
    private <R> void drainPolled(PolledSubscription<T> p, @Nullable ThrowingFunction<? super T, ? extends R> mapper,
            @Nullable ThrowingPredicate<? super R> predicate, boolean keep, FlowCollector<? super R> collector)
            throws Exception {
        boolean cancel = true;
        try {
            int count = 0;
            for (;;) {
                T v = p.poll();
                if (v == null) {
                    break;
                }
                R r = mapper == null ? (R) v : Objects.requireNonNull(mapper.apply(v), TransformOps.MAPPER_NULL);
                if (predicate == null || predicate.test(r) == keep) {
                    collector.emit(r);
                }
                if (++count == CHECK_INTERVAL) {
                    count = 0;
                    Cancellation.check(); // a collector that never suspends still notices cancellation
                    if (terminal instanceof Violation) {
                        break; // a rule broken on the signalling side: reported below
                    }
                }
            }
            Object t = (Object) TERMINAL.getAndSet(this, CLAIMED);
            if (t instanceof Violation violation) {
                throw Exceptions.asException(violation.error()); // cancel stays due
            }
            cancel = false;
            upstreamFinished = true;
            if (t instanceof Throwable e) {
                throw Exceptions.asException(e); // signalled rather than thrown by poll(): still the source's failure
            }
        } finally {
            if (cancel) {
                Object left = TERMINAL.getAndSet(this, CLAIMED);
                if (left instanceof Violation violation) {
                    drop(violation.error());
                }
                gate.cancel(); // §2.6
            }
        }
    }

    /** Parks the consumer until the queue or the terminal state may have changed. */
    private void park() {
        Cancellation.check();
        WAITER.setVolatile(this, Thread.currentThread());
        if (queue.isEmpty() && terminal == null) {
            LockSupport.park(this);
        }
        WAITER.setOpaque(this, null);
        Cancellation.check();
    }

    private void requestMore(long n, boolean direct) {
        if (terminal != null) {
            return; // §2.4: after a terminal signal the subscription counts as cancelled
        }
        if (direct) {
            gate.request(n);
        } else {
            PENDING.getAndAdd(this, n);
            Thread r = requesterWaiter;
            if (r != null && REQUESTER_WAITER.compareAndSet(this, r, null)) {
                LockSupport.unpark(r);
            }
        }
    }

    private void subscribeTo(Upstream<T> up) {
        try {
            up.subscribe(this);
        } catch (Throwable t) {
            // §1.9: subscribe must return normally; the collection fails with what it threw
            IllegalStateException v = Rules.violation("§1.9", source, "subscribe threw instead of signalling onError");
            v.initCause(t);
            if (TERMINAL.compareAndSet(this, null, new Violation(v))) {
                wakeAll();
            }
        }
    }

    /**
     * Completion handler of the requester coroutine: when it ends before the consumer is done (its
     * dispatcher was closed; perhaps before its body ran), it cancels the subscription and fails
     * the waiting consumer with its cancellation. After the consumer is done this does nothing.
     */
    private void requesterEnded(@Nullable Throwable cause) {
        if (terminal == CLAIMED) {
            return;
        }
        if (!upstreamFinished) {
            gate.cancel();
        }
        Throwable why = cause != null ? cause
                : new java.util.concurrent.CancellationException("the requester coroutine of " + this + " ended");
        if (TERMINAL.compareAndSet(this, null, new RequesterEnded(why))) {
            wakeAll();
        }
    }

    /** The body of the requester coroutine of {@link #collectOn}; ends only by cancellation. */
    private void runRequester(Upstream<T> up) {
        try {
            subscribeTo(up); // a synchronous publisher calls onSubscribe, so the first request, here
            for (;;) {
                long n = (long) PENDING.getAndSet(this, 0L);
                if (n != 0) {
                    if (terminal == null) {
                        gate.request(n);
                    }
                    continue;
                }
                parkRequester();
            }
        } finally {
            if (!upstreamFinished) {
                gate.cancel();
            }
        }
    }

    private void parkRequester() {
        Cancellation.check();
        REQUESTER_WAITER.setVolatile(this, Thread.currentThread());
        if (pending == 0) {
            LockSupport.park(this);
        }
        REQUESTER_WAITER.setOpaque(this, null);
        Cancellation.check();
    }

    // =====================================================================================
    // producer side: the Publisher's signals

    @Override
    void next(T t) {
        if (bounded) {
            long p = produced;
            if (p == demandSeen && p == (demandSeen = gate.requested)) {
                violation(Rules.violation("§1.1", source, "onNext beyond demand (" + p
                        + " requested, one more signalled)"));
                return;
            }
            produced = p + 1;
        }
        if (!queue.offer(t) && bounded) {
            violation(Rules.violation("§1.1", source, "onNext beyond demand (buffer of " + prefetch + " is full)"));
            return;
        }
        if (Thread.currentThread() != consumerThread) {
            signalConsumer();
        }
    }

    @Override
    void error(Throwable e) {
        if (TERMINAL.compareAndSet(this, null, e)) {
            wakeAll();
        }
    }

    @Override
    void complete() {
        if (TERMINAL.compareAndSet(this, null, COMPLETE)) {
            wakeAll();
        }
    }

    /**
     * Records a rule violation as the terminal state, replacing a completion or an error the
     * consumer has not taken yet.
     */
    @Override
    void recordViolation(Throwable e) {
        for (;;) {
            Object t = terminal;
            if (t == CLAIMED || gate.isCancelled()) {
                drop(e);
                return;
            }
            if (t instanceof Throwable prior) {
                e.addSuppressed(prior);
            }
            if (TERMINAL.compareAndSet(this, t, new Violation(e))) {
                break;
            }
        }
        wakeAll();
    }

    @Override
    void callFailed(RuntimeException v) {
        if (TERMINAL.compareAndSet(this, null, new Violation(v))) {
            wakeAll();
        } else {
            drop(v);
        }
    }

    private void signalConsumer() {
        VarHandle.fullFence(); // the element store must be visible before we look for a parked consumer
        Thread w = waiter;
        if (w != null && WAITER.compareAndSet(this, w, null)) {
            LockSupport.unpark(w);
        }
    }

    private void wakeAll() {
        signalConsumer();
        Thread r = requesterWaiter;
        if (r != null && REQUESTER_WAITER.compareAndSet(this, r, null)) {
            LockSupport.unpark(r);
        }
    }

    @Override
    public String toString() {
        return "AsFlowSubscriber(" + Rules.describe(source) + ")";
    }
}
