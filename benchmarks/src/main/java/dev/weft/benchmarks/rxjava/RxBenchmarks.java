package dev.weft.benchmarks.rxjava;

import dev.weft.benchmarks.peers.KotlinxRx3;
import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.rxjava3.RxFlows;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.core.SingleObserver;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The RxJava adapter against kotlinx-coroutines-rx3 (and pure RxJava), in the same run. Scores are
 * nanoseconds per element (1M elements per operation), or per subscription for {@code rxSingle}.
 *
 * <ul>
 *   <li>{@code flowableRoundTrip}: {@code Flowable.range(0, 1M)} into a flow, {@code map(x + 1)},
 *       back to a Flowable, drained by {@code blockingLast()} (which requests unbounded). The
 *       {@code _rxjava} row is {@code Flowable.range(0, 1M).map(x + 1).blockingLast()}.</li>
 *   <li>{@code observableToFlow}: an Observable of 1M elements into a flow under each side's
 *       default policy, collected (summed) in {@code runBlocking}. The collector keeps up: the
 *       emitter, on an RxJava thread ({@code subscribeOn(Schedulers.single())}), emits bursts of
 *       {@value #BURST} and waits before each burst until the collector has counted the previous
 *       one, the same for both sides; so neither kotlinx's 64-slot buffer (which would block the
 *       emitter) nor weft's default policy (a bounded buffer of 1024 that fails when full) ever
 *       fills, and the score is the cost of the handoff itself.</li>
 *   <li>{@code rxSingleAwait}: {@code rxSingle { await(Single.just(1)) }.blockingGet()}: one
 *       coroutine per subscription on each side's default dispatcher, plus the wake-up of the
 *       blocked benchmark thread. {@code rxSingleAwaitMany}: {@value #BATCH} such subscriptions
 *       made one after another, each observer counting down one shared latch, so the wake-up is
 *       paid once per {@value #BATCH}: the cost of a subscription itself.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class RxBenchmarks {
    static final int N = 1_000_000;
    static final int BATCH = 1_000;
    /**
     * The paced Observable's burst: kotlinx's default buffer (64), so that kotlinx never blocks the
     * emitter either and both sides measure the handoff of a collector that keeps up.
     */
    static final int BURST = 64;

    private final Flowable<Integer> flowable = Flowable.range(0, N);
    private final Single<Integer> just = Single.just(1);
    private final AtomicLong consumed = new AtomicLong();
    private CloseableDispatcher single;

    @Setup
    public void setUp() {
        single = Dispatchers.newSingleThread("bench-collector");
    }

    @TearDown
    public void tearDown() {
        single.close();
    }

    /**
     * An Observable of 0..N-1, on an RxJava thread, emitted in bursts of {@value #BURST}: before each
     * burst the emitter waits until the collector has counted every element of the previous one.
     */
    private Observable<Integer> paced() {
        return Observable.<Integer>create(e -> {
            consumed.set(0);
            for (int i = 0; i < N && !e.isDisposed(); i++) {
                if (i % BURST == 0) {
                    int spins = 0;
                    while (consumed.get() < i) {
                        if (++spins % 128 == 0) {
                            Thread.yield(); // the machine may be shared: let the collector run
                        } else {
                            Thread.onSpinWait();
                        }
                    }
                }
                e.onNext(i);
            }
            e.onComplete();
        }).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.single());
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer flowableRoundTrip_weft() {
        return RxFlows.asFlowable(RxFlows.asFlow(flowable).map(x -> x + 1)).blockingLast();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer flowableRoundTrip_kotlinx() {
        return KotlinxRx3.flowableRoundTrip(flowable).blockingLast();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer flowableRoundTrip_rxjava() {
        return flowable.map(x -> x + 1).blockingLast();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long observableToFlow_weft() {
        Observable<Integer> source = paced();
        return Coroutines.runBlocking(() -> {
            long[] acc = {0, 0};
            RxFlows.asFlow(source).collect(v -> {
                acc[0] += v;
                consumed.lazySet(++acc[1]);
            });
            return acc[0];
        });
    }

    /** The same, with the collector on a single-thread dispatcher instead of {@code Dispatchers.DEFAULT}. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long observableToFlow_weftSingleThread() {
        Observable<Integer> source = paced();
        return Coroutines.runBlocking(single, () -> {
            long[] acc = {0, 0};
            RxFlows.asFlow(source).collect(v -> {
                acc[0] += v;
                consumed.lazySet(++acc[1]);
            });
            return acc[0];
        });
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long observableToFlow_kotlinx() {
        return KotlinxRx3.observableSum(paced(), consumed);
    }

    @Benchmark
    public Integer rxSingleAwait_weft() {
        return RxFlows.rxSingle(() -> RxFlows.await(just)).blockingGet();
    }

    @Benchmark
    public Integer rxSingleAwait_kotlinx() {
        return KotlinxRx3.rxSingleAwait(just).blockingGet();
    }

    /** Counts completions down on one latch: the smallest observer there is. */
    static final class Countdown implements SingleObserver<Object> {
        final CountDownLatch done;
        volatile @Nullable Throwable error;

        Countdown(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void onSubscribe(Disposable d) {
            // never disposed
        }

        @Override
        public void onSuccess(Object o) {
            done.countDown();
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            done.countDown();
        }
    }

    static long many(Supplier<Single<Integer>> single) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        Countdown c = new Countdown(done);
        for (int i = 0; i < BATCH; i++) {
            single.get().subscribe(c);
        }
        if (!done.await(30, TimeUnit.SECONDS) || c.error != null) {
            throw new IllegalStateException("subscriptions did not all complete", c.error);
        }
        return done.getCount();
    }

    /** 1,000 subscriptions made one after another, counted down on one latch: per subscription. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rxSingleAwaitMany_weft() throws InterruptedException {
        return many(() -> RxFlows.rxSingle(() -> RxFlows.await(just)));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long rxSingleAwaitMany_kotlinx() throws InterruptedException {
        return many(() -> KotlinxRx3.rxSingleAwait(just));
    }
}
