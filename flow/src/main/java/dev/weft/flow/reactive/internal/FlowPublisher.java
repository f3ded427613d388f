package dev.weft.flow.reactive.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.internal.DispatcherFactory;
import dev.weft.flow.Flow;
import java.util.Objects;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * The cold publisher made by {@code asPublisher} and {@code publish}: every subscription runs its
 * own coroutine ({@link FlowSubscription}). It is both a Reactive Streams and a JDK
 * {@link java.util.concurrent.Flow.Publisher}.
 *
 * @param <T> the element type
 */
public final class FlowPublisher<T> implements Publisher<T>, java.util.concurrent.Flow.Publisher<T> {
    private final FlowSubscription.Body<T> body;
    private final Dispatcher dispatcher;
    private final String name;
    private final String description;

    private FlowPublisher(FlowSubscription.Body<T> body, Dispatcher dispatcher, String name, String description) {
        this.body = body;
        this.dispatcher = dispatcher;
        this.name = name;
        this.description = description;
    }

    /**
     * The publisher of {@code asPublisher(flow, dispatcher)}.
     *
     * @param flow       the source
     * @param dispatcher where each subscription's coroutine runs
     * @param <T>        the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} is not one of weft's
     */
    public static <T> FlowPublisher<T> ofFlow(Flow<? extends T> flow, Dispatcher dispatcher) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(dispatcher, "dispatcher");
        DispatcherFactory.require(dispatcher);
        return new FlowPublisher<>(sink -> flow.collect(sink), dispatcher, "asPublisher",
                "asPublisher(" + Rules.describe(flow) + ")");
    }

    /**
     * The publisher of {@code publish(dispatcher, block)}.
     *
     * @param block      the producer
     * @param dispatcher where each subscription's coroutine runs
     * @param <T>        the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} is not one of weft's
     */
    public static <T> FlowPublisher<T> ofProducer(ProducerBlock<T> block, Dispatcher dispatcher) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(dispatcher, "dispatcher");
        DispatcherFactory.require(dispatcher);
        return new FlowPublisher<>(sink -> PublishScope.run(sink, block), dispatcher, "publish",
                "publish(" + Rules.describe(block) + ")");
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber"); // §1.9
        FlowSubscription<T> s = new FlowSubscription<>(body, subscriber, description);
        try {
            subscriber.onSubscribe(s); // §1.9
        } catch (Throwable t) {
            s.subscriberFailed("onSubscribe", t); // §2.13
        }
        s.start(dispatcher, name);
    }

    @Override
    public void subscribe(java.util.concurrent.Flow.Subscriber<? super T> subscriber) {
        subscribe(JdkAdapters.<T>toReactive(subscriber));
    }

    @Override
    public String toString() {
        return description;
    }
}
