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
 * (c) {@code zip} of two ranges of {@code n}, summed. weft collects the second flow in a coroutine
 * that runs up to 64 elements ahead ({@code weftLockstep}: {@code other.buffer(0)}, a rendezvous
 * per element, kotlinx's behaviour); kotlinx hands each element over through a rendezvous
 * channel; Reactor and RxJava zip two synchronous sources with prefetch queues on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class FlowZipBenchmark {
    @Param("100000")
    public int n;

    @Benchmark
    public long weft() {
        return Coroutines.runBlocking(Dispatchers.DEFAULT, () -> Flow.range(0, n)
                .zip(Flow.range(0, n), Integer::sum).fold(0L, (acc, x) -> acc + x));
    }

    /**
     * The second range hidden from weft's pure-source rule (a plain {@code Flow} lambda around it):
     * it then runs in a producer coroutine feeding a ring of 64, as any second flow that runs user
     * code or suspends does. Without the lambda the first flow's collector pulls the range itself.
     */
    @Benchmark
    public long weftSecondInCoroutine() {
        Flow<Integer> second = Flow.range(0, n);
        Flow<Integer> hidden = second::collect;
        return Coroutines.runBlocking(Dispatchers.DEFAULT, () -> Flow.range(0, n)
                .zip(hidden, Integer::sum).fold(0L, (acc, x) -> acc + x));
    }

    @Benchmark
    public long weftLockstep() {
        return Coroutines.runBlocking(Dispatchers.DEFAULT, () -> Flow.range(0, n)
                .zip(Flow.range(0, n).buffer(0), Integer::sum).fold(0L, (acc, x) -> acc + x));
    }

    @Benchmark
    public long kotlinxFlow() {
        return KotlinxFlow.zip(n);
    }

    @Benchmark
    public long reactor() {
        return Flux.range(0, n).zipWith(Flux.range(0, n), Integer::sum).reduce(0L, (acc, x) -> acc + x).block();
    }

    @Benchmark
    public long rxjava() {
        return Flowable.range(0, n).zipWith(Flowable.range(0, n), Integer::sum).reduce(0L, (acc, x) -> acc + x)
                .blockingGet();
    }
}
