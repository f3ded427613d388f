package dev.weft.flow.reactive;

import dev.weft.core.CoroutineContext;
import dev.weft.flow.reactive.internal.Rules;

/**
 * Where a {@link ReactiveBridge} routes an error that it cannot deliver to anyone: an
 * {@code onError} that arrives after weft cancelled (legal, §2.8), a rule violation of a Publisher
 * after the collector or awaiting caller has finished (a second terminal signal, §1.7), a
 * Subscriber method that threw (§2.13; its subscription counts as cancelled), a Subscription's
 * {@code cancel} that threw when nobody waits for the outcome any more (§3.15), and a producer's
 * failure (other than a {@link java.util.concurrent.CancellationException}) after its subscriber
 * cancelled.
 *
 * <p>The default, {@link #logging()}, writes to the {@code System.Logger} named
 * {@code dev.weft.flow.reactive}: rule violations and failed Subscriber methods at
 * {@code WARNING}, errors after cancel at {@code DEBUG}. The Reactor adapter routes to
 * {@code Operators.onErrorDropped(error, reactorContext)}, the RxJava adapter to
 * {@code RxJavaPlugins.onError(error)}.
 *
 * <p><b>Dispatcher:</b> called on whatever thread found the error (the Publisher's signalling
 * thread, a subscription's coroutine, a thread calling {@code cancel}); it must not block and
 * should not throw: a handler that throws is logged at {@code ERROR} with the dropped error
 * attached, and the bridge carries on.
 */
@FunctionalInterface
public interface DroppedErrorHandler {
    /**
     * Receives an error that no subscriber, collector or awaiting caller will see.
     *
     * @param error   the error, as raised (a rule violation's message starts with the rule)
     * @param context the coroutine context of the conversion: for {@code asPublisher} and
     *                {@code publish}, that of the subscription's coroutine (with the elements of
     *                the {@link SubscriberContext} hook); for {@code asFlow} and the awaits, that
     *                of the collecting or awaiting coroutine (empty on a platform thread)
     */
    void onErrorDropped(Throwable error, CoroutineContext context);

    /**
     * Returns the default handler, which logs (see the class description).
     *
     * @return the logging handler
     */
    static DroppedErrorHandler logging() {
        return Rules.LOGGING;
    }
}
