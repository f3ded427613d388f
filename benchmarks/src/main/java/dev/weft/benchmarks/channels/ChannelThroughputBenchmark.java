package dev.weft.benchmarks.channels;

import dev.weft.benchmarks.peers.KotlinxChannels;
import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Dispatchers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Single-channel throughput: one producer, one consumer, a buffered channel of {@code capacity}.
 * Score: ns per element. Configurations as in {@link ChannelPingPongBenchmark}; the JDK peer is
 * an {@link java.util.concurrent.ArrayBlockingQueue} of the same capacity between two virtual
 * threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class ChannelThroughputBenchmark {
    static final int ELEMENTS = 200_000;

    @Param({"16", "64"})
    public int capacity;

    private CloseableDispatcher single;

    @Setup(Level.Trial)
    public void setUp() {
        single = Dispatchers.newSingleThread("bench-single");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        single.close();
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public long weftSingle() {
        return WeftWorkloads.throughput(single, capacity, ELEMENTS);
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public long weftDefault() {
        return WeftWorkloads.throughput(Dispatchers.DEFAULT, capacity, ELEMENTS);
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public long kotlinxSingle() {
        return KotlinxChannels.throughput(null, capacity, ELEMENTS);
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public long kotlinxDefault() {
        return KotlinxChannels.throughput(KotlinxChannels.defaultDispatcher(), capacity, ELEMENTS);
    }

    @Benchmark
    @OperationsPerInvocation(ELEMENTS)
    public long arrayBlockingQueueVirtual() throws InterruptedException {
        return JdkWorkloads.throughput(capacity, ELEMENTS);
    }
}
