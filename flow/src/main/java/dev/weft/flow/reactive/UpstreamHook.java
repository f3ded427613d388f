package dev.weft.flow.reactive;

import dev.weft.core.CoroutineContext;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * The upstream hook of a {@link ReactiveBridge}: subscribes weft's Subscriber to a source Publisher
 * on behalf of {@link ReactiveBridge#asFlow} and the awaits, given the coroutine context of the
 * coroutine that collects (or awaits).
 *
 * <p>An adapter uses it to subscribe in its library's own way: the Reactor adapter wraps the
 * Subscriber in a {@code CoreSubscriber} whose {@code currentContext()} is the Reactor context found
 * in {@code context} (so the context travels upstream, and Reactor skips its
 * {@code StrictSubscriber} wrapper). The hook must subscribe {@code subscriber} exactly once, to
 * {@code publisher} or to something that forwards {@code publisher}'s signals unchanged; the
 * subscriber keeps checking every Reactive Streams rule on what it receives.
 *
 * <p><b>Polling:</b> {@code subscriber} is a {@link PollingSubscriber}. A hook whose library can
 * drain the source synchronously (Reactor's and RxJava's {@code SYNC} fusion) may, inside this call
 * and only after {@link PollingSubscriber#acceptsPolling()} returned true, switch the source to that
 * mode and pass a {@link PolledSubscription} to {@code onSubscribe}: the collecting coroutine then
 * pulls each element, with no queue or demand in between (ADR 0012).
 *
 * <p><b>Dispatcher:</b> called on the collecting (awaiting) coroutine; with a following
 * {@code flowOn(d)}, on the coroutine on {@code d} that subscribes and requests, whose context
 * holds the collector's elements too. From a platform thread the context is empty.
 * <b>Failure:</b> a hook that throws is treated as a {@code subscribe} that threw (§1.9): the
 * collection or await fails with an {@link IllegalStateException} citing the rule, caused by it.
 *
 * <p>The method is generic, so the hook is written as a (nested or anonymous) class, not a lambda.
 */
public interface UpstreamHook {
    /**
     * Subscribes {@code subscriber} to {@code publisher}.
     *
     * @param publisher  the source given to the conversion
     * @param subscriber weft's subscriber; it requests inside {@code onSubscribe}
     * @param context    the coroutine context of the collecting or awaiting coroutine
     * @param <T>        the element type
     */
    <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> subscriber, CoroutineContext context);
}
