package dev.weft.benchmarks.hot;

import static dev.weft.benchmarks.hot.HotSupport.awaitValue;
import static dev.weft.benchmarks.hot.HotSupport.sumFirst;

import dev.weft.benchmarks.peers.KotlinxHot;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.flow.MutableSharedFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * MutableSharedFlow emit to collect against kotlinx.coroutines: one emitter, {@code subscribers}
 * collectors, time per element delivered to all of them, each library on its default pool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class SharedFlowBenchmarks {
    static final int N = 100_000;

    /** Extra buffer of the shared flow: 0 is a rendezvous with every subscriber. */
    @Param({"0", "64"})
    public int extra;

    /** Number of subscribers. */
    @Param({"1", "4"})
    public int subscribers;

    @Benchmark
    @OperationsPerInvocation(N)
    public long weft() {
        return Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            MutableSharedFlow<Integer> flow = MutableSharedFlow.create(0, extra, BufferOverflow.SUSPEND);
            List<Deferred<Long>> subs = new ArrayList<>();
            for (int s = 0; s < subscribers; s++) {
                subs.add(scope.async(() -> sumFirst(flow, N)));
            }
            awaitValue(flow.subscriptionCount(), n -> n == subscribers);
            for (int i = 0; i < N; i++) {
                flow.emit(i);
            }
            long total = 0;
            for (Deferred<Long> d : subs) {
                total += d.await();
            }
            return total;
        }));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long kotlinx() {
        return KotlinxHot.sharedFlow(N, extra, subscribers);
    }
}
