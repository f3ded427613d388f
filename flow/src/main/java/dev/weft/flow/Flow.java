package dev.weft.flow;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatcher;
import dev.weft.core.Job;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.channels.ReceiveChannel;
import dev.weft.flow.function.CompletionAction;
import dev.weft.flow.function.ErrorHandler;
import dev.weft.flow.function.IndexedConsumer;
import dev.weft.flow.function.RetryPredicate;
import dev.weft.flow.function.ThrowingBiFunction;
import dev.weft.flow.function.ThrowingBiPredicate;
import dev.weft.flow.function.ThrowingConsumer;
import dev.weft.flow.function.ThrowingFunction;
import dev.weft.flow.function.ThrowingFunction3;
import dev.weft.flow.function.ThrowingFunction4;
import dev.weft.flow.function.ThrowingFunction5;
import dev.weft.flow.function.ThrowingPredicate;
import dev.weft.flow.function.Transformer;
import dev.weft.flow.function.WhileTransformer;
import dev.weft.flow.internal.BlockingView;
import dev.weft.flow.internal.BoundaryOps;
import dev.weft.flow.internal.Builders;
import dev.weft.flow.internal.Combine;
import dev.weft.flow.internal.ConcatOps;
import dev.weft.flow.internal.EmitterOps;
import dev.weft.flow.internal.ErrorOps;
import dev.weft.flow.internal.LimitOps;
import dev.weft.flow.internal.MergeOps;
import dev.weft.flow.internal.NullChecks;
import dev.weft.flow.internal.Sharing;
import dev.weft.flow.internal.TimeOps;
import dev.weft.flow.internal.Terminals;
import dev.weft.flow.internal.TransformOps;
import dev.weft.flow.internal.Zip;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A cold, suspending stream of elements: nothing runs until {@link #collect(FlowCollector)}, and
 * each collection runs the producer again. A producer's {@code emit} suspends until the collector
 * has taken the element, which is backpressure without request bookkeeping.
 *
 * <pre>{@code
 * List<String> names = Flow.range(0, 10)
 *         .filter(i -> i % 2 == 0)
 *         .map(i -> "item-" + i)
 *         .take(3)
 *         .toList();                       // [item-0, item-2, item-4]
 * }</pre>
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li><b>Cold</b>: building a chain of operators runs nothing; every terminal operation runs the
 *     whole chain anew, on the calling coroutine (a coroutine is a virtual thread; called from a
 *     platform thread, a flow simply runs on it).
 * <li><b>Context preservation</b>: a {@link #flow(FlowBlock) flow{}} block, and every operator
 *     block that receives a {@link FlowCollector}, may emit only from the coroutine that collects
 *     it; emitting from another coroutine or thread fails at once with an
 *     {@link IllegalStateException}, and the collection then fails with that same exception when
 *     the block ends, even if the offending code swallowed it. Use {@code channelFlow} to emit
 *     from several coroutines, {@code flowOn} to run a producer elsewhere.
 * <li><b>Exception transparency</b>: an exception thrown downstream (by the collector or a later
 *     operator) travels up through the producer unchanged; {@link #catchError}, {@link #retry} and
 *     {@link #retryWhen} never see it, and a producer must not emit after catching it.
 * <li><b>No nulls</b>: an element is never {@code null}; emitting one throws a
 *     {@link NullPointerException} at the emit site. Operators check their arguments when they are
 *     called (assembly time), not when the flow is collected.
 * </ul>
 *
 * <h2>Exceptions</h2>
 * The functional arguments of the operators may throw checked exceptions. Such an exception ends
 * the flow and travels, as it was thrown, through the operators (so {@code catchError} receives
 * the original {@code IOException}, not a wrapper).
 * <ul>
 * <li>{@link #collect(FlowCollector)}, the one primitive, declares {@code throws Exception} and
 *     rethrows the failure as it is.
 * <li>Every other terminal operator ({@link #toList()}, {@link #first()}, {@link #fold},
 *     {@link #forEach}, {@link #collectIndexed}, ...) declares no checked exception: it rethrows
 *     unchecked exceptions and errors as they are and wraps a checked exception in
 *     {@link java.util.concurrent.CompletionException}, weft's convention everywhere.
 * <li>Cancellation of the collecting coroutine surfaces as
 *     {@link java.util.concurrent.CancellationException}.
 * </ul>
 *
 * <h2>Operator notes</h2>
 * Each operator says where its code runs (<b>Dispatcher</b>), what it holds (<b>Buffering</b>) and
 * what ends it (<b>Cancellation</b>). The synchronous operators are plain nested calls on the
 * collecting coroutine: no queue, no thread hop, nothing buffered beyond what the operator's
 * semantics need; an exception or a cancellation anywhere unwinds the whole chain at once. An
 * operator that needs only a prefix of the flow ({@link #take}, {@link #first()}, ...) stops the
 * upstream as soon as it has it: nothing more is produced.
 *
 * <h2>Names</h2>
 * {@link #catchError} is kotlinx's {@code catch} (a Java keyword) and Reactor's
 * {@code onErrorResume}; {@link #forEach} is {@link #collect} for code that must not throw
 * checked exceptions; {@link #range(int, int)} takes an exclusive end, like
 * {@link java.util.stream.IntStream#range}, not a count. Operators on a flow of flows and on
 * several flows are static: {@link #flattenConcat}, {@link #flattenMerge}, {@link #merge(Flow[])},
 * {@link #combine(Flow, Flow, ThrowingBiFunction)}.
 *
 * <h2>Your own operators</h2>
 * An operator is a function from flow to flow; apply it with {@link #to(Function)}:
 * <pre>{@code
 * static <T> Flow<T> everyOther(Flow<T> f) { return f.withIndex().filter(iv -> iv.index() % 2 == 0).map(IndexedValue::value); }
 * Flow.range(0, 6).to(MyOps::everyOther).toList();   // [0, 2, 4]
 * }</pre>
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface Flow<T> {
    /** The number of inner flows {@link #flatMapMerge(ThrowingFunction)} collects at once: {@value}. */
    int DEFAULT_CONCURRENCY = 16;

    /**
     * Runs this flow, handing every element to {@code collector} on the calling coroutine, and
     * returns when the flow has completed.
     *
     * @param collector receives the elements
     * @throws Exception the failure of the producer or of the collector, as it was thrown
     */
    void collect(FlowCollector<? super T> collector) throws Exception;

    // ================================================================ builders

    /**
     * Creates a flow from a block that emits its elements sequentially. The block runs anew for
     * each collection, on the collecting coroutine.
     *
     * <pre>{@code
     * Flow<String> lines = Flow.flow(out -> {
     *     try (BufferedReader r = Files.newBufferedReader(path)) {
     *         for (String l; (l = r.readLine()) != null; ) out.emit(l);
     *     }
     * });
     * }</pre>
     *
     * <p><b>Dispatcher:</b> the collecting coroutine; {@code emit} from any other coroutine or
     * thread (an executor task, a plain {@code Thread}) throws {@link IllegalStateException} (use
     * {@code channelFlow} or {@code flowOn}), and the collection fails with that same exception
     * when the block ends, whatever the offending code did with it. So does
     * {@code emit} after the block returned, or after a previous {@code emit} threw (exception
     * transparency: catch a downstream failure only to clean up, then rethrow it; if the block
     * swallows it, the flow still fails with it). <b>Buffering:</b> none; {@code emit} returns when
     * the downstream has processed the element. <b>Cancellation:</b> each {@code emit} checks for
     * cancellation of the collecting coroutine.
     *
     * @param block the producer
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code block} is null
     */
    static <T> Flow<T> flow(FlowBlock<T> block) {
        return Builders.flow(block);
    }

    /**
     * Creates a flow of the given elements, in order. The array is copied. <b>Cancellation:</b>
     * as {@link #range}: a check once every 1024 elements (add {@link #cancellable()} for one at
     * each element).
     *
     * @param values the elements
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code values} or one of its elements is null
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied, never exposed
    static <T> Flow<T> of(T... values) {
        return Builders.of(values);
    }

    /**
     * Returns a flow that completes at once without elements.
     *
     * @param <T> the element type
     * @return the empty flow
     */
    static <T> Flow<T> empty() {
        return Builders.empty();
    }

    /**
     * Creates a flow of the integers from {@code start} (inclusive) to {@code endExclusive}, like
     * {@link java.util.stream.IntStream#range}. The elements are boxed {@link Integer}s.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Cancellation:</b> the range checks for
     * cancellation of the collecting coroutine once every 1024 elements, so a long range stops
     * within that many elements once cancelled; a range of at most 1024 elements never checks (add
     * {@link #cancellable()} for a check at each element). A {@code map}, {@code filter} or
     * {@code filterNot} applied directly to a range runs inside the range's own loop, with the same
     * results, failures and checks as when it wraps the collector.
     *
     * @param start the first element
     * @param endExclusive the bound, not included
     * @return the flow
     * @throws IllegalArgumentException if {@code endExclusive < start}
     */
    static Flow<Integer> range(int start, int endExclusive) {
        return Builders.range(start, endExclusive);
    }

    /**
     * Creates a flow of the elements of {@code iterable}; each collection iterates it anew.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Cancellation:</b> the source itself does
     * not check for cancellation between elements (a check in its loop cost about a quarter of the
     * time of a {@code fromIterable().map().filter().fold()} chain, measured): a long source whose
     * collector never suspends runs on after its coroutine is cancelled. Add
     * {@link #cancellable()} for a check at each element.
     *
     * @param iterable the source
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code iterable} is null (a null element fails the
     *         collection with {@code NullPointerException})
     */
    static <T> Flow<T> fromIterable(Iterable<? extends T> iterable) {
        return Builders.fromIterable(iterable);
    }

    /**
     * Creates a flow of the remaining elements of {@code iterator}. It can be collected only once;
     * a second collection fails with {@link IllegalStateException}. <b>Cancellation:</b> as
     * {@link #fromIterable}: no check between elements unless {@link #cancellable()} is added.
     *
     * @param iterator the source
     * @param <T> the element type
     * @return the single-use flow
     * @throws NullPointerException if {@code iterator} is null
     */
    static <T> Flow<T> fromIterator(Iterator<? extends T> iterator) {
        return Builders.fromIterator(iterator);
    }

    /**
     * Creates a flow of the elements of {@code stream}, pulled one at a time; the stream is closed
     * when the collection ends, however it ends. It can be collected only once; a second
     * collection fails with {@link IllegalStateException} (use
     * {@code defer(() -> fromStream(...))} for a new stream per collection). <b>Cancellation:</b> as
     * {@link #fromIterable}: no check between elements unless {@link #cancellable()} is added.
     *
     * @param stream the source
     * @param <T> the element type
     * @return the single-use flow
     * @throws NullPointerException if {@code stream} is null
     */
    static <T> Flow<T> fromStream(Stream<? extends T> stream) {
        return Builders.fromStream(stream);
    }

    /**
     * Creates a flow of one element, computed by {@code supplier} anew for each collection, on the
     * collecting coroutine (it may suspend).
     *
     * @param supplier computes the element; must not return null
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code supplier} is null
     */
    static <T> Flow<T> fromSupplier(Callable<? extends T> supplier) {
        return Builders.fromSupplier(supplier);
    }

    /**
     * Creates a flow that waits for {@code stage} and emits its value, or fails with its failure
     * (unwrapped from {@link java.util.concurrent.CompletionException}); a {@code null} value makes
     * an empty flow.
     *
     * <p><b>Cancellation:</b> the collecting coroutine suspends while waiting and stops waiting
     * when cancelled; the stage itself is not cancelled, since every collection shares it.
     *
     * @param stage the source
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code stage} is null
     */
    static <T> Flow<T> fromCompletionStage(CompletionStage<? extends T> stage) {
        return Builders.fromCompletionStage(stage);
    }

    /**
     * Creates a flow that calls {@code factory} at each collection and collects the flow it
     * returns.
     *
     * @param factory creates the flow to collect; must not return null
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code factory} is null
     */
    static <T> Flow<T> defer(Callable<? extends Flow<? extends T>> factory) {
        return Builders.defer(factory);
    }

    /**
     * Creates a flow that fails with {@code error} (the same instance at every collection).
     *
     * @param error the failure
     * @param <T> the element type
     * @return the failing flow
     * @throws NullPointerException if {@code error} is null
     */
    static <T> Flow<T> error(Throwable error) {
        return Builders.error(error);
    }

    /**
     * Flattens a flow of flows by collecting each inner flow to its end before taking the next.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param flows the flow of flows
     * @param <T> the element type
     * @return the flattened flow
     * @throws NullPointerException if {@code flows} is null
     */
    static <T> Flow<T> flattenConcat(Flow<? extends Flow<? extends T>> flows) {
        return ConcatOps.flattenConcat(flows);
    }

    /**
     * Creates a flow from a producer block that may send from several coroutines: it runs in a
     * coroutine of its own and sends to a channel that the collector reads. Coroutines it launches
     * in its scope are its helpers; the flow completes when the block and the helpers have ended.
     *
     * <pre>{@code
     * Flow<Price> prices = Flow.channelFlow(out -> {
     *     out.launch(() -> exchangeA.prices().collect(out::send));
     *     out.launch(() -> exchangeB.prices().collect(out::send));
     * });
     * }</pre>
     *
     * <p><b>Dispatcher:</b> the producer runs on the collector's dispatcher (or the one given by a
     * following {@link #flowOn}). <b>Buffering:</b> a {@link Channel#BUFFERED} channel; a following
     * {@link #buffer}, {@link #conflate} or {@link #flowOn} changes this one channel instead of
     * adding another. <b>Cancellation:</b> when the collection ends (completion, failure, a
     * downstream {@code take}) the producer and its helpers are cancelled and awaited. A failure of
     * the block or of a helper reaches the collector after the elements sent before it.
     *
     * @param block the producer
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code block} is null
     */
    static <T> Flow<T> channelFlow(ProducerBlock<T> block) {
        return BoundaryOps.channelFlow(block);
    }

    /**
     * Creates a flow from a callback-based source: the block registers a callback that sends (or
     * {@code trySend}s) into the producer scope, then must end with
     * {@link dev.weft.core.channels.ProducerScope#awaitClose awaitClose(() -> unregister)}, which
     * keeps the registration alive until the collection ends or the channel is closed. Returning
     * without {@code awaitClose} while the channel is open fails with
     * {@link IllegalStateException}.
     *
     * <pre>{@code
     * Flow<Event> events = Flow.callbackFlow(out -> {
     *     Listener l = e -> out.trySend(e);
     *     bus.register(l);
     *     out.awaitClose(() -> bus.unregister(l));
     * });
     * }</pre>
     *
     * <p><b>Dispatcher</b>, <b>Buffering</b>, <b>Cancellation</b>: as {@link #channelFlow}; with a
     * full buffer {@code trySend} fails (the callback decides), {@code send} suspends.
     *
     * @param block registers the callback and awaits the close
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code block} is null
     */
    static <T> Flow<T> callbackFlow(ProducerBlock<T> block) {
        return BoundaryOps.callbackFlow(block);
    }

    /**
     * Returns a flow of the elements received from {@code channel}. Several collectors may collect
     * it at once; each element goes to one of them. The channel is not cancelled when a collection
     * ends early.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine receives. <b>Buffering:</b> the channel's own.
     * <b>Cancellation:</b> the collection stops waiting when cancelled; the channel stays open.
     *
     * @param channel the channel
     * @param <T> the element type
     * @return the flow, completing when the channel is closed (failing with its close cause)
     * @throws NullPointerException if {@code channel} is null
     */
    static <T> Flow<T> receiveAsFlow(ReceiveChannel<T> channel) {
        return BoundaryOps.receiveAsFlow(channel);
    }

    /**
     * Like {@link #receiveAsFlow}, but the flow owns the channel: it can be collected only once (a
     * second collection fails with {@link IllegalStateException}), and a collection that ends
     * early or fails cancels the channel.
     *
     * @param channel the channel
     * @param <T> the element type
     * @return the single-use flow
     * @throws NullPointerException if {@code channel} is null
     */
    static <T> Flow<T> consumeAsFlow(ReceiveChannel<T> channel) {
        return BoundaryOps.consumeAsFlow(channel);
    }

    /**
     * Merges {@code flows} into one flow, collecting all of them concurrently; elements come in
     * the order they are produced.
     *
     * <p><b>Dispatcher:</b> one coroutine per flow, on the collector's dispatcher (or a following
     * {@link #flowOn}'s). <b>Buffering:</b> one {@link Channel#BUFFERED} channel (fusible).
     * <b>Cancellation:</b> a failure of one flow cancels the others; ending the collection cancels
     * all.
     *
     * @param flows the flows
     * @param <T> the element type
     * @return the merged flow
     * @throws NullPointerException if {@code flows} or one of its elements is null
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // copied into a list of the declared type, never exposed
    static <T> Flow<T> merge(Flow<? extends T>... flows) {
        Objects.requireNonNull(flows, "flows");
        return MergeOps.merge(java.util.Arrays.asList(flows.clone()));
    }

    /**
     * Merges the flows of {@code flows}; see {@link #merge(Flow[])}.
     *
     * @param flows the flows
     * @param <T> the element type
     * @return the merged flow
     * @throws NullPointerException if {@code flows} or one of its elements is null
     */
    static <T> Flow<T> merge(Iterable<? extends Flow<? extends T>> flows) {
        Objects.requireNonNull(flows, "flows");
        List<Flow<? extends T>> list = new ArrayList<>();
        flows.forEach(list::add);
        return MergeOps.merge(list);
    }

    /**
     * Flattens a flow of flows, collecting up to {@code concurrency} inner flows at once; see
     * {@link #flatMapMerge(int, ThrowingFunction)}.
     *
     * @param flows the flow of flows
     * @param concurrency the maximum number of inner flows collected at once
     * @param <T> the element type
     * @return the flattened flow
     * @throws NullPointerException if {@code flows} is null
     * @throws IllegalArgumentException if {@code concurrency < 1}
     */
    static <T> Flow<T> flattenMerge(Flow<? extends Flow<? extends T>> flows, int concurrency) {
        return MergeOps.flattenMerge(flows, concurrency);
    }

    /**
     * Combines the latest elements of two flows: once each has produced an element, every new
     * element of either yields {@code combiner(latestFirst, latestSecond)}. When elements of both
     * are ready at once they may be combined in one go, but a value is never skipped: once both
     * flows have produced an element, every later element appears in at least one combination.
     * Completes when both flows have completed.
     *
     * <p><b>Dispatcher:</b> each flow is collected by a coroutine of its own; {@code combiner}
     * runs on the collecting coroutine. <b>Buffering:</b> a channel of one update per flow.
     * <b>Cancellation:</b> a failure of either flow cancels the other and fails the combination.
     *
     * @param first the first flow
     * @param second the second flow
     * @param combiner combines the latest elements; must not return null
     * @param <A> the first element type
     * @param <B> the second element type
     * @param <R> the result type
     * @return the combined flow
     * @throws NullPointerException if an argument is null
     */
    static <A, B, R> Flow<R> combine(Flow<? extends A> first, Flow<? extends B> second,
            ThrowingBiFunction<? super A, ? super B, ? extends R> combiner) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(combiner, "combiner");
        return Combine.combine(List.of(first, second), v -> combiner.apply(cast(v[0]), cast(v[1])));
    }

    /**
     * Combines the latest elements of three flows; see {@link #combine(Flow, Flow, ThrowingBiFunction)}.
     *
     * @param first the first flow
     * @param second the second flow
     * @param third the third flow
     * @param combiner combines the latest elements; must not return null
     * @param <A> the first element type
     * @param <B> the second element type
     * @param <C> the third element type
     * @param <R> the result type
     * @return the combined flow
     * @throws NullPointerException if an argument is null
     */
    static <A, B, C, R> Flow<R> combine(Flow<? extends A> first, Flow<? extends B> second, Flow<? extends C> third,
            ThrowingFunction3<? super A, ? super B, ? super C, ? extends R> combiner) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(third, "third");
        Objects.requireNonNull(combiner, "combiner");
        return Combine.combine(List.of(first, second, third),
                v -> combiner.apply(cast(v[0]), cast(v[1]), cast(v[2])));
    }

    /**
     * Combines the latest elements of four flows; see {@link #combine(Flow, Flow, ThrowingBiFunction)}.
     *
     * @param first the first flow
     * @param second the second flow
     * @param third the third flow
     * @param fourth the fourth flow
     * @param combiner combines the latest elements; must not return null
     * @param <A> the first element type
     * @param <B> the second element type
     * @param <C> the third element type
     * @param <D> the fourth element type
     * @param <R> the result type
     * @return the combined flow
     * @throws NullPointerException if an argument is null
     */
    static <A, B, C, D, R> Flow<R> combine(Flow<? extends A> first, Flow<? extends B> second,
            Flow<? extends C> third, Flow<? extends D> fourth,
            ThrowingFunction4<? super A, ? super B, ? super C, ? super D, ? extends R> combiner) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(third, "third");
        Objects.requireNonNull(fourth, "fourth");
        Objects.requireNonNull(combiner, "combiner");
        return Combine.combine(List.of(first, second, third, fourth),
                v -> combiner.apply(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3])));
    }

    /**
     * Combines the latest elements of five flows; see {@link #combine(Flow, Flow, ThrowingBiFunction)}.
     *
     * @param first the first flow
     * @param second the second flow
     * @param third the third flow
     * @param fourth the fourth flow
     * @param fifth the fifth flow
     * @param combiner combines the latest elements; must not return null
     * @param <A> the first element type
     * @param <B> the second element type
     * @param <C> the third element type
     * @param <D> the fourth element type
     * @param <E> the fifth element type
     * @param <R> the result type
     * @return the combined flow
     * @throws NullPointerException if an argument is null
     */
    static <A, B, C, D, E, R> Flow<R> combine(Flow<? extends A> first, Flow<? extends B> second,
            Flow<? extends C> third, Flow<? extends D> fourth, Flow<? extends E> fifth,
            ThrowingFunction5<? super A, ? super B, ? super C, ? super D, ? super E, ? extends R> combiner) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(third, "third");
        Objects.requireNonNull(fourth, "fourth");
        Objects.requireNonNull(fifth, "fifth");
        Objects.requireNonNull(combiner, "combiner");
        return Combine.combine(List.of(first, second, third, fourth, fifth),
                v -> combiner.apply(cast(v[0]), cast(v[1]), cast(v[2]), cast(v[3]), cast(v[4])));
    }

    /**
     * Combines the latest elements of any number of flows of one type; {@code combiner} receives
     * an unmodifiable list of them, in the order of {@code flows}. See
     * {@link #combine(Flow, Flow, ThrowingBiFunction)}. An empty {@code flows} gives an empty flow.
     *
     * @param flows the flows
     * @param combiner combines the latest elements; must not return null
     * @param <T> the element type
     * @param <R> the result type
     * @return the combined flow
     * @throws NullPointerException if an argument or an element of {@code flows} is null
     */
    static <T, R> Flow<R> combine(Iterable<? extends Flow<? extends T>> flows,
            ThrowingFunction<? super List<T>, ? extends R> combiner) {
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(combiner, "combiner");
        List<Flow<?>> list = new ArrayList<>();
        flows.forEach(f -> list.add(Objects.requireNonNull(f, "flows contains null")));
        return Combine.combine(list, v -> combiner.apply(cast(java.util.Collections.unmodifiableList(
                java.util.Arrays.asList(v)))));
    }

    /** Unchecked cast for the combine adapters; the element types are guaranteed by the signatures. */
    @SuppressWarnings("unchecked")
    private static <X> X cast(Object o) {
        return (X) o;
    }

    // ================================================================ composition

    /**
     * Applies {@code converter} to this flow: the way to plug in operators of your own, or to
     * convert the flow to another type, while keeping a fluent chain.
     *
     * @param converter the operator or conversion
     * @param <R> the result type
     * @return what {@code converter} returns
     * @throws NullPointerException if {@code converter} is null
     */
    default <R extends @Nullable Object> R to(Function<? super Flow<T>, ? extends R> converter) {
        Objects.requireNonNull(converter, "converter");
        return converter.apply(this);
    }

    // ================================================================ element-wise operators

    /**
     * Transforms each element with {@code mapper}.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     * <b>Cancellation:</b> a failure of {@code mapper} cancels the upstream.
     *
     * @param mapper computes the new element; must not return null (use {@link #mapNotNull})
     * @param <R> the new element type
     * @return the mapped flow
     * @throws NullPointerException if {@code mapper} is null
     */
    default <R> Flow<R> map(ThrowingFunction<? super T, ? extends R> mapper) {
        return TransformOps.map(NullChecks.upstream(this), mapper);
    }

    /**
     * Transforms each element with {@code mapper} and drops the {@code null} results.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param mapper computes the new element, or null to drop it
     * @param <R> the new element type
     * @return the mapped flow
     * @throws NullPointerException if {@code mapper} is null
     */
    default <R> Flow<R> mapNotNull(ThrowingFunction<? super T, ? extends @Nullable R> mapper) {
        return TransformOps.mapNotNull(NullChecks.upstream(this), mapper);
    }

    /**
     * Keeps the elements that match {@code predicate}.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param predicate tells which elements to keep
     * @return the filtered flow
     * @throws NullPointerException if {@code predicate} is null
     */
    default Flow<T> filter(ThrowingPredicate<? super T> predicate) {
        return TransformOps.filter(NullChecks.upstream(this), predicate);
    }

    /**
     * Drops the elements that match {@code predicate}.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param predicate tells which elements to drop
     * @return the filtered flow
     * @throws NullPointerException if {@code predicate} is null
     */
    default Flow<T> filterNot(ThrowingPredicate<? super T> predicate) {
        return TransformOps.filterNot(NullChecks.upstream(this), predicate);
    }

    /**
     * Keeps the elements that are instances of {@code type}, cast to it.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param type the class to keep
     * @param <R> the kept type
     * @return the filtered flow
     * @throws NullPointerException if {@code type} is null
     */
    default <R> Flow<R> filterIsInstance(Class<R> type) {
        return TransformOps.filterIsInstance(NullChecks.upstream(this), type);
    }

    /**
     * Turns each element into any number of elements, emitted through the collector that
     * {@code transformer} receives: the general form of {@code map} and {@code filter}.
     *
     * <pre>{@code flow.transform((v, out) -> { out.emit(v); out.emit(v); })   // doubles every element}</pre>
     *
     * <p><b>Dispatcher:</b> the collecting coroutine; {@code out} may be used only there and only
     * during the call (checked, like {@link #flow(FlowBlock)}). <b>Buffering:</b> none.
     * <b>Cancellation:</b> each {@code out.emit} checks for cancellation.
     *
     * @param transformer handles one element
     * @param <R> the new element type
     * @return the transformed flow
     * @throws NullPointerException if {@code transformer} is null
     */
    default <R> Flow<R> transform(Transformer<? super T, R> transformer) {
        return TransformOps.transform(NullChecks.upstream(this), transformer);
    }

    /**
     * Like {@link #transform}, and stops the upstream once {@code transformer} returns
     * {@code false}.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     * <b>Cancellation:</b> returning {@code false} cancels the upstream at once.
     *
     * @param transformer handles one element and says whether to go on
     * @param <R> the new element type
     * @return the transformed flow
     * @throws NullPointerException if {@code transformer} is null
     */
    default <R> Flow<R> transformWhile(WhileTransformer<? super T, R> transformer) {
        return LimitOps.transformWhile(NullChecks.upstream(this), transformer);
    }

    /**
     * Runs {@code action} on each element before passing it on.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param action the side effect
     * @return the flow with the side effect
     * @throws NullPointerException if {@code action} is null
     */
    default Flow<T> onEach(ThrowingConsumer<? super T> action) {
        return TransformOps.onEach(NullChecks.upstream(this), action);
    }

    /**
     * Pairs each element with its position, from 0.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @return the indexed flow
     */
    default Flow<IndexedValue<T>> withIndex() {
        return TransformOps.withIndex(NullChecks.upstream(this));
    }

    /**
     * Emits {@code initial}, then each accumulation of {@code operation} over the elements.
     * {@code Flow.of(1, 2, 3).runningFold(0, Integer::sum)} emits 0, 1, 3, 6.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> the accumulator.
     *
     * @param initial the first accumulator, emitted first
     * @param operation combines the accumulator and an element; must not return null
     * @param <R> the accumulator type
     * @return the flow of accumulators
     * @throws NullPointerException if an argument is null
     */
    default <R> Flow<R> runningFold(R initial, ThrowingBiFunction<? super R, ? super T, ? extends R> operation) {
        return TransformOps.runningFold(NullChecks.upstream(this), initial, operation);
    }

    /**
     * The same as {@link #runningFold}, under the name other libraries use.
     *
     * @param initial the first accumulator, emitted first
     * @param operation combines the accumulator and an element; must not return null
     * @param <R> the accumulator type
     * @return the flow of accumulators
     * @throws NullPointerException if an argument is null
     */
    default <R> Flow<R> scan(R initial, ThrowingBiFunction<? super R, ? super T, ? extends R> operation) {
        return TransformOps.runningFold(NullChecks.upstream(this), initial, operation);
    }

    /**
     * Emits the first element, then each accumulation of {@code operation} over the following ones.
     * {@code Flow.of(1, 2, 3).runningReduce(Integer::sum)} emits 1, 3, 6.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> the accumulator.
     *
     * @param operation combines the accumulator and an element; must not return null
     * @return the flow of accumulators
     * @throws NullPointerException if {@code operation} is null
     */
    default Flow<T> runningReduce(ThrowingBiFunction<? super T, ? super T, ? extends T> operation) {
        return TransformOps.runningReduce(NullChecks.upstream(this), operation);
    }

    /**
     * Groups the elements into lists of {@code size}; the last list may be shorter. Each list is
     * new and belongs to the receiver.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> up to {@code size - 1}
     * elements; a partial list is emitted when the upstream completes, dropped if it fails.
     *
     * @param size the number of elements per list
     * @return the flow of lists
     * @throws IllegalArgumentException if {@code size < 1}
     */
    default Flow<List<T>> chunked(int size) {
        return TransformOps.chunked(NullChecks.upstream(this), size);
    }

    /**
     * Drops each element equal ({@link Object#equals}) to the one before it.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> the previous element.
     *
     * @return the flow without repetitions
     */
    default Flow<T> distinctUntilChanged() {
        return TransformOps.distinctUntilChanged(NullChecks.upstream(this));
    }

    /**
     * Drops each element that {@code areEquivalent} finds equivalent to the last emitted one.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> the last emitted element.
     *
     * @param areEquivalent compares the last emitted element (first argument) with the new one
     * @return the flow without repetitions
     * @throws NullPointerException if {@code areEquivalent} is null
     */
    default Flow<T> distinctUntilChanged(ThrowingBiPredicate<? super T, ? super T> areEquivalent) {
        return TransformOps.distinctUntilChanged(NullChecks.upstream(this), areEquivalent);
    }

    /**
     * Drops each element whose key equals the key of the last emitted one.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> the last emitted key.
     *
     * @param keySelector computes the key of an element (may return null)
     * @param <K> the key type
     * @return the flow without repetitions
     * @throws NullPointerException if {@code keySelector} is null
     */
    default <K> Flow<T> distinctUntilChangedBy(ThrowingFunction<? super T, ? extends @Nullable K> keySelector) {
        return TransformOps.distinctUntilChangedBy(NullChecks.upstream(this), keySelector);
    }

    /**
     * Maps each element to a flow and collects those flows one after the other.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none: the next upstream
     * element is taken when the inner flow has completed. <b>Cancellation:</b> a failure of an
     * inner flow cancels the upstream.
     *
     * @param mapper returns the inner flow of an element
     * @param <R> the element type of the inner flows
     * @return the flattened flow
     * @throws NullPointerException if {@code mapper} is null
     */
    default <R> Flow<R> flatMapConcat(ThrowingFunction<? super T, ? extends Flow<? extends R>> mapper) {
        return ConcatOps.flatMapConcat(NullChecks.upstream(this), mapper);
    }

    /**
     * Adds a cancellation check at each element, for flows that do not check by themselves (such
     * as {@link #fromIterable}, or {@link #range}, which checks once every 1024 elements) when a
     * tight loop must stop promptly.
     * {@link #flow(FlowBlock)} flows already check; for them this returns the flow unchanged.
     *
     * <p><b>Cancellation:</b> each element checks for cancellation of the collecting coroutine.
     *
     * @return the cancellable flow
     */
    default Flow<T> cancellable() {
        return TransformOps.cancellable(NullChecks.upstream(this));
    }

    /**
     * Maps each element to a flow and collects up to {@link #DEFAULT_CONCURRENCY} of those flows
     * at once; see {@link #flatMapMerge(int, ThrowingFunction)}.
     *
     * @param mapper returns the inner flow of an element
     * @param <R> the element type of the inner flows
     * @return the merged flow
     * @throws NullPointerException if {@code mapper} is null
     */
    default <R> Flow<R> flatMapMerge(ThrowingFunction<? super T, ? extends Flow<? extends R>> mapper) {
        return MergeOps.flatMapMerge(NullChecks.upstream(this), DEFAULT_CONCURRENCY, mapper);
    }

    /**
     * Maps each element to a flow and collects up to {@code concurrency} of those flows at once,
     * emitting their elements as they come (interleaved). With {@code concurrency == 1} this is
     * {@link #flatMapConcat}.
     *
     * <p><b>Dispatcher:</b> the upstream and {@code mapper} run in a producer coroutine, each inner
     * flow in a coroutine of its own, on the collector's dispatcher (or a following
     * {@link #flowOn}'s); an inner flow made by {@link #of}, {@link #range} or {@link #empty}, which
     * runs no code of yours, is sent by the producer coroutine itself (up to 128 elements),
     * holding one of the {@code concurrency} slots; the rest of it then goes on in a coroutine of
     * its own. <b>Buffering:</b> one
     * {@link Channel#BUFFERED} channel (fusible); the
     * upstream is suspended while {@code concurrency} inner flows run. <b>Cancellation:</b> a
     * failure of the upstream or of an inner flow cancels everything else; ending the collection
     * cancels all.
     *
     * @param concurrency the maximum number of inner flows collected at once
     * @param mapper returns the inner flow of an element
     * @param <R> the element type of the inner flows
     * @return the merged flow
     * @throws IllegalArgumentException if {@code concurrency < 1}
     * @throws NullPointerException if {@code mapper} is null
     */
    default <R> Flow<R> flatMapMerge(int concurrency, ThrowingFunction<? super T, ? extends Flow<? extends R>> mapper) {
        return MergeOps.flatMapMerge(NullChecks.upstream(this), concurrency, mapper);
    }

    /**
     * Like {@link #transform}, but each new upstream element cancels the transformation of the
     * previous one if it is still running (and waits for it to end) before starting its own.
     *
     * <p><b>Dispatcher:</b> each transformation runs in a coroutine of its own, the upstream in a
     * producer coroutine; {@code out} may be used from the transformation's coroutine and the
     * coroutines it starts. <b>Buffering:</b> one {@link Channel#BUFFERED} channel (fusible).
     * <b>Cancellation:</b> a new element cancels the previous transformation; a failure of any
     * cancels everything.
     *
     * @param transformer handles one element
     * @param <R> the new element type
     * @return the transformed flow
     * @throws NullPointerException if {@code transformer} is null
     */
    default <R> Flow<R> transformLatest(Transformer<? super T, R> transformer) {
        return MergeOps.transformLatest(NullChecks.upstream(this), transformer);
    }

    /**
     * Like {@link #map}, but a new element cancels the mapping of the previous one if it has not
     * finished; see {@link #transformLatest}.
     *
     * @param mapper computes the new element (may suspend); must not return null
     * @param <R> the new element type
     * @return the mapped flow
     * @throws NullPointerException if {@code mapper} is null
     */
    default <R> Flow<R> mapLatest(ThrowingFunction<? super T, ? extends R> mapper) {
        return MergeOps.mapLatest(NullChecks.upstream(this), mapper);
    }

    /**
     * Maps each element to a flow and collects only the latest one: a new element cancels the
     * collection of the previous inner flow; see {@link #transformLatest}.
     *
     * @param mapper returns the inner flow of an element
     * @param <R> the element type of the inner flows
     * @return the switched flow
     * @throws NullPointerException if {@code mapper} is null
     */
    default <R> Flow<R> flatMapLatest(ThrowingFunction<? super T, ? extends Flow<? extends R>> mapper) {
        return MergeOps.flatMapLatest(NullChecks.upstream(this), mapper);
    }

    /**
     * Pairs the elements of this flow and {@code other} one by one with {@code combiner}; ends as
     * soon as either flow ends (the other is cancelled).
     *
     * <p><b>Dispatcher:</b> this flow and {@code combiner} run on the collecting coroutine,
     * {@code other} in a producer coroutine (an {@code other} made by {@link #of}, {@link #range}
     * or {@link #empty}, which runs no code of yours, is read by the collecting coroutine itself,
     * one element per element of this flow). <b>Buffering:</b> {@code other} runs ahead by up to
     * {@link Channel#DEFAULT_BUFFER_SIZE} elements; if it has a boundary of its own, that one is
     * used instead ({@code other.buffer(0)} keeps the two in lockstep, {@code other.buffer(n)}
     * sets the distance).
     * <b>Cancellation:</b> a failure of either flow cancels the other and fails the zip; a
     * failure of {@code other}'s cleanup while it is cancelled (the zip ended) fails the zip too,
     * or is added as suppressed to the collector's own failure.
     *
     * @param other the second flow
     * @param combiner combines a pair; must not return null
     * @param <U> the element type of {@code other}
     * @param <R> the result type
     * @return the zipped flow
     * @throws NullPointerException if an argument is null
     */
    default <U, R> Flow<R> zip(Flow<? extends U> other, ThrowingBiFunction<? super T, ? super U, ? extends R> combiner) {
        Objects.requireNonNull(other, "other");
        @SuppressWarnings("unchecked")
        Flow<U> o = (Flow<U>) other;
        return Zip.zip(NullChecks.upstream(this), o, combiner);
    }

    /**
     * Combines the latest elements of this flow and {@code other}; the same as
     * {@link #combine(Flow, Flow, ThrowingBiFunction) Flow.combine(this, other, combiner)}.
     *
     * @param other the second flow
     * @param combiner combines the latest elements; must not return null
     * @param <U> the element type of {@code other}
     * @param <R> the result type
     * @return the combined flow
     * @throws NullPointerException if an argument is null
     */
    default <U, R> Flow<R> combine(Flow<? extends U> other, ThrowingBiFunction<? super T, ? super U, ? extends R> combiner) {
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(combiner, "combiner");
        return Flow.<T, U, R>combine(this, other, combiner);
    }

    // ================================================================ asynchronous boundaries

    /**
     * Runs the upstream in a producer coroutine that runs ahead of the collector by up to
     * {@link Channel#DEFAULT_BUFFER_SIZE} elements; see {@link #buffer(int, BufferOverflow)}.
     *
     * @return the buffered flow
     */
    default Flow<T> buffer() {
        return BoundaryOps.buffer(NullChecks.upstream(this), Channel.BUFFERED, BufferOverflow.SUSPEND);
    }

    /**
     * Runs the upstream in a producer coroutine that runs ahead of the collector by up to
     * {@code capacity} elements, then suspends; see {@link #buffer(int, BufferOverflow)}.
     *
     * @param capacity the buffer size, or {@link Channel#BUFFERED}, {@link Channel#CONFLATED},
     *                 {@link Channel#UNLIMITED}; 0 is a rendezvous
     * @return the buffered flow
     * @throws IllegalArgumentException if {@code capacity} is negative and not one of the constants
     */
    default Flow<T> buffer(int capacity) {
        return BoundaryOps.buffer(NullChecks.upstream(this), capacity, BufferOverflow.SUSPEND);
    }

    /**
     * Decouples the upstream from the collector: the upstream runs in a producer coroutine and
     * sends into a channel of {@code capacity}; when it is full the producer suspends
     * ({@link BufferOverflow#SUSPEND}) or the oldest or newest element is dropped.
     *
     * <p><b>Dispatcher:</b> the producer runs on the collector's dispatcher, or on the one of a
     * {@link #flowOn} next to this operator. <b>Buffering:</b> {@code capacity} elements.
     * Adjacent {@code buffer}, {@code conflate} and {@code flowOn} operators, and a
     * {@link #channelFlow} before them, fuse into <em>one</em> channel: sizes add up, a dropping
     * policy replaces the previous one. <b>Cancellation:</b> when the collection ends, the
     * producer is cancelled and what the buffer holds is discarded; no more than
     * {@code capacity} (+1 in flight) elements are produced beyond what the collector took. If
     * the collection stops early (the collector fails or stops, as {@code take} does, or the
     * collecting coroutine is cancelled) and the producer, told to stop at one of its suspension
     * points, fails on the way out (a {@code finally} that throws), the collection ends with that
     * failure, as it would without the boundary; next to a failure of the collector's own, it is
     * added to it as suppressed. A failure the producer runs into on its own (it ran ahead, or
     * ran on after the stop without reaching a suspension point) does not change the outcome of
     * an early stop.
     *
     * <p><b>Fusion with pure sources:</b> directly over {@link #empty}, {@link #of}
     * or {@link #range}, which run no code of yours, a {@code SUSPEND} buffer has nothing to
     * decouple: the collector reads the source itself, with no producer coroutine (the rule of
     * Reactor's {@code publishOn} over a synchronous source). Any operator in between, such as a
     * {@code map}, keeps the boundary; a dropping policy always keeps it. Cancellation is then
     * noticed by the source's own checks (every 1024 elements) rather than within the buffer's
     * capacity.
     *
     * @param capacity the buffer size, or {@link Channel#BUFFERED}, {@link Channel#CONFLATED},
     *                 {@link Channel#UNLIMITED}; 0 is a rendezvous
     * @param overflow what the producer does when the buffer is full
     * @return the buffered flow
     * @throws IllegalArgumentException if {@code capacity} is invalid, or {@code CONFLATED} with a
     *         policy other than {@code SUSPEND}
     * @throws NullPointerException if {@code overflow} is null
     */
    default Flow<T> buffer(int capacity, BufferOverflow overflow) {
        return BoundaryOps.buffer(NullChecks.upstream(this), capacity, overflow);
    }

    /**
     * Lets a slow collector skip elements: the upstream runs in a producer coroutine that never
     * waits, and the collector receives the latest element each time it is ready; the same as
     * {@code buffer(Channel.CONFLATED)}.
     *
     * <p><b>Dispatcher:</b> as {@link #buffer(int, BufferOverflow)}. <b>Buffering:</b> one element,
     * replaced by each newer one. <b>Cancellation:</b> as {@link #buffer(int, BufferOverflow)}.
     *
     * @return the conflated flow
     */
    default Flow<T> conflate() {
        return BoundaryOps.buffer(NullChecks.upstream(this), Channel.CONFLATED, BufferOverflow.SUSPEND);
    }

    /**
     * Runs the upstream (everything before this operator, up to the previous {@code flowOn}) on
     * {@code dispatcher}; the collector and the operators after it stay where they are.
     *
     * <pre>{@code Flow.flow(out -> readBlocking(out)).flowOn(Dispatchers.IO).map(this::parse)  // parse stays on the caller}</pre>
     *
     * <p><b>Dispatcher:</b> the upstream runs in a producer coroutine on {@code dispatcher}; if the
     * collector already runs there and no buffer was asked for, no boundary is added at all.
     * Where several {@code flowOn} are adjacent, the one closest to the producer wins.
     * <b>Buffering:</b> a {@link Channel#BUFFERED} channel, fused with an adjacent
     * {@link #buffer}. <b>Cancellation:</b> as {@link #buffer(int, BufferOverflow)}. Directly
     * over {@link #empty}, {@link #of} or {@link #range} there is no code of yours
     * to move, and the collector reads the source itself (see {@link #buffer(int, BufferOverflow)});
     * a {@code dispatcher} closed before the collection still fails it, one closed during the
     * collection has nothing of it to cancel.
     *
     * @param dispatcher where the upstream runs
     * @return the flow whose upstream runs on {@code dispatcher}
     * @throws NullPointerException if {@code dispatcher} is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by
     *         {@link dev.weft.core.Dispatchers}
     */
    default Flow<T> flowOn(Dispatcher dispatcher) {
        return BoundaryOps.flowOn(NullChecks.upstream(this), dispatcher);
    }

    /**
     * Starts collecting this flow in a new coroutine of {@code scope} and returns the channel it
     * sends to. A failure of the flow closes the channel with it and fails the coroutine (and so,
     * as for any child, {@code scope}).
     *
     * <p><b>Dispatcher:</b> the scope's (or a {@link #flowOn} before this operator). <b>Buffering:</b>
     * {@link Channel#BUFFERED}, or the boundary this flow already has. <b>Cancellation:</b>
     * cancelling the returned channel cancels the producer; cancelling the scope closes the
     * channel.
     *
     * @param scope where the producer runs
     * @return the channel to receive from
     * @throws NullPointerException if {@code scope} is null
     */
    default ReceiveChannel<T> produceIn(CoroutineScope scope) {
        return BoundaryOps.produceIn(NullChecks.upstream(this), scope);
    }

    // ================================================================ time operators

    /**
     * Emits an element only once {@code timeout} has passed without a newer one; the latest
     * element is emitted at once when the upstream completes. A zero timeout returns this flow.
     *
     * <p><b>Dispatcher:</b> the upstream is collected by a helper coroutine; elements are emitted
     * on the collecting coroutine. Time is read from the collecting coroutine's dispatcher.
     * <b>Buffering:</b> the latest element. <b>Cancellation:</b> a failure of the upstream drops
     * the pending element and fails the flow.
     *
     * @param timeout the quiet time an element must survive
     * @return the debounced flow
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    default Flow<T> debounce(Duration timeout) {
        return TimeOps.debounce(NullChecks.upstream(this), timeout);
    }

    /**
     * Emits, at the end of each {@code period}, the latest element received during it (nothing if
     * none was). An element newer than the last period's end is dropped when the upstream
     * completes.
     *
     * <p><b>Dispatcher:</b> the upstream is collected by a helper coroutine; elements are emitted
     * on the collecting coroutine. <b>Buffering:</b> the latest element.
     *
     * @param period the sampling period
     * @return the sampled flow
     * @throws NullPointerException if {@code period} is null
     * @throws IllegalArgumentException if {@code period} is not positive
     */
    default Flow<T> sample(Duration period) {
        return TimeOps.sample(NullChecks.upstream(this), period);
    }

    /**
     * Fails with {@link dev.weft.core.TimeoutCancellationException} if the upstream keeps the
     * collector waiting for its first or next element longer than {@code timeout}; the time the
     * downstream takes does not count. The upstream is cancelled. As it is a
     * {@link java.util.concurrent.CancellationException} that is not the collector's own
     * cancellation, a {@link #catchError} after this operator can handle it.
     *
     * <p><b>Dispatcher:</b> the upstream runs on the collecting coroutine; a timer of its
     * dispatcher watches it. <b>Buffering:</b> none.
     *
     * @param timeout the longest wait for an element; zero times out at once
     * @return the flow with a timeout
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    default Flow<T> timeout(Duration timeout) {
        return TimeOps.timeout(NullChecks.upstream(this), timeout);
    }

    // ================================================================ limiting operators

    /**
     * Emits the first {@code count} elements, then stops the upstream.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     * <b>Cancellation:</b> right after the {@code count}-th element the upstream is cancelled: it
     * produces nothing more (a boundary upstream discards what its buffer holds). With
     * {@code count == 0} the upstream is not collected at all.
     *
     * @param count the number of elements to emit
     * @return the shortened flow
     * @throws IllegalArgumentException if {@code count} is negative
     */
    default Flow<T> take(long count) {
        return LimitOps.take(NullChecks.upstream(this), count);
    }

    /**
     * Emits elements while they match {@code predicate}; stops the upstream at the first that
     * does not (which is not emitted).
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     * <b>Cancellation:</b> the first mismatch cancels the upstream.
     *
     * @param predicate tells whether to go on
     * @return the shortened flow
     * @throws NullPointerException if {@code predicate} is null
     */
    default Flow<T> takeWhile(ThrowingPredicate<? super T> predicate) {
        return LimitOps.takeWhile(NullChecks.upstream(this), predicate);
    }

    /**
     * Skips the first {@code count} elements.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param count the number of elements to skip
     * @return the flow without its head
     * @throws IllegalArgumentException if {@code count} is negative
     */
    default Flow<T> drop(long count) {
        return LimitOps.drop(NullChecks.upstream(this), count);
    }

    /**
     * Skips elements while they match {@code predicate}, then emits all the rest.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param predicate tells whether to skip
     * @return the flow without its head
     * @throws NullPointerException if {@code predicate} is null
     */
    default Flow<T> dropWhile(ThrowingPredicate<? super T> predicate) {
        return LimitOps.dropWhile(NullChecks.upstream(this), predicate);
    }

    // ================================================================ life-cycle operators

    /**
     * Runs {@code action} when the collection starts, before the upstream is collected; it may
     * emit elements, which come first.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine (emissions are checked as in
     * {@link #flow(FlowBlock)}). <b>Buffering:</b> none. <b>Cancellation:</b> a failure of
     * {@code action} ends the flow before the upstream starts.
     *
     * @param action the start action
     * @return the flow with the start action
     * @throws NullPointerException if {@code action} is null
     */
    default Flow<T> onStart(FlowBlock<T> action) {
        return EmitterOps.onStart(NullChecks.upstream(this), action);
    }

    /**
     * Runs {@code action} when the collection ends, with {@code null} after normal completion, or
     * with the failure or cancellation that ended it (upstream or downstream alike, unlike
     * {@link #catchError}). After normal completion {@code action} may emit more elements; after
     * a failure, its {@code emit} rethrows that failure, and the failure is rethrown after the
     * action (an exception of the action is added to it as suppressed). An early stop by a
     * downstream {@code take}/{@code first} is not a failure: an exception of the action then fails
     * the flow, as after normal completion.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     * <b>Cancellation:</b> also runs when the collection is cancelled or stopped early by a
     * downstream {@code take}/{@code first}, with a {@link java.util.concurrent.CancellationException}.
     *
     * @param action the completion action
     * @return the flow with the completion action
     * @throws NullPointerException if {@code action} is null
     */
    default Flow<T> onCompletion(CompletionAction<T> action) {
        return EmitterOps.onCompletion(NullChecks.upstream(this), action);
    }

    /**
     * Runs {@code action} if the upstream completes normally without any element; it may emit
     * elements in their stead.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param action the fallback producer
     * @return the flow with the fallback
     * @throws NullPointerException if {@code action} is null
     */
    default Flow<T> onEmpty(FlowBlock<T> action) {
        return EmitterOps.onEmpty(NullChecks.upstream(this), action);
    }

    // ================================================================ error handling

    /**
     * Handles a failure of the upstream: {@code handler} receives it and may emit fallback
     * elements, complete normally by returning, or fail by throwing (rethrow it to only log it).
     * Named {@code catchError} since {@code catch} is a Java keyword; it is kotlinx's
     * {@code catch} and Reactor's {@code onErrorResume}.
     *
     * <p>Exception transparency: a failure thrown downstream of this operator (by the collector or
     * by a later operator) is never handed to {@code handler}; neither is a cancellation of the
     * collecting coroutine or an early stop by a downstream {@code take}. If the upstream's
     * cleanup fails while it unwinds from such a stop (a {@code finally} that throws), that
     * failure is rethrown as it is, as without this operator, not handled.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     * <b>Cancellation:</b> the upstream has ended when {@code handler} runs.
     *
     * @param handler handles the upstream failure
     * @return the flow with the handler
     * @throws NullPointerException if {@code handler} is null
     */
    default Flow<T> catchError(ErrorHandler<T> handler) {
        return ErrorOps.catchError(NullChecks.upstream(this), handler);
    }

    /**
     * Collects the upstream again when it fails, at most {@code retries} times. Elements emitted
     * before a failure stay emitted. Downstream failures and cancellations are never retried;
     * nor is a failure of the upstream's cleanup after the downstream stopped (a downstream
     * {@code take} had enough): it is rethrown as it is.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param retries the maximum number of retries ({@code Long.MAX_VALUE} for no limit)
     * @return the retrying flow
     * @throws IllegalArgumentException if {@code retries} is negative
     */
    default Flow<T> retry(long retries) {
        return ErrorOps.retry(NullChecks.upstream(this), retries, e -> true);
    }

    /**
     * Collects the upstream again when it fails with an exception that matches {@code predicate},
     * at most {@code retries} times. The predicate may suspend (for a back-off delay).
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param retries the maximum number of retries
     * @param predicate tells whether a failure is worth a retry
     * @return the retrying flow
     * @throws IllegalArgumentException if {@code retries} is negative
     * @throws NullPointerException if {@code predicate} is null
     */
    default Flow<T> retry(long retries, ThrowingPredicate<? super Throwable> predicate) {
        return ErrorOps.retry(NullChecks.upstream(this), retries, predicate);
    }

    /**
     * Collects the upstream again when it fails and {@code predicate} says so, given the failure
     * and the number of retries made so far. The predicate may suspend (for a back-off delay).
     *
     * <p><b>Dispatcher:</b> the collecting coroutine. <b>Buffering:</b> none.
     *
     * @param predicate decides about each failure
     * @return the retrying flow
     * @throws NullPointerException if {@code predicate} is null
     */
    default Flow<T> retryWhen(RetryPredicate predicate) {
        return ErrorOps.retryWhen(NullChecks.upstream(this), predicate);
    }

    // ================================================================ terminal operators

    /**
     * Collects this flow, running {@code action} on each element: {@link #collect} for code that
     * cannot throw checked exceptions.
     *
     * <p><b>Dispatcher:</b> the calling coroutine, which suspends until the flow completes.
     *
     * @param action receives each element
     * @throws NullPointerException if {@code action} is null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default void forEach(ThrowingConsumer<? super T> action) {
        Terminals.forEach(this, action);
    }

    /**
     * Collects this flow, giving {@code action} each element with its position (from 0).
     *
     * @param action receives each position and element
     * @throws NullPointerException if {@code action} is null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default void collectIndexed(IndexedConsumer<? super T> action) {
        Terminals.collectIndexed(this, action);
    }

    /**
     * Launches a coroutine in {@code scope} that collects this flow and ignores the elements:
     * write the work in {@link #onEach} and the error handling in {@link #catchError} before it.
     *
     * <p><b>Dispatcher:</b> the scope's. <b>Cancellation:</b> cancel the returned job (or the
     * scope) to stop the collection; a failure of the flow fails the job and, as for any child,
     * its scope.
     *
     * @param scope where to launch
     * @return the collecting coroutine's job
     * @throws NullPointerException if {@code scope} is null
     */
    default Job launchIn(CoroutineScope scope) {
        return Terminals.launchIn(this, scope);
    }

    /**
     * Collects the elements into an unmodifiable list, in order.
     *
     * @return the elements
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default List<T> toList() {
        return Terminals.toList(this);
    }

    /**
     * Collects the distinct elements into an unmodifiable set that keeps their first-seen order.
     *
     * @return the elements
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default Set<T> toSet() {
        return Terminals.toSet(this);
    }

    /**
     * Adds the elements to {@code destination} and returns it.
     *
     * @param destination the collection to fill
     * @param <C> the collection type
     * @return {@code destination}
     * @throws NullPointerException if {@code destination} is null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default <C extends Collection<? super T>> C toCollection(C destination) {
        return Terminals.toCollection(this, destination);
    }

    /**
     * Returns the first element and stops the flow.
     *
     * @return the first element
     * @throws java.util.NoSuchElementException if the flow is empty
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default T first() {
        return Terminals.first(this, null);
    }

    /**
     * Returns the first element that matches {@code predicate} and stops the flow there.
     *
     * @param predicate the condition
     * @return the first matching element
     * @throws NullPointerException if {@code predicate} is null
     * @throws java.util.NoSuchElementException if no element matches
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default T first(ThrowingPredicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return Terminals.first(this, predicate);
    }

    /**
     * Returns the first element, or {@code null} if the flow is empty, and stops the flow.
     *
     * @return the first element or null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default @Nullable T firstOrNull() {
        return Terminals.firstOrNull(this, null);
    }

    /**
     * Returns the first element that matches {@code predicate}, or {@code null}.
     *
     * @param predicate the condition
     * @return the first matching element or null
     * @throws NullPointerException if {@code predicate} is null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default @Nullable T firstOrNull(ThrowingPredicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return Terminals.firstOrNull(this, predicate);
    }

    /**
     * Returns the last element.
     *
     * @return the last element
     * @throws java.util.NoSuchElementException if the flow is empty
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default T last() {
        return Terminals.last(this);
    }

    /**
     * Returns the last element, or {@code null} if the flow is empty.
     *
     * @return the last element or null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default @Nullable T lastOrNull() {
        return Terminals.lastOrNull(this);
    }

    /**
     * Returns the only element.
     *
     * @return the element
     * @throws java.util.NoSuchElementException if the flow is empty
     * @throws IllegalArgumentException if it has more than one element (thrown at the second one,
     *         which stops the flow)
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default T single() {
        return Terminals.single(this);
    }

    /**
     * Returns the only element, or {@code null} if the flow is empty or has more than one element
     * (the flow is stopped at the second one).
     *
     * @return the element or null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default @Nullable T singleOrNull() {
        return Terminals.singleOrNull(this);
    }

    /**
     * Combines the elements with {@code operation}, starting from the first one.
     *
     * @param operation combines the accumulator and the next element; must not return null
     * @return the result
     * @throws NullPointerException if {@code operation} is null
     * @throws java.util.NoSuchElementException if the flow is empty
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default T reduce(ThrowingBiFunction<? super T, ? super T, ? extends T> operation) {
        return Terminals.reduce(this, operation);
    }

    /**
     * Combines the elements with {@code operation}, starting from {@code initial}.
     *
     * @param initial the first accumulator
     * @param operation combines the accumulator and the next element; must not return null
     * @param <R> the result type
     * @return the result ({@code initial} for an empty flow)
     * @throws NullPointerException if an argument is null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default <R> R fold(R initial, ThrowingBiFunction<? super R, ? super T, ? extends R> operation) {
        return Terminals.fold(this, initial, operation);
    }

    /**
     * Counts the elements.
     *
     * @return the number of elements
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default long count() {
        return Terminals.count(this, null);
    }

    /**
     * Counts the elements that match {@code predicate}.
     *
     * @param predicate the condition
     * @return the number of matching elements
     * @throws NullPointerException if {@code predicate} is null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default long count(ThrowingPredicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return Terminals.count(this, predicate);
    }

    /**
     * Tells whether some element matches {@code predicate}; stops the flow at the first match.
     *
     * @param predicate the condition
     * @return true if an element matches ({@code false} for an empty flow)
     * @throws NullPointerException if {@code predicate} is null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default boolean any(ThrowingPredicate<? super T> predicate) {
        return Terminals.matches(this, predicate, true);
    }

    /**
     * Tells whether every element matches {@code predicate}; stops the flow at the first mismatch.
     *
     * @param predicate the condition
     * @return true if all elements match ({@code true} for an empty flow)
     * @throws NullPointerException if {@code predicate} is null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default boolean all(ThrowingPredicate<? super T> predicate) {
        return !Terminals.matches(this, predicate, false);
    }

    /**
     * Tells whether no element matches {@code predicate}; stops the flow at the first match.
     *
     * @param predicate the condition
     * @return true if no element matches ({@code true} for an empty flow)
     * @throws NullPointerException if {@code predicate} is null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default boolean none(ThrowingPredicate<? super T> predicate) {
        return !Terminals.matches(this, predicate, true);
    }

    /**
     * Collects this flow, running {@code action} on each element; a new element cancels the action
     * still running for the previous one (and waits for it to end).
     *
     * <p><b>Dispatcher:</b> each action runs in a coroutine of its own, on the caller's
     * dispatcher. <b>Cancellation:</b> as {@link #transformLatest}.
     *
     * @param action receives each element (may suspend)
     * @throws NullPointerException if {@code action} is null
     * @throws java.util.concurrent.CompletionException wrapping a checked failure
     */
    default void collectLatest(ThrowingConsumer<? super T> action) {
        MergeOps.collectLatest(this, action);
    }

    /**
     * Returns a blocking view of this flow for plain code: each iterator collects the flow anew in
     * a producer coroutine and its {@code hasNext()} blocks until the next element. Close the view
     * (try-with-resources) to cancel the producers of iterators left unfinished.
     *
     * <p><b>Dispatcher:</b> the producer runs on {@link dev.weft.core.Dispatchers#DEFAULT}, or on
     * the dispatcher of a {@link #flowOn} just before. <b>Buffering:</b> {@link Channel#BUFFERED},
     * or the size of a {@link #buffer} just before. <b>Cancellation:</b> {@code close()} cancels
     * the producers; an iterator that reached the end has already released its producer.
     *
     * @return the blocking view
     */
    default BlockingIterable<T> toIterable() {
        return BlockingView.toIterable(this);
    }

    /**
     * Returns a sequential {@link java.util.stream.Stream} of this flow's elements, collected by a
     * producer coroutine when the stream's terminal operation starts. Close the stream
     * (try-with-resources) to cancel the producer if the stream was not consumed to its end.
     * The flow's failure is rethrown by the terminal operation (a checked one wrapped in
     * {@link java.util.concurrent.CompletionException}).
     *
     * <p><b>Dispatcher</b>, <b>Buffering</b>, <b>Cancellation</b>: as {@link #toIterable()}.
     *
     * @return the stream
     */
    default Stream<T> toStream() {
        return BlockingView.toStream(this);
    }

    // ---------------------------------------------------------------- sharing (shareIn / stateIn)

    /**
     * Shares this cold flow as a hot {@link SharedFlow}: one coroutine, launched in {@code scope},
     * collects this flow and hands each element to every current subscriber; new subscribers first
     * receive the last {@code replay} elements. {@code started} decides when that collection starts
     * and stops: {@link SharingStarted#EAGERLY}, {@link SharingStarted#LAZILY} or
     * {@link SharingStarted#whileSubscribed(java.time.Duration, java.time.Duration)}.
     *
     * <p><b>Dispatcher:</b> this flow is collected in a coroutine of {@code scope}, on its
     * dispatcher; subscribers receive the elements on their own coroutines.
     * <b>Buffering:</b> the shared flow holds {@code max(replay, 64)} elements; when a subscriber
     * falls that far behind, the upstream collection suspends until it catches up (the slowest
     * subscriber sets the pace).
     * <b>Cancellation:</b> cancelling {@code scope} ends the sharing for good. The returned flow
     * never completes: its collectors end by being cancelled (or by throwing), and cancelling them
     * never affects the upstream except through {@code started}. If this flow fails, the sharing
     * coroutine fails and, like any failing child, cancels {@code scope} with that failure (a
     * supervisor scope only logs it). The sharing coroutine may run until {@code scope} is
     * cancelled, so a {@code coroutineScope} block used as {@code scope} does not return before.
     *
     * @param scope where the sharing coroutine runs
     * @param started when to start and stop collecting this flow
     * @param replay how many elements new subscribers receive first
     * @return a read-only shared flow
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code replay} is negative
     */
    default SharedFlow<T> shareIn(CoroutineScope scope, SharingStarted started, int replay) {
        return Sharing.shareIn(this, scope, started, replay);
    }

    /**
     * Shares this cold flow as a hot {@link StateFlow} holding its latest element, and
     * {@code initial} until the first one. One coroutine, launched in {@code scope}, collects this
     * flow when {@code started} says so; a reset of the replay cache
     * ({@link SharingCommand#STOP_AND_RESET_REPLAY_CACHE}) brings the value back to {@code initial}.
     *
     * <p><b>Dispatcher:</b> this flow is collected in a coroutine of {@code scope}, on its
     * dispatcher. <b>Buffering:</b> conflated: the upstream never waits for subscribers, and a slow
     * subscriber skips to the latest value; values equal to the current one are not re-emitted.
     * <b>Cancellation:</b> as for {@link #shareIn(CoroutineScope, SharingStarted, int)}: cancelling
     * {@code scope} ends the sharing, a failure of this flow fails {@code scope}, and the returned
     * flow never completes.
     *
     * @param scope where the sharing coroutine runs
     * @param started when to start and stop collecting this flow
     * @param initial the value before the first element (and after a reset)
     * @return a read-only state flow
     * @throws NullPointerException if an argument is null
     */
    default StateFlow<T> stateIn(CoroutineScope scope, SharingStarted started, T initial) {
        return Sharing.stateIn(this, scope, started, initial);
    }

    /**
     * Starts collecting this flow in {@code scope} for good and suspends until its first element,
     * then returns a hot {@link StateFlow} holding it and, later, each newer element.
     *
     * <p><b>Dispatcher:</b> this flow is collected in a coroutine of {@code scope}, on its
     * dispatcher; the caller only waits. <b>Buffering:</b> conflated, as for
     * {@link #stateIn(CoroutineScope, SharingStarted, Object)}. <b>Cancellation:</b> suspends the
     * caller; cancelling the caller ends the wait but not the sharing, which belongs to
     * {@code scope} and runs until {@code scope} is cancelled. If this flow fails before its first
     * element, the failure is thrown here (a checked one wrapped in
     * {@link java.util.concurrent.CompletionException}) and also fails {@code scope}.
     *
     * @param scope where the sharing coroutine runs
     * @return a read-only state flow, already holding the first element
     * @throws NullPointerException if an argument is null
     * @throws java.util.NoSuchElementException if this flow completes without an element
     * @throws java.util.concurrent.CancellationException if the caller or {@code scope} is
     *         cancelled before the first element
     */
    default StateFlow<T> stateIn(CoroutineScope scope) {
        return Sharing.stateIn(this, scope);
    }
}
