package dev.weft.flow.reactive;

import org.reactivestreams.Subscriber;

/**
 * A bridge Subscriber that can drain a {@link PolledSubscription}: what {@link ReactiveBridge#asFlow}
 * hands an {@link UpstreamHook}. A hook that sees a source its library can drain synchronously asks
 * {@link #acceptsPolling()} first, and only if it returns true switches the source to that mode and
 * passes the {@link PolledSubscription} to {@code onSubscribe}; otherwise it passes the ordinary
 * Subscription.
 *
 * @param <T> the element type
 */
public interface PollingSubscriber<T> extends Subscriber<T> {
    /**
     * Whether this subscriber takes a {@link PolledSubscription} from the calling thread now.
     * True only on the collecting coroutine while it subscribes, when the collection suspends for
     * the collector (no {@code flowOn}, which moves the source to another dispatcher, and no
     * dropping {@code buffer}/{@code conflate}, which must let the source run ahead); false for the
     * awaits and on any other thread.
     *
     * @return whether a {@code PolledSubscription} may be passed to {@code onSubscribe} now
     */
    boolean acceptsPolling();
}
