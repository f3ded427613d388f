package dev.weft.reactor.internal;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.util.context.Context;

/**
 * Hands one of weft's subscribers to a Reactor source as a {@link CoreSubscriber} whose
 * {@link #currentContext()} is the subscribing coroutine's Reactor context (plus captured
 * ThreadLocals), so {@code Mono.deferContextual} and {@code contextWrite}-aware operators upstream
 * see it. Signals pass through unchanged; the rule checks stay in the wrapped subscriber.
 *
 * @param <T> the element type
 */
final class ContextSubscriber<T> implements CoreSubscriber<T> {
    private final Subscriber<? super T> actual;
    private final Context context;

    ContextSubscriber(Subscriber<? super T> actual, Context context) {
        this.actual = actual;
        this.context = context;
    }

    @Override
    public Context currentContext() {
        return context;
    }

    @Override
    public void onSubscribe(Subscription s) {
        actual.onSubscribe(s);
    }

    @Override
    public void onNext(T t) {
        actual.onNext(t);
    }

    @Override
    public void onError(Throwable t) {
        actual.onError(t);
    }

    @Override
    public void onComplete() {
        actual.onComplete();
    }

    @Override
    public String toString() {
        return actual.toString();
    }
}
