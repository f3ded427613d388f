package dev.weft.rxjava3.internal;

import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.Job;
import dev.weft.core.ThrowingRunnable;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.reactive.ReactiveFlows;
import io.reactivex.rxjava3.core.Flowable;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The one place where the RxJava adapter reaches weft's Reactive Streams bridge: every conversion
 * of {@code RxFlows} that needs demand handling, a coroutine per subscription or an await goes
 * through here, with the RxJava conventions added (errors nobody can receive go to
 * {@code RxJavaPlugins.onError}; a Flowable is subscribed as a {@code FlowableSubscriber}).
 */
public final class Bridge {

    private Bridge() {
    }

    /**
     * The flow of a Flowable.
     *
     * @param source the Flowable
     * @param <T> the element type
     * @return a cold flow
     */
    public static <T> Flow<T> asFlow(Flowable<? extends T> source) {
        return ReactiveFlows.asFlow(new FlowableUpstream<T>(source));
    }

    /**
     * The flow of a Flowable with a given prefetch.
     *
     * @param source   the Flowable
     * @param prefetch the request size
     * @param <T> the element type
     * @return a cold flow
     */
    public static <T> Flow<T> asFlow(Flowable<? extends T> source, int prefetch) {
        return ReactiveFlows.asFlow(new FlowableUpstream<T>(source), prefetch);
    }

    /**
     * A Publisher that collects {@code flow} in a coroutine per subscription on {@code dispatcher}.
     *
     * @param flow       the source
     * @param dispatcher where each subscription's coroutine runs
     * @param what       the conversion, for reports
     * @param <T> the element type
     * @return the publisher
     */
    public static <T> Publisher<T> asPublisher(Flow<? extends T> flow, Dispatcher dispatcher, String what) {
        return ReactiveFlows.asPublisher(new Reporting<T>(flow, what), dispatcher);
    }

    /**
     * A Publisher that runs {@code block} in a coroutine per subscription on {@code dispatcher}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      the producer
     * @param what       the conversion, for reports
     * @param <T> the element type
     * @return the publisher
     */
    public static <T> Publisher<T> publish(Dispatcher dispatcher, ProducerBlock<T> block, String what) {
        return ReactiveFlows.publish(dispatcher, scope -> {
            try {
                block.run(scope);
            } catch (Throwable t) {
                reportIfCancelled(t, what);
                throw t;
            }
        });
    }

    /**
     * Awaits the only element of a publisher of at most one element.
     *
     * @param source the publisher
     * @param <T> the element type
     * @return the element
     */
    public static <T> T awaitSingle(Publisher<? extends T> source) {
        return ReactiveFlows.awaitSingle(source);
    }

    /**
     * Awaits the element of a publisher of at most one element, or null if it completes empty.
     *
     * @param source the publisher
     * @param <T> the element type
     * @return the element or null
     */
    public static <T> @Nullable T awaitOrNull(Publisher<? extends T> source) {
        return ReactiveFlows.awaitFirstOrNull(source);
    }

    /**
     * Runs {@code body} in a root coroutine of its own on {@code dispatcher} (a {@code publish}
     * subscription that never requests: the body sends nothing). A failure of the body other than
     * a cancellation goes to {@code RxJavaPlugins.onError}.
     *
     * @param dispatcher where the coroutine runs
     * @param body       the coroutine's body
     * @param what       the caller, for reports
     * @return a handle whose {@code cancel()} cancels the coroutine
     * @throws java.util.concurrent.RejectedExecutionException if the dispatcher is closed
     */
    public static Subscription launch(Dispatcher dispatcher, ThrowingRunnable body, String what) {
        Launched l = new Launched(what);
        ReactiveFlows.<Object>publish(dispatcher, scope -> body.run()).subscribe(l);
        return l;
    }

    /** The subscriber behind {@link #launch}: keeps the subscription to cancel it, requests nothing. */
    private static final class Launched implements Subscriber<Object>, Subscription {
        private final String what;
        private volatile @Nullable Subscription upstream;
        private volatile boolean cancelled;

        Launched(String what) {
            this.what = what;
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
            Undeliverable.report(t, what + ": failed");
        }

        @Override
        public void onComplete() {
        }

        @Override
        public void request(long n) {
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

    /** A failure that ends a subscription's coroutine after its subscriber cancelled reaches nobody. */
    static void reportIfCancelled(Throwable t, String what) {
        Job job = Coroutines.currentJob();
        if (job != null && job.isCancelled()) {
            Undeliverable.report(t, what + ": failed after its subscriber had cancelled");
        }
    }

    /** Reports a failure of the flow that ends after the subscriber cancelled. */
    private static final class Reporting<T> implements Flow<T> {
        private final Flow<? extends T> flow;
        private final String what;

        Reporting(Flow<? extends T> flow, String what) {
            this.flow = flow;
            this.what = what;
        }

        @Override
        public void collect(FlowCollector<? super T> collector) throws Exception {
            try {
                flow.collect(collector);
            } catch (Throwable t) {
                reportIfCancelled(t, what);
                throw t;
            }
        }

        @Override
        public String toString() {
            return String.valueOf(flow);
        }
    }
}
