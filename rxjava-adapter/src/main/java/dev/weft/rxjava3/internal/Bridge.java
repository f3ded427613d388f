package dev.weft.rxjava3.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineName;
import dev.weft.core.Dispatcher;
import dev.weft.core.ThrowingRunnable;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.PolledSubscription;
import dev.weft.flow.reactive.PollingSubscriber;
import dev.weft.flow.reactive.ReactiveBridge;
import dev.weft.flow.reactive.UpstreamHook;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import io.reactivex.rxjava3.operators.QueueFuseable;
import io.reactivex.rxjava3.operators.QueueSubscription;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The one place where the RxJava adapter reaches weft's Reactive Streams bridge: a
 * {@link ReactiveBridge} with RxJava's two conventions plugged in (ADR 0007).
 * <ul>
 *   <li><b>Upstream:</b> a Flowable is subscribed with a {@link FlowableSubscriber} that forwards to
 *       the bridge's Subscriber, so RxJava does not wrap it in its {@code StrictSubscriber} (two
 *       atomic operations per element and a second set of rule checks; the bridge's Subscriber
 *       checks the rules itself).</li>
 *   <li><b>Dropped errors:</b> what nobody can receive any more (an {@code onError} after the
 *       collection cancelled, a builder's block failing after its subscriber disposed, a rule broken
 *       after the consumer finished) goes to {@code RxJavaPlugins.onError} through
 *       {@link Undeliverable}, naming the conversion: the {@link CoroutineName} each conversion
 *       gives its coroutines ({@code rxSingle}, {@code asFlowable}, ...), or the collecting
 *       coroutine's.</li>
 * </ul>
 * Demand, queues, coroutine life cycles and the rules all stay in the bridge.
 */
public final class Bridge {
    private static final ReactiveBridge RX = ReactiveBridge.standard()
            .withUpstream(new FlowableUpstream())
            .withDroppedErrors((error, context) -> Undeliverable.report(error, describe(context)));

    private Bridge() {
    }

    private static String describe(CoroutineContext context) {
        CoroutineName name = context.get(CoroutineName.KEY);
        return (name == null ? "RxFlows.asFlow or an await (in a coroutine without a name)"
                : "coroutine '" + name.name() + "'") + ": an error that nobody could receive any more";
    }

    /**
     * The flow of a Flowable (or of any Publisher).
     *
     * @param source the source
     * @param <T> the element type
     * @return a cold flow
     */
    public static <T> Flow<T> asFlow(Publisher<? extends T> source) {
        return RX.asFlow(source);
    }

    /**
     * A Publisher that collects {@code flow} in a coroutine per subscription on {@code dispatcher},
     * named {@code name}.
     *
     * @param flow       the source
     * @param dispatcher where each subscription's coroutine runs
     * @param name       the conversion, for reports and coroutine dumps
     * @param <T> the element type
     * @return the publisher
     */
    public static <T> Publisher<T> asPublisher(Flow<? extends T> flow, Dispatcher dispatcher, String name) {
        return RX.asPublisher(flow, dispatcher.plus(CoroutineName.of(name)));
    }

    /**
     * A Publisher that runs {@code block} in a coroutine per subscription on {@code dispatcher},
     * named {@code name}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      the producer
     * @param name       the conversion, for reports and coroutine dumps
     * @param <T> the element type
     * @return the publisher
     */
    public static <T> Publisher<T> publish(Dispatcher dispatcher, ProducerBlock<T> block, String name) {
        return RX.publish(dispatcher.plus(CoroutineName.of(name)), block);
    }

    /**
     * Awaits the only element of a publisher of exactly one element.
     *
     * @param source the publisher
     * @param <T> the element type
     * @return the element
     */
    public static <T> T awaitSingle(Publisher<? extends T> source) {
        return RX.awaitSingle(source);
    }

    /**
     * Awaits the element of a publisher of at most one element, or null if it completes empty;
     * never cancels after the value (the source completes by itself).
     *
     * @param source the publisher
     * @param <T> the element type
     * @return the element or null
     */
    public static <T> @Nullable T awaitSingleOrNull(Publisher<? extends T> source) {
        return RX.awaitSingleOrNull(source);
    }

    /**
     * Runs {@code body} in a root coroutine of its own on {@code dispatcher}: a {@code publish}
     * subscription that never requests (the body sends nothing). A failure of the body other than a
     * cancellation goes to {@code RxJavaPlugins.onError}.
     *
     * @param dispatcher where the coroutine runs
     * @param body       the coroutine's body
     * @param name       the coroutine's name, for reports and dumps
     * @return a handle whose {@code cancel()} cancels the coroutine
     * @throws java.util.concurrent.RejectedExecutionException if the dispatcher is closed
     */
    public static Subscription launch(Dispatcher dispatcher, ThrowingRunnable body, String name) {
        Launched l = new Launched(name);
        publish(dispatcher, scope -> body.run(), name).subscribe(l);
        RejectedExecutionException refused = l.refused;
        if (refused != null) {
            throw refused; // as documented: the caller decides where the refusal goes
        }
        l.subscribed = true;
        return l;
    }

    /** The subscriber behind {@link #launch}: keeps the subscription to cancel it, requests nothing. */
    private static final class Launched implements Subscriber<Object>, Subscription {
        private final String name;
        private volatile @Nullable Subscription upstream;
        private volatile boolean cancelled;
        /** Set once {@code subscribe} returned: a refusal signalled during it is thrown instead. */
        volatile boolean subscribed;
        volatile @Nullable RejectedExecutionException refused;

        Launched(String name) {
            this.name = name;
        }

        @Override
        public void onSubscribe(Subscription s) {
            upstream = s;
            if (cancelled) {
                s.cancel();
            }
        }

        @Override
        public void onNext(Object o) {
            // the body sends nothing
        }

        @Override
        public void onError(Throwable t) {
            if (!subscribed && t instanceof RejectedExecutionException r) {
                refused = r; // the dispatcher is closed: the coroutine never started
                return;
            }
            Undeliverable.report(t, name + ": failed");
        }

        @Override
        public void onComplete() {
            // done
        }

        @Override
        public void request(long n) {
            // the body sends nothing
        }

        @Override
        public void cancel() {
            cancelled = true;
            Subscription s = upstream;
            if (s != null) {
                s.cancel();
            }
        }
    }

    /** Subscribes a Flowable with a {@link FlowableSubscriber}; any other Publisher plainly. */
    private static final class FlowableUpstream implements UpstreamHook {
        @Override
        @SuppressWarnings("unchecked")
        public <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> subscriber, CoroutineContext context) {
            if (publisher instanceof Flowable<?> f) {
                ((Flowable<T>) f).subscribe(new Relay<>(subscriber));
            } else {
                publisher.subscribe(subscriber);
            }
        }
    }

    /** Forwards every signal unchanged; being a {@link FlowableSubscriber} is its whole point. */
    private static final class Relay<T> implements FlowableSubscriber<T> {
        private final Subscriber<? super T> downstream;

        Relay(Subscriber<? super T> downstream) {
            this.downstream = downstream;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onSubscribe(Subscription s) {
            if (s instanceof QueueSubscription<?> qs && downstream instanceof PollingSubscriber<?> ps
                    && ps.acceptsPolling() && qs.requestFusion(QueueFuseable.SYNC) == QueueFuseable.SYNC) {
                downstream.onSubscribe(new Polled<>((QueueSubscription<T>) qs));
                return;
            }
            downstream.onSubscribe(s);
        }

        @Override
        public void onNext(T t) {
            downstream.onNext(t);
        }

        @Override
        public void onError(Throwable t) {
            downstream.onError(t);
        }

        @Override
        public void onComplete() {
            downstream.onComplete();
        }
    }

    /**
     * A {@code SYNC}-fused Flowable subscription, drained by polling: the collecting coroutine pulls
     * each element of {@code range}, {@code fromIterable}, {@code fromArray} and the fuseable
     * operators after them, with no request, queue or {@code onNext} in between. {@code SYNC} is asked
     * for without {@code BOUNDARY}: the polls run on the thread that subscribed. A failing
     * {@code poll()} cancels the subscription and fails the collection, as in RxJava's own fused
     * consumers (fatal errors are rethrown as they are).
     */
    private static final class Polled<T> implements PolledSubscription<T> {
        private final QueueSubscription<T> qs;

        Polled(QueueSubscription<T> qs) {
            this.qs = qs;
        }

        @Override
        public @Nullable T poll() throws Exception {
            try {
                return qs.poll();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t); // a Throwable that is neither: still the source's failure
            }
        }

        @Override
        public void request(long n) {
            // SYNC mode: the polls are the demand
        }

        @Override
        public void cancel() {
            qs.cancel();
            qs.clear(); // as RxJava's fused consumers do: the source lets go of what it still holds
        }

        @Override
        public String toString() {
            return "Polled(" + qs + ")";
        }
    }
}
