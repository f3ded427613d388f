package dev.weft.reactor.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.flow.reactive.ReactiveBridge;
import dev.weft.flow.reactive.UpstreamHook;
import dev.weft.reactor.ReactorContext;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import reactor.core.CorePublisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The Reactive Streams bridge configured for Reactor (ADR 0007): every conversion of the adapter
 * goes through {@link #BRIDGE}, so demand, buffering and rule checks stay the bridge's.
 * <ul>
 *   <li>per subscription of a Publisher made here, the subscriber's {@code currentContext()}
 *       becomes the coroutine's {@link ReactorContext};</li>
 *   <li>{@code asFlow} and the awaits subscribe with a {@link ContextSubscriber} carrying the
 *       collecting coroutine's Reactor context plus the ThreadLocals {@code block()} would capture;</li>
 *   <li>errors nobody can receive go to {@link Operators#onErrorDropped} with the Reactor context of
 *       the coroutine that found them.</li>
 * </ul>
 */
public final class ReactorBridge {
    /** The configured bridge. */
    public static final ReactiveBridge BRIDGE = ReactiveBridge.standard()
            .withSubscriberContext(s -> s instanceof CoreSubscriber<?> cs && !cs.currentContext().isEmpty()
                    ? ReactorContext.of(cs.currentContext()) : CoroutineContext.empty())
            .withUpstream(new ReactorUpstream())
            .withDroppedErrors((e, ctx) -> Operators.onErrorDropped(e, contextOf(ctx)));

    private ReactorBridge() {
    }

    /**
     * Returns the Reactor context held by a coroutine context.
     *
     * @param ctx the coroutine context
     * @return its {@link ReactorContext}'s context, or the empty context
     */
    public static Context contextOf(CoroutineContext ctx) {
        ReactorContext rc = ctx.get(ReactorContext.KEY);
        return rc == null ? Context.empty() : rc.context();
    }

    /** Subscribes with the collecting/awaiting coroutine's Reactor context (and ThreadLocals). */
    private static final class ReactorUpstream implements UpstreamHook {
        @Override
        public <T> void subscribe(Publisher<? extends T> publisher, Subscriber<T> subscriber, CoroutineContext context) {
            Context ctx = ThreadLocals.capture(contextOf(context));
            if (publisher instanceof CorePublisher<? extends T> cp) {
                cp.subscribe(new ContextSubscriber<T>(subscriber, ctx));
            } else {
                publisher.subscribe(subscriber);
            }
        }
    }
}
