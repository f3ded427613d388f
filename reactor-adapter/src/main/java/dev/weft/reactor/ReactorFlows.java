package dev.weft.reactor;

import dev.weft.core.Deferred;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import dev.weft.reactor.internal.Awaits;
import dev.weft.reactor.internal.Conversions;
import dev.weft.reactor.internal.SchedulerDispatchers;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Project Reactor in coroutine style: await a {@link Mono}, walk a {@link Flux} as a {@link Flow},
 * return a {@code Mono} or {@code Flux} written as a coroutine, and convert schedulers and
 * dispatchers. Built on {@link ReactiveFlows}: demand, buffering and the Reactive Streams rule
 * checks are the bridge's; this class adds Reactor's {@code Context}, ThreadLocal propagation and
 * hooks (see {@link ReactorContext}).
 *
 * <p>A typical WebFlux handler:
 * <pre>{@code
 * Mono<Order> handle(String id) {
 *     return ReactorFlows.mono(() -> {
 *         User user = ReactorFlows.await(users.find(id));          // suspends, never blocks a carrier
 *         Cart cart = ReactorFlows.await(carts.of(user));
 *         return ReactorFlows.await(orders.place(user, cart));
 *     });
 * }
 * }</pre>
 */
public final class ReactorFlows {
    private ReactorFlows() {
    }

    // ------------------------------------------------------------------ Reactor -> weft

    /**
     * Returns a cold flow of the elements of {@code flux}: each collection subscribes anew.
     *
     * <p><b>Context:</b> the collecting coroutine subscribes with a Reactor {@code CoreSubscriber}
     * whose {@code currentContext()} is the coroutine's {@link ReactorContext} (plus, with
     * ThreadLocal propagation on, the ThreadLocals Reactor's {@code block()} would capture), so
     * {@code Flux.deferContextual} upstream sees it.
     * <p><b>Buffering:</b> as {@link ReactiveFlows#asFlow(org.reactivestreams.Publisher)}: requests
     * {@value ReactiveFlows#DEFAULT_PREFETCH} up front and refills at 75%; a following
     * {@code buffer}, {@code conflate} or {@code flowOn} fuses with it. A Flux that offers
     * Reactor's {@code SYNC} fusion ({@code range}, {@code fromIterable}, {@code fromArray},
     * {@code fromStream}, {@code generate}, {@code just}, and the fuseable operators after them
     * such as {@code map}, {@code filter}, {@code doOnNext}) is not buffered at all when collected
     * without {@code flowOn} or a dropping buffer: the collecting coroutine polls it, one element
     * each time the collector is ready, so nothing is produced ahead ({@code take(3)} takes three
     * elements from an iterator) and a {@code map}/{@code filter} right after runs in the same loop
     * (ADR 0012).
     * <p><b>Dispatcher:</b> elements are emitted on the collecting coroutine, whatever thread the
     * Flux signals on; a polled Flux's operators run on the collecting coroutine too.
     * <p><b>Cancellation:</b> cancelling the collector, or a downstream failure or early stop,
     * cancels the subscription; the Flux's {@code onError} is rethrown from {@code collect}.
     *
     * @param flux the source
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code flux} is null
     */
    public static <T> Flow<T> asFlow(Flux<? extends T> flux) {
        Objects.requireNonNull(flux, "flux");
        return Conversions.asFlow(flux);
    }

    /**
     * Returns a cold flow of the value of {@code mono} (none if it completes empty), passing the
     * collecting coroutine's Reactor context upstream as {@link #asFlow(Flux)} does.
     *
     * <p><b>Buffering:</b> one element. <b>Cancellation:</b> as {@link #asFlow(Flux)}.
     *
     * @param mono the source
     * @param <T> the element type
     * @return the flow
     * @throws NullPointerException if {@code mono} is null
     */
    public static <T> Flow<T> asFlow(Mono<? extends T> mono) {
        Objects.requireNonNull(mono, "mono");
        return Conversions.asFlow(mono);
    }

    /**
     * Suspends until {@code mono} terminates and returns its value.
     *
     * <p>The wait ends on {@code onComplete} (or {@code onError}), never on the value alone, and the
     * Mono is never cancelled after its value: a Mono that commits a transaction on completion
     * (spring-framework #25007) is not disturbed.
     * <p><b>Context:</b> subscribes with the calling coroutine's {@link ReactorContext}; with
     * {@code io.micrometer:context-propagation} present and
     * {@code Hooks.enableAutomaticContextPropagation()} on, it also captures the caller's registered
     * ThreadLocals into the Mono's {@code Context}, as {@code Mono.block()} does.
     * <p><b>Dispatcher:</b> suspends the calling coroutine, freeing its carrier; called from a plain
     * platform thread it blocks that thread. On a Reactor non-blocking thread
     * ({@code Schedulers.isInNonBlockingThread()}: parallel, single, Netty event loops) it refuses
     * to wait and throws an {@link IllegalStateException} saying so.
     * <p><b>Cancellation:</b> cancelling the awaiting coroutine cancels the subscription and throws
     * {@link java.util.concurrent.CancellationException}.
     *
     * @param mono the source
     * @param <T> the value type
     * @return the value
     * @throws NullPointerException if {@code mono} is null
     * @throws java.util.NoSuchElementException if the Mono completed empty
     * @throws IllegalStateException if called on a Reactor non-blocking thread
     * @throws RuntimeException the Mono's error if unchecked; a checked one is wrapped in
     *         {@link java.util.concurrent.CompletionException}
     */
    public static <T> T await(Mono<T> mono) {
        Objects.requireNonNull(mono, "mono");
        return Awaits.await(mono);
    }

    /**
     * Like {@link #await(Mono)}, but returns {@code null} if the Mono completes empty.
     *
     * @param mono the source
     * @param <T> the value type
     * @return the value, or null
     * @throws NullPointerException if {@code mono} is null
     * @throws IllegalStateException if called on a Reactor non-blocking thread
     * @throws RuntimeException the Mono's error (a checked one wrapped in
     *         {@link java.util.concurrent.CompletionException})
     */
    public static <T> @Nullable T awaitOrNull(Mono<T> mono) {
        Objects.requireNonNull(mono, "mono");
        return Awaits.awaitOrNull(mono);
    }

    // ------------------------------------------------------------------ weft -> Reactor

    /**
     * Returns a cold Flux of the elements of {@code flow}, collecting it in a coroutine on
     * {@link Dispatchers#DEFAULT} per subscription.
     *
     * @param flow the source
     * @param <T> the element type
     * @return the Flux
     * @throws NullPointerException if {@code flow} is null
     * @see #asFlux(Flow, Dispatcher)
     */
    public static <T> Flux<T> asFlux(Flow<? extends T> flow) {
        return asFlux(flow, Dispatchers.DEFAULT);
    }

    /**
     * Returns a cold Flux of the elements of {@code flow}: each subscription collects it anew in a
     * coroutine of its own on {@code dispatcher}.
     *
     * <p><b>Context:</b> the collection runs with the subscriber's {@code ContextView} as its
     * {@link ReactorContext}, so Monos and Fluxes awaited or collected inside the flow see it.
     * <p><b>Dispatcher:</b> the coroutine runs on {@code dispatcher} and signals from there.
     * <p><b>Buffering:</b> none: the flow emits only against {@code request(n)} and parks inside
     * {@code emit} while there is no demand. Completion and errors are signalled as soon as the
     * flow ends, without waiting for another {@code request} (§1.2, §1.4).
     * <p><b>Cancellation:</b> cancelling the subscription cancels the coroutine (the flow sees a
     * {@link java.util.concurrent.CancellationException} at its next suspension or emission); a
     * failure after that goes to {@code Operators.onErrorDropped}.
     *
     * @param flow the source
     * @param dispatcher where each subscription's coroutine runs
     * @param <T> the element type
     * @return the Flux
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     *         (or {@link #asDispatcher(Scheduler)})
     */
    public static <T> Flux<T> asFlux(Flow<? extends T> flow, Dispatcher dispatcher) {
        return Conversions.asFlux(flow, dispatcher);
    }

    /**
     * Returns a Mono of the value of {@code deferred}, signalled when it completes: empty for a
     * {@code null} value, {@code onError} with its failure (a cancelled deferred signals its
     * {@link java.util.concurrent.CancellationException}).
     *
     * <p><b>Dispatcher:</b> signals on the thread that completes the deferred (or the subscribing
     * thread if it already has). <b>Buffering:</b> none. <b>Cancellation:</b> cancelling the
     * subscription stops listening; the deferred is not cancelled (it may have other awaiters).
     *
     * @param deferred the source
     * @param <T> the value type
     * @return the Mono
     * @throws NullPointerException if {@code deferred} is null
     */
    public static <T> Mono<T> asMono(Deferred<? extends @Nullable T> deferred) {
        return Conversions.asMono(deferred);
    }

    /**
     * Returns a {@code Mono<Void>} that completes when {@code job} completes, or signals its failure
     * (its {@link java.util.concurrent.CancellationException} if it was cancelled).
     *
     * <p><b>Dispatcher:</b> signals on the thread that completes the job. <b>Buffering:</b> none.
     * <b>Cancellation:</b> cancelling the subscription stops listening; the job is not cancelled.
     *
     * @param job the source
     * @return the Mono
     * @throws NullPointerException if {@code job} is null
     */
    public static Mono<Void> asMono(Job job) {
        return Conversions.asMono(job);
    }

    // ------------------------------------------------------------------ builders

    /**
     * Returns a cold Mono computed by {@code block} in a coroutine on {@link Dispatchers#DEFAULT},
     * one per subscription.
     *
     * @param block the body; a null result completes the Mono empty
     * @param <T> the value type
     * @return the Mono
     * @throws NullPointerException if {@code block} is null
     * @see #mono(Dispatcher, Callable)
     */
    public static <T> Mono<T> mono(Callable<? extends @Nullable T> block) {
        return mono(Dispatchers.DEFAULT, block);
    }

    /**
     * Returns a cold Mono computed by {@code block}: each subscription runs it in a coroutine of its
     * own on {@code dispatcher}; a non-null result is the value, a null result completes empty, an
     * exception is {@code onError} (as thrown, checked or not).
     *
     * <p><b>Context:</b> the body runs with the subscriber's {@code ContextView} as its
     * {@link ReactorContext} ({@link ReactorContext#current()}), inherited by coroutines it launches
     * and passed upstream by every {@link #await(Mono)} and {@link #asFlow(Flux)} in it; with
     * ThreadLocal propagation on, the registered ThreadLocals are set from it before the first line.
     * <p><b>Dispatcher:</b> the body runs on {@code dispatcher}; {@code subscribe} never blocks.
     * <p><b>Buffering:</b> the value waits in the coroutine for the first {@code request}.
     * <p><b>Cancellation:</b> cancelling (disposing) the subscription cancels the coroutine and its
     * children (a suspended call throws {@link java.util.concurrent.CancellationException}); a
     * failure after that goes to {@code Operators.onErrorDropped} with the subscriber's context.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block the body; a null result completes the Mono empty
     * @param <T> the value type
     * @return the Mono
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Mono<T> mono(Dispatcher dispatcher, Callable<? extends @Nullable T> block) {
        return Conversions.mono(dispatcher, block);
    }

    /**
     * Returns a cold Flux produced by {@code block} in a coroutine on {@link Dispatchers#DEFAULT},
     * one per subscription.
     *
     * @param block the producer
     * @param <T> the element type
     * @return the Flux
     * @throws NullPointerException if {@code block} is null
     * @see #flux(Dispatcher, ProducerBlock)
     */
    public static <T> Flux<T> flux(ProducerBlock<T> block) {
        return flux(Dispatchers.DEFAULT, block);
    }

    /**
     * Returns a cold Flux produced by {@code block}: each subscription runs it in a coroutine of its
     * own, whose {@code send} hands an element to {@code onNext} and suspends until the subscriber
     * has demand (it sends only against demand). The Flux completes when the block and the
     * coroutines it launched in its scope have returned, or signals the first failure.
     *
     * <p><b>Context:</b> as {@link #mono(Dispatcher, Callable)}: the subscriber's
     * {@code ContextView} is the body's {@link ReactorContext}.
     * <p><b>Dispatcher:</b> the body runs on {@code dispatcher}; {@code subscribe} never blocks.
     * <p><b>Buffering:</b> none; {@code send} waits for demand.
     * <p><b>Cancellation:</b> cancelling the subscription cancels the coroutine and its children; a
     * failure after that goes to {@code Operators.onErrorDropped}.
     *
     * @param dispatcher where each subscription's coroutine runs
     * @param block the producer
     * @param <T> the element type
     * @return the Flux
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static <T> Flux<T> flux(Dispatcher dispatcher, ProducerBlock<T> block) {
        return Conversions.flux(dispatcher, block);
    }

    // ------------------------------------------------------------------ schedulers

    /**
     * Returns a dispatcher whose carriers are tasks of {@code scheduler}: each time a coroutine on
     * it is resumed, one task is scheduled. A scheduler made by {@link #asScheduler(Dispatcher)} is
     * unwrapped to its dispatcher.
     *
     * <p><b>Time:</b> its coroutines read time from {@code scheduler.now} and a {@code delay} (or
     * timeout) there is woken by {@code scheduler.schedule(wake, delay, unit)}, so a virtual-time
     * scheduler drives it; a scheduler that refuses timed tasks falls back to weft's timer.
     * <p><b>Dispatcher:</b> inside such a coroutine {@code Schedulers.isInNonBlockingThread()} is
     * false even on a parallel scheduler (the coroutine is a virtual thread), so it may await.
     * If the scheduler is disposed, continuations run on a weft carrier instead (logged once), so
     * a resume never fails.
     *
     * @param scheduler the scheduler
     * @return the dispatcher
     * @throws NullPointerException if {@code scheduler} is null
     */
    public static Dispatcher asDispatcher(Scheduler scheduler) {
        return SchedulerDispatchers.asDispatcher(scheduler);
    }

    /**
     * Returns a Reactor scheduler that runs every task in a coroutine on {@code dispatcher}, so a
     * task may block or suspend without holding a carrier; a worker runs its tasks one at a time
     * in order. A dispatcher made by {@link #asDispatcher(Scheduler)} is unwrapped to its scheduler.
     *
     * <p><b>Time:</b> delays and periodic tasks follow the dispatcher's clock
     * ({@link Dispatcher#timeSource()}); so does {@code now()}, except on the system clock, where it
     * is Reactor's default. On a test dispatcher with a virtual clock, periodic tasks keep their
     * rate in virtual time.
     * <p><b>Cancellation:</b> disposing a task cancels its coroutine; disposing a worker or the
     * scheduler cancels all of theirs and waits for them to end, then refuses new tasks with
     * {@link java.util.concurrent.RejectedExecutionException}. The dispatcher stays the caller's.
     * A task that throws is reported to {@code Operators.onErrorDropped}. Each call makes a new
     * scheduler (holding a weft scope for its tasks): keep it, and dispose it when done, as any
     * scheduler an application creates.
     *
     * @param dispatcher the dispatcher
     * @return the scheduler
     * @throws NullPointerException if {@code dispatcher} is null
     * @throws IllegalArgumentException if {@code dispatcher} was not made by {@link Dispatchers}
     */
    public static Scheduler asScheduler(Dispatcher dispatcher) {
        return SchedulerDispatchers.asScheduler(dispatcher);
    }
}
