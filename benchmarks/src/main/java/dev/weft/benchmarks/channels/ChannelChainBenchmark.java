package dev.weft.benchmarks.channels;

import dev.weft.benchmarks.peers.KotlinxChannels;
import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Dispatchers;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A chain of {@value #LENGTH} rendezvous channels with a relay coroutine between each pair:
 * {@value #ELEMENTS} elements pushed through. Score: ns per hop (one element crossing one
 * channel); the 1,000 relays are created in every invocation (about 1% of its time for weft).
 * Configurations as in {@link ChannelPingPongBenchmark}; the JDK peers use a chain of
 * {@link SynchronousQueue}s or of one-slot {@link ArrayBlockingQueue}s between virtual threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class ChannelChainBenchmark {
    static final int LENGTH = 1000;
    static final int ELEMENTS = 200;
    static final int HOPS = LENGTH * ELEMENTS;

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
    @OperationsPerInvocation(HOPS)
    public long weftSingle() {
        return WeftWorkloads.chain(single, LENGTH, ELEMENTS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public long weftDefault() {
        return WeftWorkloads.chain(Dispatchers.DEFAULT, LENGTH, ELEMENTS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public long kotlinxSingle() {
        return KotlinxChannels.chain(null, LENGTH, ELEMENTS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public long kotlinxDefault() {
        return KotlinxChannels.chain(KotlinxChannels.defaultDispatcher(), LENGTH, ELEMENTS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public long synchronousQueueVirtual() throws InterruptedException {
        return JdkWorkloads.chain(SynchronousQueue::new, LENGTH, ELEMENTS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public long arrayBlockingQueueVirtual() throws InterruptedException {
        return JdkWorkloads.chain(() -> new ArrayBlockingQueue<>(1), LENGTH, ELEMENTS);
    }
}
