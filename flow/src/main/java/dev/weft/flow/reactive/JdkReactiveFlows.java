package dev.weft.flow.reactive;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.internal.AwaitSubscriber;
import dev.weft.flow.reactive.internal.FlowPublisher;
import dev.weft.flow.reactive.internal.PublisherAsFlow;
import dev.weft.flow.reactive.internal.Rules;
import dev.weft.flow.reactive.internal.Upstream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The same bridge as {@link ReactiveFlows}, for the JDK's {@link java.util.concurrent.Flow}
 * interfaces ({@code java.util.concurrent.Flow.Publisher}, {@code SubmissionPublisher}, and the
 * libraries built on them). Behaviour, buffering, dispatchers, cancellation and rule checks are
 * those of {@link ReactiveFlows}: the same subscribers and subscriptions serve both, as they
 * implement both interface families.
 */
public final class JdkReactiveFlows {
    private JdkReactiveFlows() {
    }

    /**
     * Returns a cold flow of the elements of {@code publisher}; see
     * {@link ReactiveFlows#asFlow(org.reactivestreams.Publisher)} for buffering, dispatcher and
     * cancellation.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code publisher} is null
     */
    public static <T> Flow<T> asFlow(java.util.concurrent.Flow.Publisher<? extends T> publisher) {
        return new PublisherAsFlow<>(Upstream.ofJdk(publisher), Channel.BUFFERED, BufferOverflow.SUSPEND, null, Rules.LOGGING);
    }

    /**
     * Like {@link #asFlow(java.util.concurrent.Flow.Publisher)}, requesting {@code prefetch} up
     * front; see {@link ReactiveFlows#asFlow(org.reactivestreams.Publisher, int)}.
     *
     * @param publisher the source
     * @param prefetch  how many elements to request up front, at least 1
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code publisher} is null
     * @throws IllegalArgumentException if {@code prefetch < 1}
     */
    public static <T> Flow<T> asFlow(java.util.concurrent.Flow.Publisher<? extends T> publisher, int prefetch) {
        ReactiveFlows.checkPrefetch(prefetch);
        return new PublisherAsFlow<>(Upstream.ofJdk(publisher), prefetch, BufferOverflow.SUSPEND, null, Rules.LOGGING);
    }

    /**
     * Returns a cold JDK Publisher of the elements of {@code flow}, each subscription collecting it
     * in a coroutine on {@link Dispatchers#DEFAULT}; see
     * {@link ReactiveFlows#asPublisher(Flow, Dispatcher)}.
     *
     * @param flow the source
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if {@code flow} is null
     */
    public static <T> java.util.concurrent.Flow.Publisher<T> asPublisher(Flow<? extends T> flow) {
        return FlowPublisher.ofFlow(flow, Dispatchers.DEFAULT, null, Rules.LOGGING);
    }

    /**
     * Returns a cold JDK Publisher of the elements of {@code flow}, each subscription collecting it
     * in a coroutine on {@code dispatcher}; see {@link ReactiveFlows#asPublisher(Flow, Dispatcher)}.
     *
     * @param flow the source
     * @param dispatcher where each subscription's coroutine runs
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> java.util.concurrent.Flow.Publisher<T> asPublisher(Flow<? extends T> flow, Dispatcher dispatcher) {
        return FlowPublisher.ofFlow(flow, dispatcher, null, Rules.LOGGING);
    }

    /**
     * Returns a cold JDK Publisher written as a coroutine on {@link Dispatchers#DEFAULT}; see
     * {@link ReactiveFlows#publish(Dispatcher, ProducerBlock)}.
     *
     * @param block the producer
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if {@code block} is null
     */
    public static <T> java.util.concurrent.Flow.Publisher<T> publish(ProducerBlock<T> block) {
        return FlowPublisher.ofProducer(Dispatchers.DEFAULT, block, null, Rules.LOGGING);
    }

    /**
     * Returns a cold JDK Publisher written as a coroutine on {@code dispatcher}; see
     * {@link ReactiveFlows#publish(Dispatcher, ProducerBlock)}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block the producer
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> java.util.concurrent.Flow.Publisher<T> publish(Dispatcher dispatcher, ProducerBlock<T> block) {
        return FlowPublisher.ofProducer(dispatcher, block, null, Rules.LOGGING);
    }

    /**
     * Returns a cold JDK Publisher of the elements of {@code flow}, each subscription collecting it
     * in a coroutine with {@code context}; see
     * {@link ReactiveFlows#asPublisher(Flow, CoroutineContext)}.
     *
     * @param flow the source
     * @param context the coroutine context of each subscription (no dispatcher: {@code DEFAULT})
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the context's dispatcher was not made by {@link Dispatchers}
     */
    public static <T> java.util.concurrent.Flow.Publisher<T> asPublisher(Flow<? extends T> flow, CoroutineContext context) {
        return FlowPublisher.ofFlow(flow, context, null, Rules.LOGGING);
    }

    /**
     * Returns a cold JDK Publisher written as a coroutine with {@code context}; see
     * {@link ReactiveFlows#publish(CoroutineContext, ProducerBlock)}.
     *
     * @param context the coroutine context of each subscription (no dispatcher: {@code DEFAULT})
     * @param block the producer
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the context's dispatcher was not made by {@link Dispatchers}
     */
    public static <T> java.util.concurrent.Flow.Publisher<T> publish(CoroutineContext context, ProducerBlock<T> block) {
        return FlowPublisher.ofProducer(context, block, null, Rules.LOGGING);
    }

    /**
     * Awaits the first element; see {@link ReactiveFlows#awaitFirst(org.reactivestreams.Publisher)}.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the first element
     * @throws NullPointerException if {@code publisher} is null
     * @throws java.util.NoSuchElementException if the publisher completed without an element
     */
    public static <T> T awaitFirst(java.util.concurrent.Flow.Publisher<? extends T> publisher) {
        return Objects.requireNonNull(await(publisher, AwaitSubscriber.Mode.FIRST));
    }

    /**
     * Awaits the first element or null; see
     * {@link ReactiveFlows#awaitFirstOrNull(org.reactivestreams.Publisher)}.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the first element, or null if there was none
     * @throws NullPointerException if {@code publisher} is null
     */
    public static <T> @Nullable T awaitFirstOrNull(java.util.concurrent.Flow.Publisher<? extends T> publisher) {
        return await(publisher, AwaitSubscriber.Mode.FIRST_OR_NULL);
    }

    /**
     * Awaits the last element; see {@link ReactiveFlows#awaitLast(org.reactivestreams.Publisher)}.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the last element
     * @throws NullPointerException if {@code publisher} is null
     * @throws java.util.NoSuchElementException if the publisher completed without an element
     */
    public static <T> T awaitLast(java.util.concurrent.Flow.Publisher<? extends T> publisher) {
        return Objects.requireNonNull(await(publisher, AwaitSubscriber.Mode.LAST));
    }

    /**
     * Awaits the only element; see {@link ReactiveFlows#awaitSingle(org.reactivestreams.Publisher)}.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the single element
     * @throws NullPointerException if {@code publisher} is null
     * @throws java.util.NoSuchElementException if the publisher completed without an element
     * @throws IllegalArgumentException if the publisher signalled more than one element
     */
    public static <T> T awaitSingle(java.util.concurrent.Flow.Publisher<? extends T> publisher) {
        return Objects.requireNonNull(await(publisher, AwaitSubscriber.Mode.SINGLE));
    }

    /**
     * Awaits the only element, or null if there is none, never cancelling after the element; see
     * {@link ReactiveFlows#awaitSingleOrNull(org.reactivestreams.Publisher)}.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the single element, or null
     * @throws NullPointerException if {@code publisher} is null
     * @throws IllegalArgumentException if the publisher signalled more than one element
     */
    public static <T> @Nullable T awaitSingleOrNull(java.util.concurrent.Flow.Publisher<? extends T> publisher) {
        return await(publisher, AwaitSubscriber.Mode.SINGLE_OR_NULL);
    }

    private static <T> @Nullable T await(java.util.concurrent.Flow.Publisher<? extends T> publisher, AwaitSubscriber.Mode mode) {
        Upstream<T> up = Upstream.ofJdk(publisher);
        return new AwaitSubscriber<T>(mode, publisher, Rules.LOGGING).await(up);
    }
}
