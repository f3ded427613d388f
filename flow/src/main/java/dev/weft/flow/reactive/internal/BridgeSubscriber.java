package dev.weft.flow.reactive.internal;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Base of weft's subscribers: each implements both {@link Subscriber} and
 * {@link java.util.concurrent.Flow.Subscriber}, so the JDK variant of the bridge subscribes the very
 * same object and only a JDK subscription gets wrapped (its request/cancel calls are rare).
 *
 * @param <T> the element type
 */
public abstract class BridgeSubscriber<T> implements Subscriber<T>, java.util.concurrent.Flow.Subscriber<T> {

    BridgeSubscriber() {
    }

    @Override
    public final void onSubscribe(java.util.concurrent.Flow.Subscription s) {
        if (s == null) {
            onSubscribe((Subscription) null);
            return;
        }
        onSubscribe(JdkAdapters.toReactive(s));
    }

    @Override
    public abstract void onSubscribe(Subscription s);
}
