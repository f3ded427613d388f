package dev.weft.benchmarks.rxjava;

import dev.weft.benchmarks.peers.KotlinxRx3;
import dev.weft.core.Coroutines;
import dev.weft.rxjava3.RxFlows;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

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
 *       emitter, on an RxJava thread ({@code subscribeOn(Schedulers.single())}), never runs more
 *       than {@value #WINDOW} elements ahead of what the collector has counted (it spins until the
 *       collector catches up), the same for both sides. Neither kotlinx's 64-slot buffer nor weft's
 *       default policy (a bounded buffer of 1024 that fails when full) changes the count; kotlinx
 *       blocks the emitter when its buffer is full, weft never does.</li>
 *   <li>{@code rxSingleAwait}: {@code rxSingle { await(Single.just(1)) }.blockingGet()}: one
 *       coroutine per subscription on each side's default dispatcher, plus the wake-up of the
 *       blocked benchmark thread.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class RxBenchmarks {
    static final int N = 1_000_000;
    /** How far the paced Observable may run ahead of the collector. */
    static final int WINDOW = 512;

    private final Flowable<Integer> flowable = Flowable.range(0, N);
    private final Single<Integer> just = Single.just(1);
    private final AtomicLong consumed = new AtomicLong();

    /** An Observable of 0..N-1 that waits (spinning) whenever it is {@link #WINDOW} ahead of {@link #consumed}. */
    private Observable<Integer> paced() {
        return Observable.<Integer>create(e -> {
            consumed.set(0);
            for (int i = 0; i < N && !e.isDisposed(); i++) {
                while (i - consumed.get() >= WINDOW) {
                    Thread.onSpinWait();
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
}
