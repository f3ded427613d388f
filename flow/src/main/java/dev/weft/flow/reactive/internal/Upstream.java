package dev.weft.flow.reactive.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Coroutines;
import dev.weft.flow.reactive.UpstreamHook;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * A Reactive Streams or a JDK publisher, to be subscribed by one of weft's subscribers, directly or
 * through an adapter's {@link UpstreamHook}.
 *
 * @param <T> the element type
 */
public final class Upstream<T> {
    private final Object publisher;
    private final @Nullable UpstreamHook hook;

    private Upstream(Object publisher, @Nullable UpstreamHook hook) {
        this.publisher = publisher;
        this.hook = hook;
    }

    /**
     * Wraps a Reactive Streams publisher.
     *
     * @param p a Reactive Streams publisher
     * @param hook subscribes weft's subscriber to {@code p}, or null to call {@code p.subscribe}
     * @param <T> the element type
     * @return the upstream
     * @throws NullPointerException if {@code p} is null
     */
    public static <T> Upstream<T> of(Publisher<? extends T> p, @Nullable UpstreamHook hook) {
        return new Upstream<>(Objects.requireNonNull(p, "publisher"), hook);
    }

    /**
     * Wraps a JDK publisher.
     *
     * @param p a JDK publisher
     * @param <T> the element type
     * @return the upstream
     * @throws NullPointerException if {@code p} is null
     */
    public static <T> Upstream<T> ofJdk(java.util.concurrent.Flow.Publisher<? extends T> p) {
        return new Upstream<>(Objects.requireNonNull(p, "publisher"), null);
    }

    /**
     * Subscribes {@code s} on behalf of the calling coroutine, whose context the hook receives and
     * {@code s} keeps for the dropped-error handler.
     */
    @SuppressWarnings("unchecked")
    void subscribe(BridgeSubscriber<T> s) {
        CoroutineContext ctx = Coroutines.currentContext();
        s.context = ctx;
        if (publisher instanceof Publisher<?> p) {
            Publisher<? extends T> rp = (Publisher<? extends T>) p;
            UpstreamHook h = hook;
            if (h != null) {
                h.subscribe(rp, s, ctx);
            } else {
                rp.subscribe(s);
            }
        } else {
            ((java.util.concurrent.Flow.Publisher<? extends T>) publisher).subscribe(s);
        }
    }

    /**
     * Returns the publisher, for messages.
     *
     * @return the wrapped publisher
     */
    public Object publisher() {
        return publisher;
    }
}
