package dev.weft.flow.reactive;

import dev.weft.core.CoroutineContext;
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
import org.reactivestreams.Publisher;

/**
 * The Reactive Streams bridge with an adapter's hooks plugged in: the extension point on which the
 * Reactor and RxJava adapters (or any other) are built. {@link ReactiveFlows} is this bridge
 * without hooks ({@link #standard()}); an adapter keeps one configured instance and calls its
 * conversions, which behave exactly as those of {@link ReactiveFlows} (same buffering, dispatchers,
 * cancellation and rule checks; see there) plus what the hooks add:
 * <ul>
 *   <li>{@link #withSubscriberContext(SubscriberContext)}: extra coroutine-context elements per
 *       subscription of a Publisher made by {@link #asPublisher} / {@link #publish} (the
 *       subscriber's Reactor context, for example);</li>
 *   <li>{@link #withUpstream(UpstreamHook)}: how {@link #asFlow} and the awaits subscribe weft's
 *       Subscriber to a source, given the collecting coroutine's context (a Reactor
 *       {@code CoreSubscriber} carrying the Reactor context upstream, for example);</li>
 *   <li>{@link #withDroppedErrors(DroppedErrorHandler)}: where errors that nobody can receive go
 *       (by default the logger).</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; each {@code with...} returns a new one. See ADR 0007
 * ({@code docs/adr/0007-adapter-extension-points.md}) for an adapter written against it.
 */
public final class ReactiveBridge {
    private static final ReactiveBridge STANDARD = new ReactiveBridge(null, null, Rules.LOGGING);

    private final @Nullable SubscriberContext subscriberContext;
    private final @Nullable UpstreamHook upstream;
    private final DroppedErrorHandler dropped;

    private ReactiveBridge(@Nullable SubscriberContext subscriberContext, @Nullable UpstreamHook upstream,
                           DroppedErrorHandler dropped) {
        this.subscriberContext = subscriberContext;
        this.upstream = upstream;
        this.dropped = dropped;
    }

    /**
     * Returns the bridge without hooks: plain {@code subscribe}, no extra context, dropped errors
     * logged. It is what {@link ReactiveFlows} uses.
     *
     * @return the standard bridge
     */
    public static ReactiveBridge standard() {
        return STANDARD;
    }

    /**
     * Returns a bridge like this one whose Publishers add {@code hook}'s elements to each
     * subscription's coroutine context.
     *
     * @param hook gives the extra elements for a subscriber
     * @return a new bridge
     * @throws NullPointerException if {@code hook} is null
     */
    public ReactiveBridge withSubscriberContext(SubscriberContext hook) {
        return new ReactiveBridge(Objects.requireNonNull(hook, "hook"), upstream, dropped);
    }

    /**
     * Returns a bridge like this one whose {@code asFlow} and awaits subscribe through {@code hook}.
     *
     * @param hook subscribes weft's Subscriber to a source
     * @return a new bridge
     * @throws NullPointerException if {@code hook} is null
     */
    public ReactiveBridge withUpstream(UpstreamHook hook) {
        return new ReactiveBridge(subscriberContext, Objects.requireNonNull(hook, "hook"), dropped);
    }

    /**
     * Returns a bridge like this one that routes undeliverable errors to {@code handler}.
     *
     * @param handler receives the errors nobody else can
     * @return a new bridge
     * @throws NullPointerException if {@code handler} is null
     */
    public ReactiveBridge withDroppedErrors(DroppedErrorHandler handler) {
        return new ReactiveBridge(subscriberContext, upstream, Objects.requireNonNull(handler, "handler"));
    }

    // ------------------------------------------------------------------ Publisher -> Flow

    /**
     * Returns a cold flow of the elements of {@code publisher}, requesting
     * {@value ReactiveFlows#DEFAULT_PREFETCH} up front; see {@link ReactiveFlows#asFlow(Publisher)}.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine subscribes through the upstream hook, which
     * gets that coroutine's context.
     * <p><b>Buffering:</b> as {@link ReactiveFlows#asFlow(Publisher)}.
     * <p><b>Cancellation:</b> as {@link ReactiveFlows#asFlow(Publisher)}; an {@code onError} after
     * the cancel goes to the dropped-error handler.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code publisher} is null
     */
    public <T> Flow<T> asFlow(Publisher<? extends T> publisher) {
        return new PublisherAsFlow<>(Upstream.of(publisher, upstream), Channel.BUFFERED, BufferOverflow.SUSPEND,
                null, dropped);
    }

    /**
     * Like {@link #asFlow(Publisher)}, requesting {@code prefetch} elements up front; see
     * {@link ReactiveFlows#asFlow(Publisher, int)}.
     *
     * @param publisher the source
     * @param prefetch  how many elements to request up front, at least 1;
     *                  {@link Channel#UNLIMITED} requests {@code Long.MAX_VALUE}
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code publisher} is null
     * @throws IllegalArgumentException if {@code prefetch < 1}
     */
    public <T> Flow<T> asFlow(Publisher<? extends T> publisher, int prefetch) {
        ReactiveFlows.checkPrefetch(prefetch);
        return new PublisherAsFlow<>(Upstream.of(publisher, upstream), prefetch, BufferOverflow.SUSPEND, null, dropped);
    }

    // ------------------------------------------------------------------ Flow -> Publisher

    /**
     * Returns a cold Publisher of the elements of {@code flow}: each subscription collects it anew
     * in a coroutine of its own whose context is {@code context} plus what the subscriber-context
     * hook gives for that subscriber.
     *
     * <p><b>Dispatcher:</b> the context's dispatcher, or {@link Dispatchers#DEFAULT} if it names
     * none; {@code onNext}, {@code onError} and {@code onComplete} come from there.
     * {@code subscribe} calls the hook, then {@code onSubscribe}, and launches the coroutine: it
     * never blocks.
     * <p><b>Buffering:</b> none; emits only against demand (see
     * {@link ReactiveFlows#asPublisher(Flow, CoroutineContext)}). Completion and errors are
     * signalled without waiting for demand.
     * <p><b>Cancellation:</b> {@code cancel()} cancels the coroutine; a failure of the flow after
     * that, and a Subscriber method that throws, go to the dropped-error handler.
     *
     * @param flow the source
     * @param context the coroutine context of each subscription: a dispatcher and any elements
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the context's dispatcher was not made by {@link Dispatchers}
     */
    public <T> Publisher<T> asPublisher(Flow<? extends T> flow, CoroutineContext context) {
        return FlowPublisher.ofFlow(flow, context, subscriberContext, dropped);
    }

    /**
     * Returns a cold Publisher written as a coroutine: each subscription runs {@code block} in a
     * coroutine of its own whose context is {@code context} plus what the subscriber-context hook
     * gives for that subscriber; see {@link ReactiveFlows#publish(CoroutineContext, ProducerBlock)}.
     *
     * <p><b>Dispatcher:</b> the context's dispatcher, or {@link Dispatchers#DEFAULT}.
     * <p><b>Buffering:</b> none: {@code send} waits for demand.
     * <p><b>Cancellation:</b> {@code cancel()} closes the channel with a
     * {@link java.util.concurrent.CancellationException} and cancels the coroutine and its
     * children; a failure after that goes to the dropped-error handler.
     *
     * @param context the coroutine context of each subscription: a dispatcher and any elements
     * @param block the producer
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the context's dispatcher was not made by {@link Dispatchers}
     */
    public <T> Publisher<T> publish(CoroutineContext context, ProducerBlock<T> block) {
        return FlowPublisher.ofProducer(context, block, subscriberContext, dropped);
    }

    // ------------------------------------------------------------------ awaits

    /**
     * Awaits the first element, cancelling the subscription after it; see
     * {@link ReactiveFlows#awaitFirst(Publisher)}.
     *
     * <p><b>Cancellation:</b> suspends the calling coroutine (blocks a platform thread), which
     * subscribes through the upstream hook; cancelling it cancels the subscription.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the first element
     * @throws NullPointerException if {@code publisher} is null
     * @throws java.util.NoSuchElementException if the publisher completed without an element
     */
    public <T> T awaitFirst(Publisher<? extends T> publisher) {
        return Objects.requireNonNull(await(publisher, AwaitSubscriber.Mode.FIRST));
    }

    /**
     * Awaits the first element, or null if the publisher completes without one; see
     * {@link ReactiveFlows#awaitFirstOrNull(Publisher)}.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the first element, or null
     * @throws NullPointerException if {@code publisher} is null
     */
    public <T> @Nullable T awaitFirstOrNull(Publisher<? extends T> publisher) {
        return await(publisher, AwaitSubscriber.Mode.FIRST_OR_NULL);
    }

    /**
     * Awaits the last element; see {@link ReactiveFlows#awaitLast(Publisher)}.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the last element
     * @throws NullPointerException if {@code publisher} is null
     * @throws java.util.NoSuchElementException if the publisher completed without an element
     */
    public <T> T awaitLast(Publisher<? extends T> publisher) {
        return Objects.requireNonNull(await(publisher, AwaitSubscriber.Mode.LAST));
    }

    /**
     * Awaits the only element; see {@link ReactiveFlows#awaitSingle(Publisher)}.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the single element
     * @throws NullPointerException if {@code publisher} is null
     * @throws java.util.NoSuchElementException if the publisher completed without an element
     * @throws IllegalArgumentException if the publisher signalled more than one element
     */
    public <T> T awaitSingle(Publisher<? extends T> publisher) {
        return Objects.requireNonNull(await(publisher, AwaitSubscriber.Mode.SINGLE));
    }

    /**
     * Awaits the only element, or null if there is none; see
     * {@link ReactiveFlows#awaitSingleOrNull(Publisher)}.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the single element, or null
     * @throws NullPointerException if {@code publisher} is null
     * @throws IllegalArgumentException if the publisher signalled more than one element
     */
    public <T> @Nullable T awaitSingleOrNull(Publisher<? extends T> publisher) {
        return await(publisher, AwaitSubscriber.Mode.SINGLE_OR_NULL);
    }

    private <T> @Nullable T await(Publisher<? extends T> publisher, AwaitSubscriber.Mode mode) {
        Upstream<T> up = Upstream.of(publisher, upstream);
        return new AwaitSubscriber<T>(mode, publisher, dropped).await(up);
    }

    @Override
    public String toString() {
        return "ReactiveBridge(subscriberContext=" + subscriberContext + ", upstream=" + upstream
                + ", droppedErrors=" + dropped + ")";
    }
}
