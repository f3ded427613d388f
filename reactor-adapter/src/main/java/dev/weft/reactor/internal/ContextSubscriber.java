package dev.weft.reactor.internal;

import dev.weft.flow.reactive.PolledSubscription;
import dev.weft.flow.reactive.PollingSubscriber;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
import reactor.util.context.Context;

/**
 * Hands one of weft's subscribers to a Reactor source as a {@link CoreSubscriber} whose
 * {@link #currentContext()} is the subscribing coroutine's Reactor context (plus captured
 * ThreadLocals), so {@code Mono.deferContextual} and {@code contextWrite}-aware operators upstream
 * see it. Signals pass through unchanged; the rule checks stay in the wrapped subscriber.
 *
 * <p><b>Fusion.</b> When the wrapped subscriber {@linkplain PollingSubscriber#acceptsPolling() accepts
 * polling} and the source offers a {@link Fuseable.QueueSubscription} that grants {@code SYNC}
 * fusion ({@code range}, {@code fromIterable}, {@code fromArray}, {@code just} and the fuseable
 * operators after them), the subscriber gets a {@link PolledSubscription} over it: the collecting
 * coroutine pulls each element with {@code poll()}, with no request, queue or {@code onNext} in
 * between. {@code SYNC} is asked for without {@code THREAD_BARRIER}: the polls run on the thread
 * that subscribed, as the source's own {@code onNext} calls would. A fused operator that fails
 * has applied Reactor's {@code onOperatorError} hook inside {@code poll()}, once, as in its
 * {@code onNext}; a cancel clears the source (its discard hooks see what it still held), as in
 * Reactor's own fused consumers.
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
    @SuppressWarnings("unchecked")
    public void onSubscribe(Subscription s) {
        if (s instanceof Fuseable.QueueSubscription<?> qs && actual instanceof PollingSubscriber<?> ps
                && ps.acceptsPolling() && qs.requestFusion(Fuseable.SYNC) == Fuseable.SYNC) {
            actual.onSubscribe(new Polled<>((Fuseable.QueueSubscription<T>) qs));
            return;
        }
        actual.onSubscribe(s);
    }

    /** A {@code SYNC}-fused Reactor subscription, drained by polling. */
    private static final class Polled<T> implements PolledSubscription<T> {
        private final Fuseable.QueueSubscription<T> qs;

        Polled(Fuseable.QueueSubscription<T> qs) {
            this.qs = qs;
        }

        @Override
        public @Nullable T poll() {
            // A failing fused operator has applied Reactor's onOperatorError hook inside poll()
            // (Operators.onNextPollError), as its onNext would have: the failure is final here.
            return qs.poll();
        }

        @Override
        public void request(long n) {
            // SYNC mode: the polls are the demand
        }

        @Override
        public void cancel() {
            qs.cancel();
            qs.clear(); // as Reactor's fused consumers do: the source discards what it still holds
        }

        @Override
        public String toString() {
            return "Polled(" + qs + ")";
        }
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
