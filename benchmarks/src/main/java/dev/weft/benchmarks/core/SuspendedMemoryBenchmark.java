package dev.weft.benchmarks.core;

import dev.weft.benchmarks.peers.KotlinxCore;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.OwnedScope;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Heap retained per suspended coroutine: launch 1,000,000 coroutines that all suspend, measure the
 * used heap after full GCs while they are suspended, divide by the count. The primary score is the
 * time to launch them all; the secondary result {@code bytesPerCoroutine} is the memory figure.
 *
 * <p>Each coroutine suspends in {@code delay} (a timed park), the most common way to be suspended;
 * the same measured for kotlinx.coroutines' {@code delay} and a JDK virtual thread in
 * {@code LockSupport.parkNanos}. JMH sums auxiliary counters over measurement iterations, hence
 * one measurement iteration (after one warm-up) per fork; use {@code -f N} for more samples.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1) // the secondary result is summed over iterations: keep one
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx8g", "-Xms8g"})
@State(Scope.Benchmark)
public class SuspendedMemoryBenchmark {
    static final int N = 1_000_000;

    /** The secondary result, reported per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Memory {
        /** Retained heap per suspended coroutine, in bytes. */
        public long bytesPerCoroutine;

        @Setup(Level.Iteration)
        public void reset() {
            bytesPerCoroutine = 0;
        }
    }

    @Benchmark
    public int weftDelay(Memory m) throws InterruptedException {
        long before = usedHeap();
        CountDownLatch parked = new CountDownLatch(N);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            for (int i = 0; i < N; i++) {
                scope.launch(() -> {
                    parked.countDown();
                    Coroutines.delay(Duration.ofMinutes(10));
                });
            }
            parked.await();
            m.bytesPerCoroutine = (usedHeap() - before) / N;
        } // close cancels them all and waits
        return N;
    }

    @Benchmark
    public int kotlinxDelay(Memory m) {
        long before = usedHeap();
        m.bytesPerCoroutine = KotlinxCore.suspendedFootprint(N, () -> (usedHeap() - before) / N);
        return N;
    }

    @Benchmark
    public int jdkVirtualThreadPark(Memory m) throws InterruptedException {
        long before = usedHeap();
        CountDownLatch parked = new CountDownLatch(N);
        Thread[] ts = new Thread[N];
        for (int i = 0; i < N; i++) {
            ts[i] = Thread.ofVirtual().start(() -> {
                parked.countDown();
                LockSupport.parkNanos(TimeUnit.MINUTES.toNanos(10));
            });
        }
        parked.await();
        m.bytesPerCoroutine = (usedHeap() - before) / N;
        for (Thread t : ts) {
            LockSupport.unpark(t);
        }
        for (Thread t : ts) {
            t.join();
        }
        return N;
    }

    static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
