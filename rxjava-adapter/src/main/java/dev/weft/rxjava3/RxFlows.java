package dev.weft.rxjava3;

import dev.weft.core.Deferred;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.ThrowingRunnable;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.flow.Flow;
import dev.weft.rxjava3.internal.Bridge;
import dev.weft.rxjava3.internal.Builders;
import dev.weft.rxjava3.internal.ObservableFlow;
import dev.weft.rxjava3.internal.SchedulerBridge;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * RxJava 3 and weft: {@code Flowable}, {@code Observable}, {@code Single}, {@code Maybe} and
 * {@code Completable} become flows or awaited values, flows and coroutines become RxJava types, and
 * schedulers and dispatchers convert both ways.
 *
 * <pre>{@code
 * // a coroutine awaits RxJava
 * User user = RxFlows.await(userService.find(id));                 // Single<User>
 * // walk a Flowable as a flow, with backpressure end to end
 * RxFlows.asFlow(events).filter(Event::important).collect(this::handle);
 * // return RxJava from sequential code
 * Single<Order> order = RxFlows.rxSingle(() -> checkout(RxFlows.await(cart.current())));
 * }</pre>
 *
 * <p><b>Errors nobody can receive</b> (a builder's block failing after its subscriber disposed, an
 * {@code onError} arriving after the collection ended) go to {@code RxJavaPlugins.onError}, once,
 * as an {@link io.reactivex.rxjava3.exceptions.UndeliverableException} whose cause is the original
 * error and whose suppressed exception names the conversion that dropped it.
 * <p><b>Exceptions:</b> an await rethrows the source's error as signalled if it is unchecked, a
 * checked one wrapped in {@link java.util.concurrent.CompletionException}; cancellation of the
 * awaiting or collecting coroutine is a {@link java.util.concurrent.CancellationException} and
 * disposes the source.
 */
public final class RxFlows {

    private RxFlows() {
    }

    // ------------------------------------------------------------------ RxJava -> Flow

    /**
     * Returns a cold flow of the elements of {@code flowable}: each collection subscribes anew.
     *
     * <p><b>Buffering:</b> the bridge's prefetch: {@value dev.weft.flow.reactive.ReactiveFlows#DEFAULT_PREFETCH}
     * elements are requested up front and as many again each time 75% of them were emitted; a
     * following {@code buffer}, {@code conflate} or {@code flowOn} fuses with it (see
     * {@link dev.weft.flow.reactive.ReactiveFlows#asFlow(org.reactivestreams.Publisher)}). A
     * Flowable that offers RxJava's {@code SYNC} fusion ({@code range}, {@code fromIterable},
     * {@code fromArray}, {@code just}, and fuseable operators after them such as {@code map} and
     * {@code filter}) is not buffered at all when collected without {@code flowOn} or a dropping
     * buffer: the collecting coroutine polls it, one element each time the collector is ready, so
     * nothing is produced ahead and a {@code map}/{@code filter} right after runs in the same loop
     * (ADR 0012).
     * <p><b>Dispatcher:</b> the collecting coroutine subscribes, requests and emits; the Flowable
     * signals on its own threads (a synchronous Flowable, such as {@code Flowable.range}, produces
     * on the collecting coroutine, with no thread hop).
     * <p><b>Cancellation:</b> cancelling the collector, a downstream failure or an early stop
     * ({@code take}) cancels the subscription. The Flowable's {@code onError} is rethrown from
     * {@code collect}; one that arrives after the cancel goes to {@code RxJavaPlugins.onError}.
     *
     * @param flowable the source
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code flowable} is null
     */
    public static <T> Flow<T> asFlow(Flowable<? extends T> flowable) {
        Objects.requireNonNull(flowable, "flowable");
        return Bridge.asFlow(flowable);
    }

    /**
     * Returns a cold flow of the value of {@code single}: one element, or the Single's error.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine subscribes and waits (parked, no carrier held).
     * <b>Buffering:</b> none. <b>Cancellation:</b> cancelling the collector disposes the Single.
     *
     * @param single the source
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code single} is null
     */
    public static <T> Flow<T> asFlow(Single<? extends T> single) {
        Objects.requireNonNull(single, "single");
        return Flow.flow(out -> out.emit(await(single)));
    }

    /**
     * Returns a cold flow of the value of {@code maybe}: one element, none, or the Maybe's error.
     *
     * <p><b>Dispatcher:</b> the collecting coroutine subscribes and waits. <b>Buffering:</b> none.
     * <b>Cancellation:</b> cancelling the collector disposes the Maybe.
     *
     * @param maybe the source
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code maybe} is null
     */
    public static <T> Flow<T> asFlow(Maybe<? extends T> maybe) {
        Objects.requireNonNull(maybe, "maybe");
        return Flow.flow(out -> {
            T v = awaitOrNull(maybe);
            if (v != null) {
                out.emit(v);
            }
        });
    }

    /**
     * Returns a cold flow without elements that completes when {@code completable} does (or fails
     * with its error).
     *
     * <p><b>Dispatcher:</b> the collecting coroutine subscribes and waits. <b>Buffering:</b> none.
     * <b>Cancellation:</b> cancelling the collector disposes the Completable.
     *
     * @param completable the source
     * @param <T> the (absent) element type
     * @return the flow
     * @throws NullPointerException if {@code completable} is null
     */
    public static <T> Flow<T> asFlow(Completable completable) {
        Objects.requireNonNull(completable, "completable");
        return Flow.flow(out -> await(completable));
    }

    /**
     * Returns a cold flow of the elements of {@code observable} under the
     * {@linkplain ObservableOverflow#DEFAULT default policy}: up to
     * {@value ObservableOverflow#DEFAULT_CAPACITY} elements wait for the collector, one more fails
     * the flow with a {@link io.reactivex.rxjava3.exceptions.MissingBackpressureException}.
     *
     * @param observable the source
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code observable} is null
     * @see #asFlow(Observable, ObservableOverflow)
     */
    public static <T> Flow<T> asFlow(Observable<? extends T> observable) {
        return asFlow(observable, ObservableOverflow.DEFAULT);
    }

    /**
     * Returns a cold flow of the elements of {@code observable}; since an Observable has no
     * backpressure, {@code overflow} says what happens when it emits faster than the flow is
     * collected. The Observable's thread is never parked or blocked by the flow: {@code onNext}
     * offers the element to the buffer and returns at once, under every policy.
     *
     * <p><b>Dispatcher:</b> each collection subscribes in a producer coroutine on the collector's
     * dispatcher (a following {@code flowOn(d)} moves it to {@code d}); the Observable emits on
     * whatever thread it likes; the collector receives on its own coroutine.
     * <p><b>Buffering:</b> one channel sized and governed by {@code overflow}; a following
     * {@code buffer(n)} adds {@code n} to its capacity, a following dropping {@code buffer} or
     * {@code conflate} replaces the policy.
     * <p><b>Cancellation:</b> when the collection ends (completion, failure, {@code take},
     * cancellation of the collector) the Observable is disposed. Its {@code onError} fails the
     * collection after the buffered elements; one that arrives after the end goes to
     * {@code RxJavaPlugins.onError}.
     *
     * @param observable the source
     * @param overflow   the overflow policy
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if an argument is null
     */
    public static <T> Flow<T> asFlow(Observable<? extends T> observable, ObservableOverflow overflow) {
        Objects.requireNonNull(observable, "observable");
        Objects.requireNonNull(overflow, "overflow");
        return ObservableFlow.of(observable, overflow);
    }

    // ------------------------------------------------------------------ Flow -> RxJava

    /**
     * Returns a cold Flowable of the elements of {@code flow}, collected on
     * {@link Dispatchers#DEFAULT}.
     *
     * @param flow the source
     * @param <T> the element type
     * @return the Flowable
     * @throws NullPointerException if {@code flow} is null
     * @see #asFlowable(Flow, Dispatcher)
     */
    public static <T> Flowable<T> asFlowable(Flow<? extends T> flow) {
        return asFlowable(flow, Dispatchers.DEFAULT);
    }

    /**
     * Returns a cold Flowable of the elements of {@code flow}: each subscription collects it in a
     * coroutine of its own.
     *
     * <p><b>Dispatcher:</b> the coroutine runs on {@code dispatcher} and signals from there;
     * {@code subscribe} never blocks.
     * <p><b>Buffering:</b> none: the coroutine emits only against the subscriber's requests and
     * otherwise parks inside the flow's {@code emit}, which suspends the flow's producer in turn.
     * <p><b>Cancellation:</b> cancelling the subscription cancels the coroutine (the flow sees a
     * {@link java.util.concurrent.CancellationException} at its next suspension point); a failure
     * of the flow after that goes to {@code RxJavaPlugins.onError}.
     *
     * @param flow       the source
     * @param dispatcher where each subscription's coroutine runs
     * @param <T> the element type
     * @return the Flowable
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Flowable<T> asFlowable(Flow<? extends T> flow, Dispatcher dispatcher) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(dispatcher, "dispatcher");
        return Flowable.fromPublisher(Bridge.asPublisher(flow, dispatcher, "asFlowable"));
    }

    /**
     * Returns a cold Observable of the elements of {@code flow}, collected on
     * {@link Dispatchers#DEFAULT}.
     *
     * @param flow the source
     * @param <T> the element type
     * @return the Observable
     * @throws NullPointerException if {@code flow} is null
     * @see #asObservable(Flow, Dispatcher)
     */
    public static <T> Observable<T> asObservable(Flow<? extends T> flow) {
        return asObservable(flow, Dispatchers.DEFAULT);
    }

    /**
     * Returns a cold Observable of the elements of {@code flow}: each subscription collects it in a
     * coroutine of its own and hands every element to {@code onNext} as it comes (an Observer has
     * no backpressure, so the flow runs at the Observer's pace: each {@code emit} returns when
     * {@code onNext} has).
     *
     * <p><b>Dispatcher:</b> the coroutine runs on {@code dispatcher} and signals from there.
     * <b>Buffering:</b> none. <b>Cancellation:</b> disposing cancels the coroutine; a failure of the
     * flow after that goes to {@code RxJavaPlugins.onError}.
     *
     * @param flow       the source
     * @param dispatcher where each subscription's coroutine runs
     * @param <T> the element type
     * @return the Observable
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Observable<T> asObservable(Flow<? extends T> flow, Dispatcher dispatcher) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(dispatcher, "dispatcher");
        return Observable.fromPublisher(Bridge.asPublisher(flow, dispatcher, "asObservable"));
    }

    /**
     * Returns a hot Single of the outcome of {@code deferred}: every subscriber gets its value or
     * its failure ({@link java.util.concurrent.CancellationException} if it was cancelled).
     *
     * <p><b>Dispatcher:</b> signals on the thread that completes the deferred, or on the
     * subscribing thread if it has completed. <b>Cancellation:</b> disposing only stops waiting; it
     * does not cancel {@code deferred}, which others may share. A deferred completing with
     * {@code null} fails the Single with a {@link NullPointerException} (use {@link #asMaybe}).
     *
     * @param deferred the computation
     * @param <T> the value type
     * @return the Single
     * @throws NullPointerException if {@code deferred} is null
     */
    public static <T> Single<T> asSingle(Deferred<? extends T> deferred) {
        return Builders.asSingle(deferred);
    }

    /**
     * Returns a hot Maybe of the outcome of {@code deferred}: its value, empty for {@code null}, or
     * its failure.
     *
     * <p><b>Dispatcher</b> and <b>Cancellation:</b> as {@link #asSingle(Deferred)}.
     *
     * @param deferred the computation
     * @param <T> the value type
     * @return the Maybe
     * @throws NullPointerException if {@code deferred} is null
     */
    public static <T> Maybe<T> asMaybe(Deferred<? extends T> deferred) {
        return Builders.asMaybe(deferred);
    }

    /**
     * Returns a hot Completable that completes when {@code job} completes normally and fails with
     * its failure (a {@link java.util.concurrent.CancellationException} if it was cancelled).
     *
     * <p><b>Dispatcher</b> and <b>Cancellation:</b> as {@link #asSingle(Deferred)}: disposing does
     * not cancel the job.
     *
     * @param job the job
     * @return the Completable
     * @throws NullPointerException if {@code job} is null
     */
    public static Completable asCompletable(Job job) {
        return Builders.asCompletable(job);
    }

    // ------------------------------------------------------------------ builders

    /**
     * Returns a cold Single computed by {@code block} in a coroutine on {@link Dispatchers#DEFAULT}.
     *
     * @param block computes the value; must not return null
     * @param <T> the value type
     * @return the Single
     * @throws NullPointerException if {@code block} is null
     * @see #rxSingle(Dispatcher, Callable)
     */
    public static <T> Single<T> rxSingle(Callable<? extends T> block) {
        return Builders.rxSingle(Dispatchers.DEFAULT, block);
    }

    /**
     * Returns a cold Single computed by {@code block}: each subscription runs it in a coroutine of
     * its own, and the Single succeeds with what it returns or fails with what it throws.
     *
     * <p><b>Dispatcher:</b> the coroutine runs on {@code dispatcher} and signals from there;
     * {@code subscribe} never blocks. <b>Buffering:</b> none.
     * <b>Cancellation:</b> disposing cancels the coroutine (its {@code finally} blocks run); a
     * failure after that goes to {@code RxJavaPlugins.onError}. A block that returns {@code null}
     * fails the Single with a {@link NullPointerException} that points to {@link #rxMaybe}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      computes the value; must not return null
     * @param <T> the value type
     * @return the Single
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Single<T> rxSingle(Dispatcher dispatcher, Callable<? extends T> block) {
        return Builders.rxSingle(dispatcher, block);
    }

    /**
     * Returns a cold Maybe computed by {@code block} in a coroutine on {@link Dispatchers#DEFAULT}.
     *
     * @param block computes the value, or null for an empty Maybe
     * @param <T> the value type
     * @return the Maybe
     * @throws NullPointerException if {@code block} is null
     * @see #rxMaybe(Dispatcher, Callable)
     */
    public static <T> Maybe<T> rxMaybe(Callable<? extends @Nullable T> block) {
        return Builders.rxMaybe(Dispatchers.DEFAULT, block);
    }

    /**
     * Returns a cold Maybe computed by {@code block}: each subscription runs it in a coroutine of
     * its own; a {@code null} result completes the Maybe empty.
     *
     * <p><b>Dispatcher</b>, <b>Buffering</b>, <b>Cancellation:</b> as
     * {@link #rxSingle(Dispatcher, Callable)}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      computes the value, or null
     * @param <T> the value type
     * @return the Maybe
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Maybe<T> rxMaybe(Dispatcher dispatcher, Callable<? extends @Nullable T> block) {
        return Builders.rxMaybe(dispatcher, block);
    }

    /**
     * Returns a cold Completable that runs {@code block} in a coroutine on
     * {@link Dispatchers#DEFAULT}.
     *
     * @param block the work
     * @return the Completable
     * @throws NullPointerException if {@code block} is null
     * @see #rxCompletable(Dispatcher, ThrowingRunnable)
     */
    public static Completable rxCompletable(ThrowingRunnable block) {
        return Builders.rxCompletable(Dispatchers.DEFAULT, block);
    }

    /**
     * Returns a cold Completable: each subscription runs {@code block} in a coroutine of its own and
     * completes when it returns (fails when it throws).
     *
     * <p><b>Dispatcher</b>, <b>Buffering</b>, <b>Cancellation:</b> as
     * {@link #rxSingle(Dispatcher, Callable)}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      the work
     * @return the Completable
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static Completable rxCompletable(Dispatcher dispatcher, ThrowingRunnable block) {
        return Builders.rxCompletable(dispatcher, block);
    }

    /**
     * Returns a cold Flowable produced by {@code block} in a coroutine on
     * {@link Dispatchers#DEFAULT}.
     *
     * @param block the producer
     * @param <T> the element type
     * @return the Flowable
     * @throws NullPointerException if {@code block} is null
     * @see #rxFlowable(Dispatcher, ProducerBlock)
     */
    public static <T> Flowable<T> rxFlowable(ProducerBlock<T> block) {
        return Builders.rxFlowable(Dispatchers.DEFAULT, block);
    }

    /**
     * Returns a cold Flowable written as a coroutine: each subscription runs {@code block} in a
     * coroutine of its own, whose {@code send} hands an element to {@code onNext} and suspends
     * while the subscriber has no outstanding request. The Flowable completes when the block (and
     * the coroutines it launched in its scope) return, and fails with what it throws or the cause
     * it closes the channel with.
     *
     * <p><b>Dispatcher:</b> the coroutine runs on {@code dispatcher}; {@code subscribe} never blocks.
     * <b>Buffering:</b> none; {@code send} waits for demand.
     * <b>Cancellation:</b> cancelling the subscription cancels the coroutine and its children (a
     * suspended {@code send} throws {@link java.util.concurrent.CancellationException}); a failure
     * after that goes to {@code RxJavaPlugins.onError}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      the producer
     * @param <T> the element type
     * @return the Flowable
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Flowable<T> rxFlowable(Dispatcher dispatcher, ProducerBlock<T> block) {
        return Builders.rxFlowable(dispatcher, block);
    }

    /**
     * Returns a cold Observable produced by {@code block} in a coroutine on
     * {@link Dispatchers#DEFAULT}.
     *
     * @param block the producer
     * @param <T> the element type
     * @return the Observable
     * @throws NullPointerException if {@code block} is null
     * @see #rxObservable(Dispatcher, ProducerBlock)
     */
    public static <T> Observable<T> rxObservable(ProducerBlock<T> block) {
        return Builders.rxObservable(Dispatchers.DEFAULT, block);
    }

    /**
     * Returns a cold Observable written as a coroutine: each subscription runs {@code block} in a
     * coroutine of its own, whose {@code send} returns once {@code onNext} has (an Observer has no
     * backpressure).
     *
     * <p><b>Dispatcher</b> and <b>Cancellation:</b> as {@link #rxFlowable(Dispatcher, ProducerBlock)}
     * (disposing cancels the coroutine). <b>Buffering:</b> none.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block      the producer
     * @param <T> the element type
     * @return the Observable
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Observable<T> rxObservable(Dispatcher dispatcher, ProducerBlock<T> block) {
        return Builders.rxObservable(dispatcher, block);
    }

    // ------------------------------------------------------------------ awaits

    /**
     * Subscribes to {@code single} and returns its value.
     *
     * <p><b>Cancellation:</b> suspends the calling coroutine (blocks a platform thread); cancelling
     * it disposes the Single and throws {@link java.util.concurrent.CancellationException}.
     *
     * @param single the source
     * @param <T> the value type
     * @return the value
     * @throws NullPointerException if {@code single} is null
     * @throws RuntimeException the Single's error if unchecked; a checked one is wrapped in
     *         {@link java.util.concurrent.CompletionException}
     */
    public static <T> T await(Single<? extends T> single) {
        Objects.requireNonNull(single, "single");
        return Bridge.awaitSingle(single.toFlowable());
    }

    /**
     * Subscribes to {@code maybe} and returns its value, or {@code null} if it completes empty.
     *
     * <p><b>Cancellation:</b> as {@link #await(Single)}.
     *
     * @param maybe the source
     * @param <T> the value type
     * @return the value, or null
     * @throws NullPointerException if {@code maybe} is null
     * @throws RuntimeException the Maybe's error (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public static <T> @Nullable T awaitOrNull(Maybe<? extends T> maybe) {
        Objects.requireNonNull(maybe, "maybe");
        return Bridge.awaitSingleOrNull(maybe.toFlowable());
    }

    /**
     * Subscribes to {@code completable} and returns when it completes.
     *
     * <p><b>Cancellation:</b> as {@link #await(Single)}.
     *
     * @param completable the source
     * @throws NullPointerException if {@code completable} is null
     * @throws RuntimeException the Completable's error (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public static void await(Completable completable) {
        Objects.requireNonNull(completable, "completable");
        Bridge.awaitSingleOrNull(completable.<Object>toFlowable());
    }

    /**
     * Subscribes to {@code observable} and returns its first element, disposing it then.
     *
     * <p><b>Cancellation:</b> as {@link #await(Single)}.
     *
     * @param observable the source
     * @param <T> the element type
     * @return the first element
     * @throws NullPointerException if {@code observable} is null
     * @throws java.util.NoSuchElementException if it completed without an element
     * @throws RuntimeException the Observable's error (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public static <T> T awaitFirst(Observable<? extends T> observable) {
        Objects.requireNonNull(observable, "observable");
        return await(observable.firstOrError());
    }

    /**
     * Subscribes to {@code observable} and returns its first element, or {@code null} if it
     * completes without one.
     *
     * <p><b>Cancellation:</b> as {@link #await(Single)}.
     *
     * @param observable the source
     * @param <T> the element type
     * @return the first element, or null
     * @throws NullPointerException if {@code observable} is null
     * @throws RuntimeException the Observable's error (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public static <T> @Nullable T awaitFirstOrNull(Observable<? extends T> observable) {
        Objects.requireNonNull(observable, "observable");
        return awaitOrNull(observable.firstElement());
    }

    /**
     * Subscribes to {@code observable} and returns its last element once it completes.
     *
     * <p><b>Cancellation:</b> as {@link #await(Single)}.
     *
     * @param observable the source
     * @param <T> the element type
     * @return the last element
     * @throws NullPointerException if {@code observable} is null
     * @throws java.util.NoSuchElementException if it completed without an element
     * @throws RuntimeException the Observable's error (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public static <T> T awaitLast(Observable<? extends T> observable) {
        Objects.requireNonNull(observable, "observable");
        return await(observable.lastOrError());
    }

    /**
     * Subscribes to {@code observable} and returns its only element once it completes; a second
     * element disposes it and fails.
     *
     * <p><b>Cancellation:</b> as {@link #await(Single)}.
     *
     * @param observable the source
     * @param <T> the element type
     * @return the only element
     * @throws NullPointerException if {@code observable} is null
     * @throws java.util.NoSuchElementException if it completed without an element
     * @throws IllegalArgumentException if it emitted more than one element
     * @throws RuntimeException the Observable's error (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public static <T> T awaitSingle(Observable<? extends T> observable) {
        Objects.requireNonNull(observable, "observable");
        return await(observable.singleOrError());
    }

    // ------------------------------------------------------------------ schedulers

    /**
     * Returns a dispatcher whose coroutines run on {@code scheduler}: every time a coroutine is
     * started or resumed, it runs as a direct task of the scheduler
     * ({@code scheduler.scheduleDirect}). A scheduler made by {@link #asScheduler(Dispatcher)} gives
     * back its dispatcher.
     *
     * <p><b>Dispatcher:</b> a coroutine may continue on a different thread of the scheduler after
     * each suspension (on a single-threaded scheduler it stays on that thread). If the scheduler is
     * shut down (it then refuses tasks, reporting to {@code RxJavaPlugins.onError}), continuations
     * run on a weft carrier instead (logged once) and delays fall back to weft's timer, so a
     * coroutine is never stranded; a scheduler over a plain {@code Executor} refuses a delayed task
     * only later, unseen, so do not shut one down under running coroutines.
     *
     * @param scheduler the scheduler
     * @return the dispatcher
     * @throws NullPointerException if {@code scheduler} is null
     */
    public static Dispatcher asDispatcher(Scheduler scheduler) {
        return SchedulerBridge.asDispatcher(scheduler);
    }

    /**
     * Returns an RxJava {@link Scheduler} that runs tasks in coroutines on {@code dispatcher}. Each
     * worker runs its tasks one at a time, in order, in a coroutine that exists while the worker
     * has work; delayed tasks wait with {@link dev.weft.core.Coroutines#delay} (no thread held);
     * periodic tasks are rescheduled drift-corrected; a task that throws goes to
     * {@code RxJavaPlugins.onError}. A dispatcher made by {@link #asDispatcher(Scheduler)} gives back
     * its scheduler.
     *
     * <p><b>Time:</b> delays follow the dispatcher's clock ({@link Dispatcher#timeSource()}), and so
     * do the scheduler's and its workers' {@code now()}, which RxJava's drift correction reads,
     * except on the system clock, where they are RxJava's default. On a test dispatcher with a
     * virtual clock, periodic tasks keep their rate in virtual time.
     * <p><b>Cancellation:</b> disposing a task that has not started removes it (cancelling its
     * delay); a running task finishes undisturbed. Disposing a worker does so for all its tasks;
     * {@code shutdown()} disposes every worker and refuses tasks until {@code start()}.
     *
     * @param dispatcher the dispatcher
     * @return the scheduler
     * @throws NullPointerException if {@code dispatcher} is null
     */
    public static Scheduler asScheduler(Dispatcher dispatcher) {
        return SchedulerBridge.asScheduler(dispatcher);
    }
}
