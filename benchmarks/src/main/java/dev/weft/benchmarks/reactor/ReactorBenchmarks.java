package dev.weft.benchmarks.reactor;

import dev.weft.benchmarks.peers.KotlinxReactor;
import dev.weft.reactor.ReactorFlows;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Reactor adapter against kotlinx-coroutines-reactor and plain Reactor, in the same run (issue
 * 12's benchmarks). Scores are nanoseconds per element, per subscription or per handler call.
 *
 * <ul>
 *   <li>{@code pipeline}: {@code Flux.range(0, 1M)} into a flow, {@code map(+1)}, back to a Flux,
 *       drained by {@code blockLast()}; Reactor's peer is {@code Flux.range(0, 1M).map(+1)}.
 *   <li>{@code monoAwait}: one subscription ({@code block()}) of a {@code mono{}} whose body awaits
 *       {@code Mono.just}; {@code monoAwaitBatch}: 1,000 such subscriptions in flight at once
 *       ({@code flatMap}), per subscription, so one thread wake-up of {@code block()} does not
 *       dominate; {@code monoAwaitMany}: the same 1,000 subscriptions made one after another on the
 *       benchmark thread, each with a subscriber that only counts completions down on one latch, so
 *       neither a {@code block()} wake-up nor {@code flatMap}'s merge loop (30-45% of the batch
 *       profile on both sides) is in the figure: the closest to the cost of one subscription.
 *   <li>{@code handler}: 10,000 concurrent handler calls ({@code flatMap} with that concurrency), each
 *       awaiting three Monos delayed by 1 ms one after another; Reactor's peer chains them with
 *       {@code flatMap}.
 * </ul>
 *
 * <p>Defaults on every side: weft's {@code mono{}}/{@code asFlux} on {@code Dispatchers.DEFAULT},
 * kotlinx's {@code mono} on {@code Dispatchers.Default} and {@code asFlux} unconfined.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class ReactorBenchmarks {
    static final int N = 1_000_000;
    static final int CALLS = 10_000;
    static final int BATCH = 1_000;
    static final Duration DELAY = Duration.ofMillis(1);

    private final Flux<Integer> flux = Flux.range(0, N);
    private final Mono<Integer> just = Mono.just(1);

    // ------------------------------------------------------------------ 1. pipeline

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer pipeline_weft() {
        return ReactorFlows.asFlux(ReactorFlows.asFlow(flux).map(i -> i + 1)).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer pipeline_kotlinx() {
        return KotlinxReactor.pipeline(flux).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer pipeline_reactor() {
        return flux.map(i -> i + 1).blockLast();
    }

    // ------------------------------------------------------------------ 2. mono{} awaiting Mono.just

    @Benchmark
    public Integer monoAwait_weft() {
        return ReactorFlows.mono(() -> ReactorFlows.await(just)).block();
    }

    @Benchmark
    public Integer monoAwait_kotlinx() {
        return KotlinxReactor.monoAwait(just).block();
    }

    /** 1,000 subscriptions in flight at a time, so the cost is not one thread wake-up per block(). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Long monoAwaitBatch_weft() {
        return Flux.range(0, BATCH).flatMap(i -> ReactorFlows.mono(() -> ReactorFlows.await(just)), BATCH).count().block();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Long monoAwaitBatch_kotlinx() {
        return Flux.range(0, BATCH).flatMap(i -> KotlinxReactor.monoAwait(just), BATCH).count().block();
    }

    /** Completes one latch count per subscription; the smallest subscriber there is. */
    static final class Countdown implements CoreSubscriber<Object> {
        final CountDownLatch done;
        volatile @Nullable Throwable error;

        Countdown(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Object o) {
            // counted on completion
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            done.countDown();
        }

        @Override
        public void onComplete() {
            done.countDown();
        }
    }

    static long many(IntFunction<Mono<Integer>> mono) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        Countdown c = new Countdown(done);
        for (int i = 0; i < BATCH; i++) {
            mono.apply(i).subscribe(c);
        }
        if (!done.await(30, TimeUnit.SECONDS) || c.error != null) {
            throw new IllegalStateException("subscriptions did not all complete", c.error);
        }
        return done.getCount();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long monoAwaitMany_weft() throws InterruptedException {
        return many(i -> ReactorFlows.mono(() -> ReactorFlows.await(just)));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long monoAwaitMany_kotlinx() throws InterruptedException {
        return many(i -> KotlinxReactor.monoAwait(just));
    }

    // ------------------------------------------------------------------ 3. handler shape

    private static Mono<Integer> handlerWeft(int i) {
        return ReactorFlows.mono(() -> {
            int a = ReactorFlows.await(Mono.delay(DELAY).thenReturn(i));
            int b = ReactorFlows.await(Mono.delay(DELAY).thenReturn(a + 1));
            int c = ReactorFlows.await(Mono.delay(DELAY).thenReturn(b + 1));
            return a + b + c;
        });
    }

    private static Mono<Integer> handlerReactor(int i) {
        return Mono.delay(DELAY).thenReturn(i)
                .flatMap(a -> Mono.delay(DELAY).thenReturn(a + 1)
                        .flatMap(b -> Mono.delay(DELAY).thenReturn(b + 1).map(c -> a + b + c)));
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Long handler_weft() {
        return Flux.range(0, CALLS).flatMap(ReactorBenchmarks::handlerWeft, CALLS).count().block();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Long handler_kotlinx() {
        return Flux.range(0, CALLS).flatMap(i -> KotlinxReactor.handler(i, DELAY), CALLS).count().block();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Long handler_reactor() {
        return Flux.range(0, CALLS).flatMap(ReactorBenchmarks::handlerReactor, CALLS).count().block();
    }
}
