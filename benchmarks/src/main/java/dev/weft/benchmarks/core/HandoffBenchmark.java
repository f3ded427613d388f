package dev.weft.benchmarks.core;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of switching between two execution units: two parties hand a token back and forth by
 * park/unpark. One operation = one handoff (the token moving once).
 *
 * <ul>
 *   <li>{@code weftSingleThread}: two weft coroutines on {@code Dispatchers.newSingleThread} —
 *       both share one carrier, every handoff is a virtual-thread switch on it;</li>
 *   <li>{@code jdkDefaultScheduler}: two virtual threads on the JDK's default scheduler;</li>
 *   <li>{@code platformThreads}: two platform threads (an OS context switch per handoff).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
@State(Scope.Benchmark)
public class HandoffBenchmark {
    static final int HANDOFFS = 20_000;

    private CloseableDispatcher single;

    @Setup(Level.Trial)
    public void setup() {
        single = Dispatchers.newSingleThread("bench-single");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        single.close();
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int weftSingleThread() {
        return Coroutines.runBlocking(single, () -> Coroutines.coroutineScope(scope -> {
            PingPong p = new PingPong();
            scope.launch(() -> p.play(1));
            scope.launch(() -> p.play(0));
            return HANDOFFS;
        }));
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int jdkDefaultScheduler() throws InterruptedException {
        PingPong p = new PingPong();
        Thread a = Thread.ofVirtual().unstarted(() -> p.play(1));
        Thread b = Thread.ofVirtual().unstarted(() -> p.play(0));
        return run(p, a, b);
    }

    @Benchmark
    @OperationsPerInvocation(HANDOFFS)
    public int platformThreads() throws InterruptedException {
        PingPong p = new PingPong();
        Thread a = Thread.ofPlatform().unstarted(() -> p.play(1));
        Thread b = Thread.ofPlatform().unstarted(() -> p.play(0));
        return run(p, a, b);
    }

    private static int run(PingPong p, Thread a, Thread b) throws InterruptedException {
        a.start();
        b.start();
        a.join();
        b.join();
        return HANDOFFS;
    }

    /** Party {@code me} acts when {@code turn % 2 == me}; after acting it hands the turn over. */
    static final class PingPong {
        volatile int turn;
        final java.util.concurrent.atomic.AtomicReferenceArray<Thread> parties =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(2);

        void play(int me) {
            parties.set(me, Thread.currentThread());
            while (parties.get(1 - me) == null) {
                Thread.yield(); // on a single carrier the other party must get to run
            }
            Thread other = parties.get(1 - me);
            for (;;) {
                int t;
                while (((t = turn) & 1) != me) {
                    if (t >= HANDOFFS) {
                        return;
                    }
                    LockSupport.park(this);
                }
                if (t >= HANDOFFS) {
                    LockSupport.unpark(other);
                    return;
                }
                turn = t + 1;
                LockSupport.unpark(other);
            }
        }
    }
}
