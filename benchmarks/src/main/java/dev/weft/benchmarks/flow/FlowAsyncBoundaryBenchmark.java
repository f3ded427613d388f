package dev.weft.benchmarks.flow;

import dev.weft.benchmarks.peers.KotlinxFlow;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.flow.Flow;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Flux;

/**
 * (d) An asynchronous boundary over {@code n} elements with a buffer of {@code buffer}: the
 * producer on one thread/coroutine, the consumer (a sum) on another.
 * <ul>
 * <li>{@code weftFlowOn}: producer moved to {@code Dispatchers.IO} with {@code flowOn}, consumer in
 *     a coroutine on {@code Dispatchers.DEFAULT}; peers {@code kotlinxFlowOn} (producer on
 *     {@code Dispatchers.Default}, consumer in {@code runBlocking}), {@code reactorPublishOn},
 *     {@code rxjavaObserveOn}.
 * <li>{@code weftFlowOnFromCaller}: producer moved to {@code Dispatchers.DEFAULT}, consumer on the
 *     calling thread: the same topology as {@code kotlinxFlowOn}.
 * <li>{@code weftBuffer}: {@code buffer} only, producer coroutine on the consumer's dispatcher;
 *     peer {@code kotlinxBuffer}.
 * <li>Over a bare {@code range} weft, Reactor and RxJava all fuse the boundary away (the source
 *     runs no user code); the {@code *Unfused} rows hide the range from that fusion and measure the
 *     real handoff.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class FlowAsyncBoundaryBenchmark {
    @Param("1000000")
    public int n;
    @Param("64")
    public int buffer;

    @Benchmark
    public long weftFlowOn() {
        return Coroutines.runBlocking(Dispatchers.DEFAULT, () -> Flow.range(0, n).flowOn(Dispatchers.IO)
                .buffer(buffer).fold(0L, (acc, x) -> acc + x));
    }

    /**
     * kotlinx's topology exactly: the producer moved to the default pool with {@code flowOn}, the
     * consumer on the calling (JMH) thread, as kotlinx's {@code runBlocking} event loop is.
     */
    @Benchmark
    public long weftFlowOnFromCaller() throws Exception {
        return Flow.range(0, n).flowOn(Dispatchers.DEFAULT).buffer(buffer).fold(0L, (acc, x) -> acc + x);
    }

    @Benchmark
    public long weftBuffer() {
        return Coroutines.runBlocking(Dispatchers.DEFAULT, () -> Flow.range(0, n).buffer(buffer)
                .fold(0L, (acc, x) -> acc + x));
    }

    /**
     * The range hidden from weft's fusion (a plain {@code Flow} lambda around it, as {@code hide()}
     * is for Reactor): without it, {@code buffer}/{@code flowOn} directly over {@code range} open no
     * boundary at all (a pure source, read by the collector itself), which is what
     * {@link #weftBuffer}, {@link #weftFlowOn} and {@link #weftFlowOnFromCaller} measure. These
     * rows measure the handoff between two coroutines; their peers are the unfused Reactor and
     * RxJava rows and kotlinx (which never fuses).
     */
    private Flow<Integer> hiddenRange() {
        Flow<Integer> range = Flow.range(0, n);
        return range::collect;
    }

    @Benchmark
    public long weftBufferUnfused() {
        return Coroutines.runBlocking(Dispatchers.DEFAULT, () -> hiddenRange().buffer(buffer)
                .fold(0L, (acc, x) -> acc + x));
    }

    @Benchmark
    public long weftFlowOnUnfused() {
        return Coroutines.runBlocking(Dispatchers.DEFAULT, () -> hiddenRange().flowOn(Dispatchers.IO)
                .buffer(buffer).fold(0L, (acc, x) -> acc + x));
    }

    @Benchmark
    public long weftFlowOnFromCallerUnfused() throws Exception {
        return hiddenRange().flowOn(Dispatchers.DEFAULT).buffer(buffer).fold(0L, (acc, x) -> acc + x);
    }

    @Benchmark
    public long kotlinxFlowOn() {
        return KotlinxFlow.flowOn(n, buffer);
    }

    @Benchmark
    public long kotlinxBuffer() {
        return KotlinxFlow.buffer(n, buffer);
    }

    @Benchmark
    public long reactorPublishOn() {
        return Flux.range(0, n).publishOn(reactor.core.scheduler.Schedulers.parallel(), buffer)
                .reduce(0L, (acc, x) -> acc + x).block();
    }

    /**
     * {@code publishOn} over a range hidden from Reactor's operator fusion: without {@code hide()},
     * {@code publishOn} polls the synchronous range itself on the worker thread (no handoff between
     * threads at all), which is what {@link #reactorPublishOn} measures.
     */
    @Benchmark
    public long reactorPublishOnUnfused() {
        return Flux.range(0, n).hide().publishOn(reactor.core.scheduler.Schedulers.parallel(), buffer)
                .reduce(0L, (acc, x) -> acc + x).block();
    }

    /** {@code observeOn} over a range hidden from RxJava's operator fusion (see {@link #reactorPublishOnUnfused}). */
    @Benchmark
    public long rxjavaObserveOnUnfused() {
        return Flowable.range(0, n).hide().observeOn(Schedulers.computation(), false, buffer)
                .reduce(0L, (acc, x) -> acc + x).blockingGet();
    }

    /**
     * A handoff between two threads for sure: even unfused, {@code publishOn} makes its requests
     * from its worker, and the range answers them there (the handoff becomes a queue used by one
     * thread); {@code subscribeOn} keeps the range on a thread of its own, as {@code flowOn}
     * keeps weft's producer on its dispatcher. Peer of {@link #weftFlowOnUnfused}.
     */
    @Benchmark
    public long reactorPublishOnCrossThread() {
        return Flux.range(0, n).subscribeOn(reactor.core.scheduler.Schedulers.single())
                .publishOn(reactor.core.scheduler.Schedulers.parallel(), buffer)
                .reduce(0L, (acc, x) -> acc + x).block();
    }

    /** RxJava's counterpart of {@link #reactorPublishOnCrossThread}. */
    @Benchmark
    public long rxjavaObserveOnCrossThread() {
        return Flowable.range(0, n).subscribeOn(Schedulers.single()).observeOn(Schedulers.computation(), false, buffer)
                .reduce(0L, (acc, x) -> acc + x).blockingGet();
    }

    @Benchmark
    public long rxjavaObserveOn() {
        return Flowable.range(0, n).observeOn(Schedulers.computation(), false, buffer)
                .reduce(0L, (acc, x) -> acc + x).blockingGet();
    }
}
