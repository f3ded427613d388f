package dev.weft.flow.reactive.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineName;
import dev.weft.core.Dispatcher;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.internal.DispatcherFactory;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.DroppedErrorHandler;
import dev.weft.flow.reactive.SubscriberContext;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * The cold publisher made by {@code asPublisher} and {@code publish}: every subscription runs its
 * own coroutine ({@link FlowSubscription}), whose context is the conversion's context plus the
 * elements the {@link SubscriberContext} hook gives for that subscriber. It is both a Reactive
 * Streams and a JDK {@link java.util.concurrent.Flow.Publisher}.
 *
 * @param <T> the element type
 */
public final class FlowPublisher<T> implements Publisher<T>, java.util.concurrent.Flow.Publisher<T> {
    private final FlowSubscription.Body<T> body;
    /** The coroutine name first, then the conversion's context (which may name the coroutine itself). */
    private final CoroutineContext context;
    private final @Nullable SubscriberContext subscriberContext;
    private static final CoroutineName AS_PUBLISHER = CoroutineName.of("asPublisher");
    private static final CoroutineName PUBLISH = CoroutineName.of("publish");

    private final DroppedErrorHandler dropped;
    /** The conversion's name and its source, for {@link #toString()} (built when first asked). */
    private final CoroutineName kind;
    private final Object source;
    private @Nullable String description;

    private FlowPublisher(FlowSubscription.Body<T> body, CoroutineContext context, @Nullable SubscriberContext hook,
                          DroppedErrorHandler dropped, CoroutineName kind, Object source) {
        Objects.requireNonNull(context, "context");
        Dispatcher d = context.dispatcher();
        if (d != null) {
            DispatcherFactory.require(d);
        }
        this.body = body;
        this.context = kind.plus(context);
        this.subscriberContext = hook;
        this.dropped = Objects.requireNonNull(dropped, "dropped");
        this.kind = kind;
        this.source = source;
    }

    /**
     * The publisher of {@code asPublisher(flow, context)}.
     *
     * @param flow       the source
     * @param context    the coroutine context of each subscription (no dispatcher: {@code DEFAULT})
     * @param hook       the per-subscription context hook, or null
     * @param dropped    where errors nobody can receive go
     * @param <T>        the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the context's dispatcher is not one of weft's
     */
    public static <T> FlowPublisher<T> ofFlow(Flow<? extends T> flow, CoroutineContext context,
                                              @Nullable SubscriberContext hook, DroppedErrorHandler dropped) {
        Objects.requireNonNull(flow, "flow");
        return new FlowPublisher<>(sink -> flow.collect(sink), context, hook, dropped, AS_PUBLISHER, flow);
    }

    /**
     * The publisher of {@code publish(context, block)}.
     *
     * @param context    the coroutine context of each subscription (no dispatcher: {@code DEFAULT})
     * @param block      the producer
     * @param hook       the per-subscription context hook, or null
     * @param dropped    where errors nobody can receive go
     * @param <T>        the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the context's dispatcher is not one of weft's
     */
    public static <T> FlowPublisher<T> ofProducer(CoroutineContext context, ProducerBlock<T> block,
                                                  @Nullable SubscriberContext hook, DroppedErrorHandler dropped) {
        Objects.requireNonNull(block, "block");
        return new FlowPublisher<>(sink -> DemandChannel.run(sink, block), context, hook, dropped, PUBLISH, block);
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber"); // §1.9
        CoroutineContext ctx = context;
        Throwable hookFailure = null;
        SubscriberContext hook = subscriberContext;
        if (hook != null) {
            try {
                ctx = ctx.plus(Objects.requireNonNull(hook.contextFor(subscriber),
                        "the SubscriberContext hook returned null"));
            } catch (Throwable t) {
                hookFailure = t;
            }
        }
        FlowSubscription<T> s = new FlowSubscription<>(body, subscriber, this, ctx, dropped);
        try {
            subscriber.onSubscribe(s); // §1.9
        } catch (Throwable t) {
            s.subscriberFailed("onSubscribe", t); // §2.13
        }
        if (hookFailure != null) {
            s.fail(hookFailure);
        } else {
            s.start();
        }
    }

    @Override
    public void subscribe(java.util.concurrent.Flow.Subscriber<? super T> subscriber) {
        subscribe(JdkAdapters.<T>toReactive(subscriber));
    }

    /** @return {@code asPublisher(<flow>)} or {@code publish(<block>)}; built once, on first use */
    @Override
    public String toString() {
        String d = description;
        if (d == null) {
            d = kind.name() + "(" + Rules.describe(source) + ")";
            description = d; // a race builds the same string twice, harmlessly
        }
        return d;
    }
}
