package dev.weft.flow.reactive;

import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.internal.AwaitSubscriber;
import dev.weft.flow.reactive.internal.FlowPublisher;
import dev.weft.flow.reactive.internal.PublisherAsFlow;
import dev.weft.flow.reactive.internal.Upstream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * The bridge between weft's {@link Flow} and Reactive Streams ({@code org.reactivestreams}): a
 * Publisher becomes a flow, a flow (or a producer coroutine) becomes a Publisher, and a coroutine
 * can await a Publisher's first, last or single element. {@link JdkReactiveFlows} does the same
 * for {@code java.util.concurrent.Flow}.
 *
 * <p>Every Publisher made here passes the Reactive Streams TCK, and every Subscriber weft attaches
 * to a foreign Publisher checks it: a Publisher that signals beyond demand, after a terminal signal
 * or before {@code onSubscribe}, signals {@code null}, or calls {@code onSubscribe} twice fails the
 * collection (or the await) with an exception whose message starts with the rule it broke (for
 * example {@code "§1.1 violated by ..."}). Signals that arrive after weft cancelled are legal
 * (§2.8) and dropped.
 */
public final class ReactiveFlows {
    /** The number of elements {@link #asFlow(Publisher)} requests up front: {@value}. */
    public static final int DEFAULT_PREFETCH = 256;

    private ReactiveFlows() {
    }

    // ------------------------------------------------------------------ Publisher -> Flow

    /**
     * Returns a cold flow of the elements of {@code publisher}: each collection subscribes anew,
     * and completes when the Publisher completes.
     *
     * <p><b>Buffering:</b> requests {@value #DEFAULT_PREFETCH} elements as soon as the Publisher
     * calls {@code onSubscribe} and, each time 75% of them have been emitted downstream, that many
     * again; at most
     * {@value #DEFAULT_PREFETCH} elements wait in the bridge's queue. A following {@code buffer(n)}
     * makes the request size {@code n} instead of adding a second buffer ({@code buffer(0)}
     * requests one at a time, {@code buffer(UNLIMITED)} requests {@code Long.MAX_VALUE}); a
     * following {@code conflate()} requests {@code Long.MAX_VALUE} and keeps only the latest
     * element; {@code buffer(n, DROP_OLDEST | DROP_LATEST)} requests {@code Long.MAX_VALUE} and keeps
     * {@code n}.
     * <p><b>Dispatcher:</b> the collecting coroutine subscribes, refills and emits (the first
     * request is made inside {@code onSubscribe}, on the thread the Publisher calls it from); the
     * Publisher signals on whatever thread it likes. A following {@code flowOn(d)} moves subscribe, request and
     * cancel into a coroutine on {@code d} (so a synchronous Publisher produces there) while the
     * elements are still emitted on the collecting coroutine.
     * <p><b>Cancellation:</b> cancelling the collecting coroutine, or a downstream failure or early
     * stop, cancels the subscription. The Publisher's {@code onError} is rethrown from
     * {@code collect} as it was signalled. Closing the dispatcher of a following {@code flowOn(d)}
     * during the collection cancels the subscription and fails {@code collect} at once with the
     * dispatcher's {@link java.util.concurrent.CancellationException}, as it does for any flow
     * moved to {@code d}.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code publisher} is null
     */
    public static <T> Flow<T> asFlow(Publisher<? extends T> publisher) {
        return new PublisherAsFlow<>(Upstream.of(publisher), Channel.BUFFERED, BufferOverflow.SUSPEND, null);
    }

    /**
     * Like {@link #asFlow(Publisher)}, requesting {@code prefetch} elements up front and refilling
     * when 75% of them have been emitted. A following {@code buffer(n)} adds {@code n} to it.
     *
     * @param publisher the source
     * @param prefetch  how many elements to request up front, at least 1;
     *                  {@link Channel#UNLIMITED} requests {@code Long.MAX_VALUE} (an unbounded queue)
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code publisher} is null
     * @throws IllegalArgumentException if {@code prefetch < 1}
     */
    public static <T> Flow<T> asFlow(Publisher<? extends T> publisher, int prefetch) {
        checkPrefetch(prefetch);
        return new PublisherAsFlow<>(Upstream.of(publisher), prefetch, BufferOverflow.SUSPEND, null);
    }

    static void checkPrefetch(int prefetch) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1: " + prefetch);
        }
    }

    // ------------------------------------------------------------------ Flow -> Publisher

    /**
     * Returns a cold Publisher of the elements of {@code flow}, running each subscription's
     * collection in its own coroutine on {@link Dispatchers#DEFAULT}.
     *
     * @param flow the source
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if {@code flow} is null
     * @see #asPublisher(Flow, Dispatcher)
     */
    public static <T> Publisher<T> asPublisher(Flow<? extends T> flow) {
        return FlowPublisher.ofFlow(flow, Dispatchers.DEFAULT);
    }

    /**
     * Returns a cold Publisher of the elements of {@code flow}: each subscription collects it anew
     * in a coroutine of its own.
     *
     * <p><b>Dispatcher:</b> the coroutine runs on {@code dispatcher} and signals {@code onNext},
     * {@code onError} and {@code onComplete} from there. {@code subscribe} only calls
     * {@code onSubscribe} and launches the coroutine: it never blocks.
     * <p><b>Buffering:</b> none. The coroutine collects the flow up to its first element and then
     * emits only against demand: while the Subscriber has requested nothing more it parks inside
     * the flow's {@code emit} (so upstream suspends too); while demand lasts it does not park at
     * all. A flow that fails or completes before its first element signals that without waiting
     * for a request. Demand adds up and saturates at {@code Long.MAX_VALUE} (§3.17);
     * {@code request(n)} with {@code n <= 0} fails the subscription with an
     * {@link IllegalArgumentException} citing §3.9.
     * <p><b>Cancellation:</b> {@code cancel()} cancels the coroutine (the flow sees a
     * {@link java.util.concurrent.CancellationException} at its next suspension point or emission)
     * and nothing more is signalled. A Subscriber method that throws cancels it too (§2.13).
     *
     * @param flow the source
     * @param dispatcher where each subscription's coroutine runs
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Publisher<T> asPublisher(Flow<? extends T> flow, Dispatcher dispatcher) {
        return FlowPublisher.ofFlow(flow, dispatcher);
    }

    /**
     * Returns a cold Publisher written as a coroutine: each subscription runs {@code block} in a
     * coroutine on {@link Dispatchers#DEFAULT}.
     *
     * @param block the producer
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if {@code block} is null
     * @see #publish(Dispatcher, ProducerBlock)
     */
    public static <T> Publisher<T> publish(ProducerBlock<T> block) {
        return FlowPublisher.ofProducer(block, Dispatchers.DEFAULT);
    }

    /**
     * Returns a cold Publisher written as a coroutine: each subscription runs {@code block} in a
     * coroutine of its own, with a {@link dev.weft.core.channels.ProducerScope} whose
     * {@code send} hands the element to {@code onNext}, suspending until the Subscriber has demand.
     * Coroutines the block launches in that scope may send too (sends are serialized); the
     * Publisher terminates when the block and all of them have returned: with {@code onError} if
     * the channel was closed with a cause or the block failed, else with {@code onComplete}.
     * {@code trySend} delivers only if there is demand right now, so a callback may call it from any
     * thread; {@code send} from a thread outside the producer's coroutines must finish before the
     * block returns. {@code awaitClose} suspends until the channel is closed or the subscription
     * cancelled.
     *
     * <p><b>Dispatcher:</b> the coroutine runs on {@code dispatcher}; {@code subscribe} never blocks.
     * <p><b>Buffering:</b> none: {@code send} waits for demand. Demand saturates at
     * {@code Long.MAX_VALUE}; {@code request(n <= 0)} fails the subscription (§3.9).
     * <p><b>Cancellation:</b> {@code cancel()} closes the channel with a
     * {@link java.util.concurrent.CancellationException} (running the {@code invokeOnClose}
     * handler) and cancels the coroutine and its children; a suspended {@code send} throws it.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block the producer
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Publisher<T> publish(Dispatcher dispatcher, ProducerBlock<T> block) {
        return FlowPublisher.ofProducer(block, dispatcher);
    }

    // ------------------------------------------------------------------ awaits

    /**
     * Subscribes to {@code publisher}, requests one element and returns it, cancelling the
     * subscription.
     *
     * <p><b>Cancellation:</b> suspends the calling coroutine (blocks a platform thread); cancelling
     * it cancels the subscription and throws {@link java.util.concurrent.CancellationException}.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the first element
     * @throws NullPointerException if {@code publisher} is null
     * @throws java.util.NoSuchElementException if the publisher completed without an element
     * @throws RuntimeException the publisher's error if unchecked; a checked one is wrapped in
     *         {@link java.util.concurrent.CompletionException}
     * @throws IllegalStateException if the publisher broke a Reactive Streams rule (the message
     *         cites it)
     */
    public static <T> T awaitFirst(Publisher<? extends T> publisher) {
        return Objects.requireNonNull(await(publisher, AwaitSubscriber.Mode.FIRST));
    }

    /**
     * Like {@link #awaitFirst(Publisher)}, but returns {@code null} if the publisher completes
     * without an element.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the first element, or null
     * @throws NullPointerException if {@code publisher} is null
     * @throws RuntimeException the publisher's error (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public static <T> @Nullable T awaitFirstOrNull(Publisher<? extends T> publisher) {
        return await(publisher, AwaitSubscriber.Mode.FIRST_OR_NULL);
    }

    /**
     * Subscribes to {@code publisher}, requests everything ({@code Long.MAX_VALUE}) and returns the
     * last element once it completes; only the latest element is kept.
     *
     * <p><b>Cancellation:</b> suspends the caller; cancelling it cancels the subscription.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the last element
     * @throws NullPointerException if {@code publisher} is null
     * @throws java.util.NoSuchElementException if the publisher completed without an element
     * @throws RuntimeException the publisher's error (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public static <T> T awaitLast(Publisher<? extends T> publisher) {
        return Objects.requireNonNull(await(publisher, AwaitSubscriber.Mode.LAST));
    }

    /**
     * Subscribes to {@code publisher}, requests two elements and returns the only one once the
     * publisher completes; a second element cancels the subscription and fails.
     *
     * <p><b>Cancellation:</b> suspends the caller; cancelling it cancels the subscription.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the single element
     * @throws NullPointerException if {@code publisher} is null
     * @throws java.util.NoSuchElementException if the publisher completed without an element
     * @throws IllegalArgumentException if the publisher signalled more than one element
     * @throws RuntimeException the publisher's error (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public static <T> T awaitSingle(Publisher<? extends T> publisher) {
        return Objects.requireNonNull(await(publisher, AwaitSubscriber.Mode.SINGLE));
    }

    private static <T> @Nullable T await(Publisher<? extends T> publisher, AwaitSubscriber.Mode mode) {
        Upstream<T> up = Upstream.of(publisher);
        return new AwaitSubscriber<T>(mode, publisher).await(up);
    }
}
