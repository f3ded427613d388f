package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared scenario harness: drives every operator through the same unhappy paths (upstream
 * failure, downstream failure, early termination by a downstream {@code take}, cancellation of the
 * collecting coroutine) and checks coldness. Each operator is configured to pass elements through,
 * so the scenarios can count what the upstream produced.
 */
class OperatorContractTest {

    /**
     * @param slack how many elements the upstream may produce beyond those the downstream took
     *              (what a buffer holds); {@code Integer.MAX_VALUE} for operators whose upstream
     *              never waits (conflate, debounce, sample)
     * @param exact whether the output is fully determined by the input (not for the operators
     *              whose output depends on timing: latest, combine, time)
     * @param drains whether an endless upstream still yields elements downstream (not so for
     *              debounce and sample, which wait for quiet or for time)
     */
    record Op(String name, Function<Flow<Integer>, Flow<?>> apply, int slack, boolean exact, boolean drains) {
        Op(String name, Function<Flow<Integer>, Flow<?>> apply) {
            this(name, apply, 0, true, true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final int ANY = Integer.MAX_VALUE;
    private static final int CHANNEL = Channel.DEFAULT_BUFFER_SIZE + 2;

    static Stream<Op> operators() {
        return Stream.of(
                new Op("identity", f -> f),
                new Op("map", f -> f.map(x -> x)),
                new Op("mapNotNull", f -> f.mapNotNull(x -> x)),
                new Op("filter", f -> f.filter(x -> true)),
                new Op("filterNot", f -> f.filterNot(x -> false)),
                new Op("map.filter (fused)", f -> f.map(x -> x).filter(x -> true)),
                new Op("map.filterNot (fused)", f -> f.map(x -> x).filterNot(x -> false)),
                new Op("filterIsInstance", f -> f.filterIsInstance(Integer.class)),
                new Op("transform", f -> f.<Integer>transform((v, out) -> out.emit(v))),
                new Op("transformWhile", f -> f.<Integer>transformWhile((v, out) -> {
                    out.emit(v);
                    return true;
                })),
                new Op("onEach", f -> f.onEach(v -> { })),
                new Op("onStart", f -> f.onStart(out -> { })),
                new Op("onCompletion", f -> f.onCompletion((cause, out) -> { })),
                new Op("onEmpty", f -> f.onEmpty(out -> out.emit(-1))),
                new Op("withIndex", Flow::withIndex),
                new Op("runningFold", f -> f.runningFold(0, (a, v) -> v)),
                new Op("scan", f -> f.scan(0, (a, v) -> v)),
                new Op("runningReduce", f -> f.runningReduce((a, v) -> v)),
                new Op("chunked", f -> f.chunked(1)),
                new Op("take", f -> f.take(1_000_000)),
                new Op("takeWhile", f -> f.takeWhile(x -> true)),
                new Op("drop", f -> f.drop(0)),
                new Op("dropWhile", f -> f.dropWhile(x -> false)),
                new Op("distinctUntilChanged", Flow::distinctUntilChanged),
                new Op("distinctUntilChanged(eq)", f -> f.distinctUntilChanged((a, b) -> false)),
                new Op("distinctUntilChangedBy", f -> f.distinctUntilChangedBy(x -> x)),
                new Op("flatMapConcat", f -> f.flatMapConcat(Flow::of)),
                new Op("flattenConcat", f -> Flow.flattenConcat(f.map(Flow::of))),
                new Op("catchError(rethrow)", f -> f.catchError((e, out) -> {
                    throw (Exception) e;
                })),
                new Op("retry(0)", f -> f.retry(0)),
                new Op("retryWhen(no)", f -> f.retryWhen((e, attempt) -> false)),
                new Op("cancellable", Flow::cancellable),
                new Op("to", f -> f.to(Function.identity())),
                new Op("timeout", f -> f.timeout(Duration.ofSeconds(30))),
                // the asynchronous boundaries
                new Op("buffer()", Flow::buffer, CHANNEL, true, true),
                new Op("buffer(0)", f -> f.buffer(0), 2, true, true),
                new Op("buffer(2)", f -> f.buffer(2), 4, true, true),
                new Op("buffer(2, DROP_OLDEST)", f -> f.buffer(2, BufferOverflow.DROP_OLDEST), ANY, false, true),
                new Op("buffer(2, DROP_LATEST)", f -> f.buffer(2, BufferOverflow.DROP_LATEST), ANY, false, true),
                new Op("conflate", Flow::conflate, ANY, false, true),
                new Op("flowOn(IO)", f -> f.flowOn(Dispatchers.IO), CHANNEL, true, true),
                new Op("flowOn.buffer.flowOn", f -> f.flowOn(Dispatchers.IO).buffer(3).flowOn(Dispatchers.DEFAULT),
                        5, true, true),
                new Op("channelFlow", f -> Flow.channelFlow(out -> f.collect(out::send)), CHANNEL, true, true),
                new Op("callbackFlow", f -> Flow.callbackFlow(out -> {
                    f.collect(out::send);
                    out.close();
                }), CHANNEL, true, true),
                new Op("merge", f -> Flow.merge(f, Flow.empty()), CHANNEL, true, true),
                new Op("flatMapMerge", f -> f.flatMapMerge(4, Flow::of), ANY, false, true),
                new Op("flatMapMerge(1)", f -> f.flatMapMerge(1, Flow::of)),
                new Op("flattenMerge", f -> Flow.flattenMerge(f.map(Flow::of), 3), ANY, false, true),
                new Op("flatMapLatest", f -> f.flatMapLatest(Flow::of), ANY, false, true),
                new Op("mapLatest", f -> f.mapLatest(x -> x), ANY, false, true),
                new Op("transformLatest", f -> f.<Integer>transformLatest((v, out) -> out.emit(v)), ANY, false, true),
                new Op("zip", f -> f.zip(Flow.range(0, Integer.MAX_VALUE), (a, b) -> a)),
                new Op("zip(buffered other)", f -> f.zip(Flow.range(0, Integer.MAX_VALUE).buffer(8), (a, b) -> a)),
                new Op("zip(as other)", f -> Flow.range(0, Integer.MAX_VALUE).zip(f, (a, b) -> b), CHANNEL, true, true),
                new Op("zip(as lockstep other)", f -> Flow.range(0, Integer.MAX_VALUE).zip(f.buffer(0), (a, b) -> b),
                        2, true, true),
                new Op("combine", f -> f.combine(Flow.of(0), (a, b) -> a), ANY, false, true),
                new Op("combine(list)", f -> Flow.combine(List.of(f, Flow.of(0)), l -> l.get(0)), ANY, false, true),
                new Op("debounce", f -> f.debounce(Duration.ofMillis(1)), ANY, false, false),
                new Op("sample", f -> f.sample(Duration.ofMillis(1)), ANY, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void isColdAndRunsAgainAtEachCollection(Op op) {
        Probe probe = new Probe();
        Flow<?> flow = op.apply.apply(probe.upTo(3));
        assertThat(probe.collections).as("nothing runs before collect").hasValue(0);
        List<?> first = flow.toList();
        List<?> second = flow.toList();
        assertThat(probe.collections).hasValue(2);
        if (op.exact) {
            assertThat(second).isEqualTo(first).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void upstreamFailureReachesTheCollectorUnchanged(Op op) {
        Probe probe = new Probe();
        IOException failure = Probe.io("upstream");
        Flow<?> flow = op.apply.apply(probe.failingAfter(2, failure));
        assertThatThrownBy(() -> flow.collect(v -> { })).isSameAs(failure);
        assertThat(probe.finished).isTrue();
        assertThatThrownBy(flow::toList).isInstanceOf(CompletionException.class).hasCause(failure);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void downstreamFailureStopsTheUpstreamAndIsRethrownUnchanged(Op op) {
        assumeTrue(op.drains, "needs elements to reach the downstream");
        Probe probe = new Probe();
        IllegalStateException boom = new IllegalStateException("downstream");
        Flow<?> flow = op.apply.apply(probe.infinite());
        assertThatThrownBy(() -> flow.collect(v -> {
            throw boom;
        })).isSameAs(boom);
        // runningFold/scan emit their initial value before starting the upstream
        assertThat(probe.collections.get() == 0 || probe.finished.get()).as("upstream ended").isTrue();
        assertThat(probe.emitted.get()).as("elements produced").isLessThanOrEqualTo(sum(1, op.slack));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void downstreamTakeStopsTheUpstreamPromptly(Op op) {
        assumeTrue(op.drains, "needs elements to reach the downstream");
        Probe probe = new Probe();
        List<?> got = op.apply.apply(probe.infinite()).take(3).toList();
        assertThat(got).hasSize(3);
        assertThat(probe.finished).isTrue();
        assertThat(probe.emitted.get()).as("elements produced").isLessThanOrEqualTo(sum(3, op.slack));
    }

    private static int sum(int a, int b) {
        return b == ANY ? ANY : a + b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void cancellingTheCollectingCoroutineStopsTheUpstream(Op op) throws Exception {
        Probe probe = new Probe();
        Flow<?> flow = op.apply.apply(probe.infinite());
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> flow.collect(v -> { }));
            assertThat(probe.firstEmitted.await(10, TimeUnit.SECONDS)).isTrue();
            job.cancel();
            job.join();
            assertThat(job.isCancelled()).isTrue();
        }
        assertThat(probe.finished).isTrue();
    }
}
