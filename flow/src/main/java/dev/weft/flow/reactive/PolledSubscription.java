package dev.weft.flow.reactive;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

/**
 * A Subscription whose elements the subscriber takes by calling {@link #poll()} instead of
 * requesting them and receiving {@code onNext}: the form an adapter gives a source that its library
 * can drain synchronously (Reactor's and RxJava's {@code SYNC} fusion of {@code range},
 * {@code fromIterable}, {@code fromArray} and the {@code map}/{@code filter} stages fused onto
 * them). There is no queue and no demand accounting between the source and the collector: each
 * {@code poll()} produces the next element on the collecting coroutine, when the collector is ready
 * for it.
 *
 * <p>An adapter hands one to a bridge subscriber only after that subscriber's
 * {@link PollingSubscriber#acceptsPolling()} returned true on the same thread, inside the
 * {@link UpstreamHook}'s {@code subscribe}. The subscriber decides again when it receives it: where
 * it does not accept polling it treats the subscription as a plain one and calls {@link #request}
 * (which a source already switched to polling may ignore, so asking first matters).
 *
 * <p><b>Dispatcher:</b> {@code poll()} and {@code cancel()} are called by the collecting coroutine
 * only, one at a time. <b>Termination:</b> {@code poll()} returns null once the source is exhausted
 * and throws the source's failure; the source signals neither {@code onNext}, {@code onError} nor
 * {@code onComplete} meanwhile (a signal is a rule violation that fails the collection).
 * <b>Cancellation:</b> the subscriber calls {@code cancel()} when it stops early, after a failed
 * {@code poll()} too.
 *
 * @param <T> the element type
 */
public interface PolledSubscription<T> extends Subscription {
    /**
     * Produces the next element.
     *
     * @return the next element, or null when the source is exhausted (it then completed)
     * @throws Exception the source's failure; the collection fails with it
     */
    @Nullable T poll() throws Exception;
}
