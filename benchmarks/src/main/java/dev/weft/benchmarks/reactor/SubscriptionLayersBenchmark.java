package dev.weft.benchmarks.reactor;

import dev.weft.benchmarks.peers.KotlinxReactor;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.OwnedScope;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import dev.weft.reactor.ReactorFlows;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Where the cost of one {@code mono{}} subscription goes, layer by layer: each row adds one layer
 * to the row before it, in the shape of {@code ReactorBenchmarks.monoAwaitMany} (1,000 starts made
 * one after another on the benchmark thread, each counting down one shared latch when done, so
 * the score is the cost per start with no thread wake-up per start in it).
 *
 * <ol>
 *   <li>{@code jdkVirtualThread}: a bare virtual thread on the JDK's own scheduler, started and run
 *       to its end: the floor for any design where a coroutine is a virtual thread (ADR 0001).</li>
 *   <li>{@code weftLaunch}: a weft coroutine on {@code Dispatchers.DEFAULT} (a virtual thread on
 *       weft's carriers, plus its job, strand and parent link), launched in a long-lived scope.</li>
 *   <li>{@code weftAsPublisher}: one subscription to {@code asPublisher} of a one-element flow:
 *       a root coroutine plus the Reactive Streams subscription around it.</li>
 *   <li>{@code weftMono}: {@code mono { 1 }}: the Reactor adapter's builder (subscriber context,
 *       Reactor's {@code Mono} wrapper).</li>
 *   <li>{@code weftMonoAwait}: {@code mono { await(Mono.just(1)) }}, the shape: one await
 *       more (it completes inside the subscribe, so it never parks).</li>
 *   <li>{@code kotlinxMonoAwait}: kotlinx's {@code mono { m.awaitSingle() }}, the peer.</li>
 * </ol>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class SubscriptionLayersBenchmark {
    static final int BATCH = 1_000;

    private final Mono<Integer> just = Mono.just(1);
    private final Flow<Integer> one = c -> c.emit(1);
    private OwnedScope scope;

    @Setup(Level.Trial)
    public void open() {
        scope = CoroutineScope.supervisor(Dispatchers.DEFAULT);
    }

    @TearDown(Level.Trial)
    public void close() {
        scope.close();
    }

    private static long await(CountDownLatch done) throws InterruptedException {
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the starts did not all complete");
        }
        return done.getCount();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long jdkVirtualThread() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        for (int i = 0; i < BATCH; i++) {
            Thread.ofVirtual().start(done::countDown);
        }
        return await(done);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long weftLaunch() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        for (int i = 0; i < BATCH; i++) {
            scope.launch(done::countDown);
        }
        return await(done);
    }

    /** Subscribes {@value #BATCH} publishers from {@code source}, one after another, and waits for all. */
    private static long subscribeMany(Supplier<? extends Publisher<?>> source) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        ReactorBenchmarks.Countdown c = new ReactorBenchmarks.Countdown(done);
        for (int i = 0; i < BATCH; i++) {
            source.get().subscribe(c);
        }
        long left = await(done);
        if (c.error != null) {
            throw new IllegalStateException("a subscription failed", c.error);
        }
        return left;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long weftAsPublisher() throws InterruptedException {
        return subscribeMany(() -> ReactiveFlows.asPublisher(one));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long weftMono() throws InterruptedException {
        return subscribeMany(() -> ReactorFlows.mono(() -> 1));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long weftMonoAwait() throws InterruptedException {
        return subscribeMany(() -> ReactorFlows.mono(() -> ReactorFlows.await(just)));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long kotlinxMonoAwait() throws InterruptedException {
        return subscribeMany(() -> KotlinxReactor.monoAwait(just));
    }
}
