package dev.weft.flow.reactive;

import dev.weft.core.CoroutineContext;
import org.reactivestreams.Subscriber;

/**
 * The per-subscription context hook of a {@link ReactiveBridge}: gives the extra coroutine-context
 * elements for the coroutine that serves one subscription of a Publisher made by
 * {@link ReactiveBridge#asPublisher} or {@link ReactiveBridge#publish}.
 *
 * <p>An adapter uses it to carry what the subscriber knows into the coroutine: the Reactor adapter
 * returns the subscriber's {@code currentContext()} as an element, so the producer (a
 * {@code mono{}} body, a collected flow) and every coroutine it launches can read it through
 * {@link dev.weft.core.Coroutines#currentContext()}. The elements are added after the conversion's
 * own context, so they win over an element with the same key there; the dispatcher of the
 * conversion stays unless the hook returns one.
 *
 * <p><b>Dispatcher:</b> called on the thread that calls {@code subscribe}, once per subscription,
 * before {@code onSubscribe}. <b>Failure:</b> if the hook throws (or returns null), the subscriber
 * receives {@code onSubscribe} and then {@code onError} with that failure, and no coroutine runs.
 */
@FunctionalInterface
public interface SubscriberContext {
    /**
     * Returns the elements to add to the coroutine context of {@code subscriber}'s subscription.
     *
     * @param subscriber the subscriber being subscribed (a JDK subscriber arrives wrapped in a
     *                   Reactive Streams view)
     * @return the elements to add; {@link CoroutineContext#empty()} for none
     * @throws RuntimeException to refuse the subscription: it is signalled to the subscriber
     */
    CoroutineContext contextFor(Subscriber<?> subscriber);
}
