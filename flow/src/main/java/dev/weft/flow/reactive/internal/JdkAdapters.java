package dev.weft.flow.reactive.internal;

import java.util.Objects;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The few wrappers between {@code java.util.concurrent.Flow} and {@code org.reactivestreams}
 * that the bridge needs: weft's own subscribers and subscriptions implement both interface
 * families, so only foreign objects are wrapped, and only on the request/cancel path or once per
 * subscription.
 */
public final class JdkAdapters {
    private JdkAdapters() {
    }

    /**
     * Views a JDK subscription as a Reactive Streams one.
     *
     * @param s the JDK subscription
     * @return a view forwarding request and cancel
     */
    static Subscription toReactive(java.util.concurrent.Flow.Subscription s) {
        if (s instanceof Subscription rs) {
            return rs;
        }
        return new JdkSubscription(s);
    }

    /**
     * Views a JDK subscriber as a Reactive Streams one.
     *
     * @param s the JDK subscriber
     * @param <T> the element type
     * @return a view forwarding every signal
     */
    public static <T> Subscriber<T> toReactive(java.util.concurrent.Flow.Subscriber<? super T> s) {
        Objects.requireNonNull(s, "subscriber");
        return new JdkSubscriber<>(s);
    }

    private record JdkSubscription(java.util.concurrent.Flow.Subscription delegate) implements Subscription {
        @Override
        public void request(long n) {
            delegate.request(n);
        }

        @Override
        public void cancel() {
            delegate.cancel();
        }
    }

    private record JdkSubscriber<T>(java.util.concurrent.Flow.Subscriber<? super T> delegate) implements Subscriber<T> {
        @Override
        public void onSubscribe(Subscription s) {
            delegate.onSubscribe(s instanceof java.util.concurrent.Flow.Subscription fs ? fs : new ReactiveSubscription(s));
        }

        @Override
        public void onNext(T t) {
            delegate.onNext(t);
        }

        @Override
        public void onError(Throwable t) {
            delegate.onError(t);
        }

        @Override
        public void onComplete() {
            delegate.onComplete();
        }

        @Override
        public String toString() {
            return String.valueOf(delegate);
        }
    }

    private record ReactiveSubscription(Subscription delegate) implements java.util.concurrent.Flow.Subscription {
        @Override
        public void request(long n) {
            delegate.request(n);
        }

        @Override
        public void cancel() {
            delegate.cancel();
        }
    }
}
