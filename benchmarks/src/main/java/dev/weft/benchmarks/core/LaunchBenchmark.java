package dev.weft.benchmarks.core;

import dev.weft.benchmarks.peers.KotlinxCore;
import dev.weft.core.Coroutines;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Launch + complete cost in bulk: one operation = one coroutine (or thread) created, started, run
 * to completion (an empty body) and joined by its parent scope.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
@State(Scope.Benchmark)
public class LaunchBenchmark {
    static final int N = 10_000;
    static final int PLATFORM_N = 1_000;

    /** weft: N children launched in a coroutineScope on Dispatchers.DEFAULT. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int weftLaunch() {
        return Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            for (int i = 0; i < N; i++) {
                scope.launch(() -> { });
            }
            return N;
        }));
    }

    /** kotlinx.coroutines: N children launched in a coroutineScope on Dispatchers.Default. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int kotlinxLaunch() {
        return KotlinxCore.launchAndComplete(N);
    }

    /** JDK virtual threads on the default scheduler, started and joined. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int jdkVirtualThreads() throws InterruptedException {
        Thread[] ts = new Thread[N];
        for (int i = 0; i < N; i++) {
            ts[i] = Thread.ofVirtual().start(() -> { });
        }
        for (Thread t : ts) {
            t.join();
        }
        return N;
    }

    /** Platform threads, started and joined (fewer per operation: they cost far more). */
    @Benchmark
    @OperationsPerInvocation(PLATFORM_N)
    public int platformThreads() throws InterruptedException {
        Thread[] ts = new Thread[PLATFORM_N];
        for (int i = 0; i < PLATFORM_N; i++) {
            ts[i] = Thread.ofPlatform().start(() -> { });
        }
        for (Thread t : ts) {
            t.join();
        }
        return PLATFORM_N;
    }
}
