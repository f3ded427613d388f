package dev.weft.rxjava3.internal;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import java.util.Objects;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The Publisher that weft's bridge subscribes to for {@code RxFlows.asFlow(Flowable)}: it
 * subscribes the bridge's Subscriber to the Flowable as a {@link FlowableSubscriber}, so RxJava
 * does not wrap it in its {@code StrictSubscriber} (two atomic operations per element, and a
 * second set of rule checks: weft's Subscriber checks the rules itself). It adds one RxJava
 * convention: an {@code onError} that arrives after the bridge cancelled goes to
 * {@code RxJavaPlugins.onError} (as RxJava's own operators do) instead of being dropped.
 *
 * @param <T> the element type
 */
public final class FlowableUpstream<T> implements Publisher<T> {
    private final Flowable<? extends T> source;

    /**
     * Wraps {@code source}.
     *
     * @param source the Flowable
     * @throws NullPointerException if {@code source} is null
     */
    public FlowableUpstream(Flowable<? extends T> source) {
        this.source = Objects.requireNonNull(source, "flowable");
    }

    @Override
    public void subscribe(Subscriber<? super T> s) {
        source.subscribe(new Relay<T>(s, source));
    }

    @Override
    public String toString() {
        return String.valueOf(source);
    }

    /** Passes every signal through; remembers a cancel to route a later onError. */
    static final class Relay<T> implements FlowableSubscriber<T>, Subscription {
        private final Subscriber<? super T> downstream;
        private final Object source;
        private Subscription upstream;
        private volatile boolean cancelled;

        Relay(Subscriber<? super T> downstream, Object source) {
            this.downstream = downstream;
            this.source = source;
        }

        @Override
        public void onSubscribe(Subscription s) {
            upstream = s;
            downstream.onSubscribe(this);
        }

        @Override
        public void onNext(T t) {
            downstream.onNext(t);
        }

        @Override
        public void onError(Throwable t) {
            if (cancelled) {
                Undeliverable.report(t, "asFlow(" + source + "): onError after the collection had cancelled");
                return;
            }
            downstream.onError(t);
        }

        @Override
        public void onComplete() {
            downstream.onComplete();
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            cancelled = true;
            upstream.cancel();
        }
    }
}
