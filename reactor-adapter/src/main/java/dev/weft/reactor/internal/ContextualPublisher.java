package dev.weft.reactor.internal;

import dev.weft.reactor.ReactorContext;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import reactor.core.CorePublisher;
import reactor.util.context.Context;

/**
 * A Reactor source seen through the bridge: each {@code subscribe} (made by the collecting or
 * awaiting coroutine) reads that coroutine's Reactor context, adds the ThreadLocals Reactor's
 * {@code block()} would capture, and subscribes with a {@link ContextSubscriber} carrying them.
 * With nothing to carry the subscriber is passed as it is.
 *
 * @param <T> the element type
 */
public final class ContextualPublisher<T> implements Publisher<T> {
    private final CorePublisher<? extends T> source;

    /**
     * Wraps {@code source}.
     *
     * @param source a Flux or Mono
     */
    public ContextualPublisher(CorePublisher<? extends T> source) {
        this.source = source;
    }

    /**
     * Returns the context a subscription made now from the calling coroutine carries upstream.
     *
     * @return the coroutine's Reactor context plus captured ThreadLocals
     */
    public static Context upstreamContext() {
        return ThreadLocals.capture(Context.of(ReactorContext.current()));
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Context ctx = upstreamContext();
        if (ctx.isEmpty()) {
            source.subscribe(subscriber);
        } else {
            source.subscribe(new ContextSubscriber<T>(subscriber, ctx));
        }
    }

    @Override
    public String toString() {
        return source.toString();
    }
}
