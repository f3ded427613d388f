package dev.weft.benchmarks.hot;

import static dev.weft.benchmarks.hot.HotSupport.awaitValue;

import dev.weft.benchmarks.peers.KotlinxHot;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.flow.MutableStateFlow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * MutableStateFlow against kotlinx.coroutines: time per update, with one collector waiting for the
 * last (conflated) value, and without collectors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class StateFlowBenchmarks {
    static final int N = 100_000;

    @Benchmark
    @OperationsPerInvocation(N)
    public int collectedWeft() {
        return Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            MutableStateFlow<Integer> flow = MutableStateFlow.create(-1);
            Deferred<Integer> sub = scope.async(() -> {
                awaitValue(flow, v -> v == N - 1);
                return N - 1;
            });
            awaitValue(flow.subscriptionCount(), n -> n == 1);
            for (int i = 0; i < N; i++) {
                flow.setValue(i);
            }
            return sub.await();
        }));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int collectedKotlinx() {
        return KotlinxHot.stateFlow(N);
    }

    /** Held in the state, so that neither library's flow can be optimized as a local object. */
    private final MutableStateFlow<Integer> weftFlow = MutableStateFlow.create(0);
    private final kotlinx.coroutines.flow.MutableStateFlow<Integer> kotlinxFlow = KotlinxHot.newStateFlow();

    @Benchmark
    @OperationsPerInvocation(N)
    public int updatesWeft() {
        MutableStateFlow<Integer> flow = weftFlow;
        for (int i = 0; i < N; i++) {
            flow.update(v -> v + 1);
        }
        return flow.value();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int updatesKotlinx() {
        return KotlinxHot.updates(kotlinxFlow, N);
    }
}
