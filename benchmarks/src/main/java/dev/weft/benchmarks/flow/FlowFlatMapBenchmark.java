package dev.weft.benchmarks.flow;

import dev.weft.benchmarks.peers.KotlinxFlow;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.flow.Flow;
import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Flux;

/**
 * (b) Flattening small inner flows: {@code outer} upstream elements, each mapped to a range of
 * {@code inner} elements, summed. {@code concat*} keeps the order (flatMapConcat / concatMap);
 * {@code merge*} collects up to {@code concurrency} inner flows at once (flatMapMerge / flatMap).
 * weft and kotlinx merge through a channel from coroutines on the default dispatcher (collected
 * inside {@code runBlocking}); Reactor and RxJava merge the synchronous inner sources in place.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class FlowFlatMapBenchmark {
    @Param("100000")
    public int outer;
    @Param("4")
    public int inner;
    /** Concurrency of the merge variants (kotlinx's default). */
    @Param("16")
    public int concurrency;

    @Benchmark
    public long concatWeft() {
        int k = inner;
        return Flow.range(0, outer).flatMapConcat(i -> Flow.range(i, i + k)).fold(0L, (acc, x) -> acc + x);
    }

    @Benchmark
    public long concatKotlinx() {
        return KotlinxFlow.flatMapConcat(outer, inner);
    }

    @Benchmark
    public long concatReactor() {
        int k = inner;
        return Flux.range(0, outer).concatMap(i -> Flux.range(i, k)).reduce(0L, (acc, x) -> acc + x).block();
    }

    @Benchmark
    public long concatRxjava() {
        int k = inner;
        return Flowable.range(0, outer).concatMap(i -> Flowable.range(i, k)).reduce(0L, (acc, x) -> acc + x)
                .blockingGet();
    }

    @Benchmark
    public long mergeWeft() {
        int k = inner;
        return Coroutines.runBlocking(Dispatchers.DEFAULT, () -> Flow.range(0, outer)
                .flatMapMerge(concurrency, i -> Flow.range(i, i + k)).fold(0L, (acc, x) -> acc + x));
    }

    /**
     * The inner ranges hidden from weft's pure-source rule (a plain {@code Flow} lambda around each):
     * every inner flow is then collected in a coroutine of its own, as any inner flow that runs
     * user code or suspends is, and as kotlinx does for all.
     */
    @Benchmark
    public long mergeWeftCoroutinePerInner() {
        int k = inner;
        return Coroutines.runBlocking(Dispatchers.DEFAULT, () -> Flow.range(0, outer)
                .<Integer>flatMapMerge(concurrency, i -> {
                    Flow<Integer> range = Flow.range(i, i + k);
                    return range::collect;
                }).fold(0L, (acc, x) -> acc + x));
    }

    @Benchmark
    public long mergeKotlinx() {
        return KotlinxFlow.flatMapMerge(outer, inner, concurrency);
    }

    @Benchmark
    public long mergeReactor() {
        int k = inner;
        return Flux.range(0, outer).flatMap(i -> Flux.range(i, k), concurrency).reduce(0L, (acc, x) -> acc + x)
                .block();
    }

    @Benchmark
    public long mergeRxjava() {
        int k = inner;
        return Flowable.range(0, outer).flatMap(i -> Flowable.range(i, k), false, concurrency)
                .reduce(0L, (acc, x) -> acc + x).blockingGet();
    }
}
