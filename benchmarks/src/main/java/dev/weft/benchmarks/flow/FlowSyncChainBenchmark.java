package dev.weft.benchmarks.flow;

import dev.weft.benchmarks.peers.KotlinxFlow;
import dev.weft.core.Coroutines;
import dev.weft.flow.Flow;
import io.reactivex.rxjava3.core.Flowable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Flux;

/**
 * (a) The synchronous chain {@code range(0, n).map(x + 1).filter(even).fold(0L, sum)}: what a flow
 * costs per element when no thread is crossed. Every contender boxes its elements
 * ({@code Integer}) except {@code intStream}, the primitive floor; {@code boxedStream} is the fair
 * {@code java.util.stream} comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class FlowSyncChainBenchmark {
    @Param("1000000")
    public int n;

    /**
     * The same elements as a list, for the chains over a collection; a state of its own, so that
     * the other rows do not carry a million live objects through their collections.
     */
    @State(Scope.Benchmark)
    public static class Elements {
        @Param("1000000")
        public int n;
        List<Integer> list;

        @Setup
        public void setup() {
            list = IntStream.range(0, n).boxed().toList();
        }
    }

    @Benchmark
    public long weft() {
        return Flow.range(0, n).map(x -> x + 1).filter(x -> x % 2 == 0).fold(0L, (acc, x) -> acc + x);
    }

    /** The same chain collected inside a coroutine (a virtual thread) instead of the JMH thread. */
    @Benchmark
    public long weftInCoroutine() {
        return Coroutines.runBlocking(this::weft);
    }

    @Benchmark
    public long kotlinxFlow() {
        return KotlinxFlow.syncChain(n);
    }

    @Benchmark
    public long reactor() {
        return Flux.range(0, n).map(x -> x + 1).filter(x -> x % 2 == 0).reduce(0L, (acc, x) -> acc + x).block();
    }

    @Benchmark
    public long rxjava() {
        return Flowable.range(0, n).map(x -> x + 1).filter(x -> x % 2 == 0).reduce(0L, (acc, x) -> acc + x)
                .blockingGet();
    }

    @Benchmark
    public long boxedStream() {
        return IntStream.range(0, n).boxed().map(x -> x + 1).filter(x -> x % 2 == 0).reduce(0L, (acc, x) -> acc + x,
                Long::sum);
    }

    /** The chain over a collection: {@code fromIterable(list)} instead of {@code range}. */
    @Benchmark
    public long weftFromIterable(Elements e) {
        List<Integer> list = e.list;
        return Flow.fromIterable(list).map(x -> x + 1).filter(x -> x % 2 == 0).fold(0L, (acc, x) -> acc + x);
    }

    @Benchmark
    public long reactorFromIterable(Elements e) {
        List<Integer> list = e.list;
        return Flux.fromIterable(list).map(x -> x + 1).filter(x -> x % 2 == 0).reduce(0L, (acc, x) -> acc + x).block();
    }

    @Benchmark
    public long rxjavaFromIterable(Elements e) {
        List<Integer> list = e.list;
        return Flowable.fromIterable(list).map(x -> x + 1).filter(x -> x % 2 == 0).reduce(0L, (acc, x) -> acc + x)
                .blockingGet();
    }

    @Benchmark
    public long listStream(Elements e) {
        List<Integer> list = e.list;
        return list.stream().map(x -> x + 1).filter(x -> x % 2 == 0).reduce(0L, (acc, x) -> acc + x, Long::sum);
    }

    @Benchmark
    public long intStream() {
        return IntStream.range(0, n).map(x -> x + 1).filter(x -> x % 2 == 0).asLongStream().sum();
    }
}
