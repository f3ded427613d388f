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
 * Rendezvous ping-pong: two parties bounce a number over two rendezvous channels. Score: ns per
 * handoff (one send meeting one receive). "Single" runs both parties on one thread (weft: a
 * single-carrier dispatcher; kotlinx: runBlocking's event loop), "Default" on each library's
 * default multi-thread pool; the JDK peers are virtual threads on the JDK's default scheduler.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class ChannelPingPongBenchmark {
    static final int ROUNDS = 20_000;
    static final int HANDOFFS = 2 * ROUNDS;

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
    @OperationsPerInvocation(HANDOFFS)
    public int weftSingle() {
        return WeftWorkloads.pingPong(single, ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int weftDefault() {
        return WeftWorkloads.pingPong(Dispatchers.DEFAULT, ROUNDS);
    }

    /** The floor: bare park/unpark of two coroutines on one carrier, no channel. */
    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int floorParkUnparkSingle() {
        return WeftWorkloads.parkUnparkPingPong(single, ROUNDS);
    }

    /** The floor on the default multi-thread pool. */
    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int floorParkUnparkDefault() {
        return WeftWorkloads.parkUnparkPingPong(Dispatchers.DEFAULT, ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int kotlinxSingle() {
        return KotlinxChannels.pingPong(null, ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int kotlinxDefault() {
        return KotlinxChannels.pingPong(KotlinxChannels.defaultDispatcher(), ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int synchronousQueueVirtual() throws InterruptedException {
        return JdkWorkloads.pingPong(SynchronousQueue::new, ROUNDS);
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int arrayBlockingQueueVirtual() throws InterruptedException {
        return JdkWorkloads.pingPong(() -> new ArrayBlockingQueue<>(1), ROUNDS);
    }
}
