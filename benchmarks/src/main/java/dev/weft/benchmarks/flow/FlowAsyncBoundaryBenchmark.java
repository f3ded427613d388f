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

    @Benchmark
    public long rxjavaObserveOn() {
        return Flowable.range(0, n).observeOn(Schedulers.computation(), false, buffer)
                .reduce(0L, (acc, x) -> acc + x).blockingGet();
    }
}
