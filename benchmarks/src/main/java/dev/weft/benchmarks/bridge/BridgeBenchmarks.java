package dev.weft.benchmarks.bridge;

import dev.weft.benchmarks.peers.KotlinxBridge;
import dev.weft.core.Coroutines;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Flux;

/**
 * The Reactive Streams bridge against kotlinx-coroutines-reactive, in the same run; scores are
 * nanoseconds per element (1M elements per operation).
 *
 * <ul>
 *   <li>{@code fluxToFlow}: {@code Flux.range(0, 1M)} bridged into a flow and collected (summed)
 *       in {@code runBlocking}.
 *   <li>{@code flowToFlux}: a flow of 1M elements bridged to a Publisher and drained by a Reactor
 *       subscriber ({@code Flux.from(p).blockLast()}, which requests unbounded).
 *   <li>{@code roundTrip}: {@code Flux.range} into a flow, back to a Publisher, drained by
 *       Reactor.
 * </ul>
 *
 * <p>Both sides use their defaults: weft's asFlow prefetch of 256 and asPublisher coroutine on
 * {@code Dispatchers.DEFAULT}; kotlinx's asFlow buffer and asPublisher's
 * {@code Dispatchers.Unconfined}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class BridgeBenchmarks {
    static final int N = 1_000_000;

    private final Flux<Integer> flux = Flux.range(0, N);
    private final Flow<Integer> range = c -> {
        for (int i = 0; i < N; i++) {
            c.emit(i);
        }
    };

    @Benchmark
    @OperationsPerInvocation(N)
    public long fluxToFlow_weft() {
        return Coroutines.runBlocking(() -> {
            long[] sum = {0};
            ReactiveFlows.asFlow(flux).collect(v -> sum[0] += v);
            return sum[0];
        });
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long fluxToFlow_kotlinx() {
        return KotlinxBridge.fluxToFlowSum(flux);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer flowToFlux_weft() {
        return Flux.from(ReactiveFlows.asPublisher(range)).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer flowToFlux_kotlinx() {
        return Flux.from(KotlinxBridge.flowAsPublisher(N)).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer roundTrip_weft() {
        return Flux.from(ReactiveFlows.asPublisher(ReactiveFlows.asFlow(flux))).blockLast();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Integer roundTrip_kotlinx() {
        return Flux.from(KotlinxBridge.roundTrip(flux)).blockLast();
    }
}
