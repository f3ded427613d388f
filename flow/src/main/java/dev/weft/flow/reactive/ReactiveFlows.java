package dev.weft.flow.reactive;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.flow.Flow;
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
 * (§2.8) and dropped; errors that nobody can receive are logged.
 *
 * <p>These methods are those of {@link ReactiveBridge#standard()}; an adapter that needs its own
 * subscribe path, a context per subscription or its own error routing configures a
 * {@link ReactiveBridge} instead.
 */
public final class ReactiveFlows {
    /** The number of elements {@link #asFlow(Publisher)} requests up front: {@value}. The one place it is declared. */
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
        return ReactiveBridge.standard().asFlow(publisher);
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
        return ReactiveBridge.standard().asFlow(publisher, prefetch);
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
     * @see #asPublisher(Flow, CoroutineContext)
     */
    public static <T> Publisher<T> asPublisher(Flow<? extends T> flow) {
        return ReactiveBridge.standard().asPublisher(flow, Dispatchers.DEFAULT);
    }

    /**
     * Returns a cold Publisher of the elements of {@code flow}: each subscription collects it anew
     * in a coroutine of its own.
     *
     * <p><b>Dispatcher:</b> the coroutine runs on the dispatcher of {@code context}
     * ({@link Dispatchers#DEFAULT} if it names none), with the context's other elements (a
     * {@link dev.weft.core.CoroutineName}, an adapter's elements) visible through
     * {@link dev.weft.core.Coroutines#currentContext()}, and signals {@code onNext},
     * {@code onError} and {@code onComplete} from there. {@code subscribe} only calls
     * {@code onSubscribe} and launches the coroutine: it never blocks.
     * <p><b>Buffering:</b> none. The coroutine collects the flow up to its first element and then
     * emits only against demand: while the Subscriber has requested nothing more it parks inside
     * the flow's {@code emit} (so upstream suspends too); while demand lasts it does not park at
     * all. A flow that fails or completes before its first element signals that without waiting
     * for a request, and so does one whose last element used up the demand exactly: completion
     * never waits for another {@code request}. Demand adds up and saturates at
     * {@code Long.MAX_VALUE} (§3.17); {@code request(n)} with {@code n <= 0} fails the subscription
     * with an {@link IllegalArgumentException} citing §3.9.
     * <p><b>Cancellation:</b> {@code cancel()} cancels the coroutine (the flow sees a
     * {@link java.util.concurrent.CancellationException} at its next suspension point or emission)
     * and nothing more is signalled. A Subscriber method that throws cancels it too (§2.13).
     *
     * @param flow the source
     * @param context the coroutine context of each subscription: a dispatcher and any elements
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the context's dispatcher was not made by {@link Dispatchers}
     */
    public static <T> Publisher<T> asPublisher(Flow<? extends T> flow, CoroutineContext context) {
        return ReactiveBridge.standard().asPublisher(flow, context);
    }

    /**
     * Like {@link #asPublisher(Flow, CoroutineContext)} with a context holding just
     * {@code dispatcher}.
     *
     * @param flow the source
     * @param dispatcher where each subscription's coroutine runs
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Publisher<T> asPublisher(Flow<? extends T> flow, Dispatcher dispatcher) {
        return ReactiveBridge.standard().asPublisher(flow, dispatcher);
    }

    /**
     * Returns a cold Publisher written as a coroutine: each subscription runs {@code block} in a
     * coroutine on {@link Dispatchers#DEFAULT}.
     *
     * @param block the producer
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if {@code block} is null
     * @see #publish(CoroutineContext, ProducerBlock)
     */
    public static <T> Publisher<T> publish(ProducerBlock<T> block) {
        return ReactiveBridge.standard().publish(Dispatchers.DEFAULT, block);
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
     * <p><b>Dispatcher:</b> the coroutine runs on the dispatcher of {@code context}
     * ({@link Dispatchers#DEFAULT} if it names none) with the context's other elements;
     * {@code subscribe} never blocks.
     * <p><b>Buffering:</b> none: {@code send} waits for demand. Demand saturates at
     * {@code Long.MAX_VALUE}; {@code request(n <= 0)} fails the subscription (§3.9).
     * <p><b>Cancellation:</b> {@code cancel()} closes the channel with a
     * {@link java.util.concurrent.CancellationException} (running the {@code invokeOnClose}
     * handler) and cancels the coroutine and its children; a suspended {@code send} throws it.
     *
     * @param context the coroutine context of each subscription: a dispatcher and any elements
     * @param block the producer
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the context's dispatcher was not made by {@link Dispatchers}
     */
    public static <T> Publisher<T> publish(CoroutineContext context, ProducerBlock<T> block) {
        return ReactiveBridge.standard().publish(context, block);
    }

    /**
     * Like {@link #publish(CoroutineContext, ProducerBlock)} with a context holding just
     * {@code dispatcher}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block the producer
     * @param <T> the element type
     * @return the publisher
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Publisher<T> publish(Dispatcher dispatcher, ProducerBlock<T> block) {
        return ReactiveBridge.standard().publish(dispatcher, block);
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
        return ReactiveBridge.standard().awaitFirst(publisher);
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
        return ReactiveBridge.standard().awaitFirstOrNull(publisher);
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
        return ReactiveBridge.standard().awaitLast(publisher);
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
        return ReactiveBridge.standard().awaitSingle(publisher);
    }

    /**
     * Subscribes to {@code publisher}, requests two elements and returns the only one once the
     * publisher completes, or null if it completes empty. It never cancels after the element: it
     * waits for {@code onComplete} (a {@code Mono} or {@code Maybe} that commits work on completion
     * is not cut short); a second element cancels the subscription and fails.
     *
     * <p><b>Cancellation:</b> suspends the caller; cancelling it cancels the subscription.
     *
     * @param publisher the source
     * @param <T> the element type
     * @return the single element, or null
     * @throws NullPointerException if {@code publisher} is null
     * @throws IllegalArgumentException if the publisher signalled more than one element
     * @throws RuntimeException the publisher's error (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public static <T> @Nullable T awaitSingleOrNull(Publisher<? extends T> publisher) {
        return ReactiveBridge.standard().awaitSingleOrNull(publisher);
    }
}
