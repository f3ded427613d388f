package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Flow.range}'s own loop: the {@code map}/{@code filter} stage that follows a range runs
 * inside it (no wrapping collector), and it checks for cancellation once per chunk of 1024
 * elements. These tests pin that the fused stages behave exactly as the wrapping operators do
 * (compared with the same chain over a source that is not fused), and that a long range stops
 * promptly when its collecting coroutine is cancelled.
 */
class RangeLoopTest {
    private static final int CHUNK = 1024;

    /** A stage as the user writes it; each counts its function calls in {@code calls}. */
    record Stage(String name, Function<Flow<Integer>, Flow<Integer>> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Stage> stages() {
        return Stream.of(
                new Stage("none", f -> f),
                new Stage("map", f -> f.map(x -> x * 3)),
                new Stage("filter", f -> f.filter(x -> x % 3 == 0)),
                new Stage("filterNot", f -> f.filterNot(x -> x % 3 == 0)),
                new Stage("map.filter", f -> f.map(x -> x * 2 + 1).filter(x -> x % 3 == 0)),
                new Stage("map.filterNot", f -> f.map(x -> x * 2 + 1).filterNot(x -> x % 3 == 0)),
                new Stage("map.map.filter", f -> f.map(x -> x + 1).map(x -> x * 5).filter(x -> x % 2 == 0)));
    }

    /** The same integers from a source that no operator fuses with. */
    private static Flow<Integer> unfused(int start, int end) {
        List<Integer> values = new ArrayList<>();
        for (long i = start; i < end; i++) {
            values.add((int) i);
        }
        return Flow.fromIterable(values);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void aFusedStageEmitsWhatTheWrappingOperatorsEmit(Stage stage) {
        int[][] ranges = {{0, 0}, {5, 5}, {0, 1}, {-7, 9}, {0, 3 * CHUNK + 5},
            {Integer.MAX_VALUE - 4, Integer.MAX_VALUE}, {Integer.MIN_VALUE, Integer.MIN_VALUE + 4}};
        for (int[] r : ranges) {
            List<Integer> expected = stage.apply.apply(unfused(r[0], r[1])).toList();
            assertThat(stage.apply.apply(Flow.range(r[0], r[1])).toList()).as("range(%d, %d)", r[0], r[1])
                    .isEqualTo(expected);
            assertThat(stage.apply.apply(Flow.range(r[0], r[1])).fold(0L, (a, x) -> a + x))
                    .isEqualTo(expected.stream().mapToLong(Integer::longValue).sum());
        }
        assertThat(stage.apply.apply(Flow.range(-7, 9)).toList()).isNotEmpty();
    }

    @Test
    void theFunctionsAreCalledOncePerElementInOrder() {
        List<String> calls = new ArrayList<>();
        List<Integer> out = Flow.range(0, 4).map(x -> {
            calls.add("map " + x);
            return x * 10;
        }).filter(x -> {
            calls.add("test " + x);
            return x != 20;
        }).toList();
        assertThat(out).containsExactly(0, 10, 30);
        assertThat(calls).containsExactly("map 0", "test 0", "map 1", "test 10", "map 2", "test 20", "map 3",
                "test 30");
    }

    @Test
    void aNullMapperResultFailsAtItsElementAfterTheEarlierOnesWereEmitted() {
        List<Function<Flow<Integer>, Flow<Integer>>> chains = List.of(
                f -> f.map(x -> x == 3 ? null : x),
                f -> f.map(x -> x == 3 ? null : x).filter(x -> true),
                f -> f.map(x -> x == 3 ? null : x).filterNot(x -> false));
        for (Function<Flow<Integer>, Flow<Integer>> chain : chains) {
            List<Integer> got = new ArrayList<>();
            assertThatThrownBy(() -> chain.apply(Flow.range(0, 10)).collect(got::add))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("mapper returned null");
            assertThat(got).containsExactly(0, 1, 2);
        }
    }

    @Test
    void aFailingMapperStopsTheLoopWithItsOwnException() {
        IOException io = new IOException("mapper");
        AtomicInteger calls = new AtomicInteger();
        Flow<Integer> flow = Flow.range(0, Integer.MAX_VALUE).map(x -> {
            calls.incrementAndGet();
            if (x == 2) {
                throw io;
            }
            return x;
        });
        assertThatThrownBy(() -> flow.collect(v -> { })).isSameAs(io);
        assertThat(calls).hasValue(3);
        assertThatThrownBy(() -> flow.filter(x -> true).toList()).isInstanceOf(CompletionException.class)
                .hasCause(io);
        assertThat(calls).hasValue(6);
    }

    @Test
    void aFailingPredicateStopsTheLoopWithItsOwnException() {
        IllegalArgumentException boom = new IllegalArgumentException("predicate");
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Flow.range(0, Integer.MAX_VALUE).filterNot(x -> {
            calls.incrementAndGet();
            if (x == 4) {
                throw boom;
            }
            return false;
        }).count()).isSameAs(boom);
        assertThat(calls).hasValue(5);
        assertThatThrownBy(() -> Flow.range(0, Integer.MAX_VALUE).map(x -> x).filter(x -> {
            calls.incrementAndGet();
            throw boom;
        }).count()).isSameAs(boom);
        assertThat(calls).hasValue(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void aFailingCollectorStopsTheLoopAndIsRethrownUnchanged(Stage stage) {
        IllegalStateException boom = new IllegalStateException("downstream");
        AtomicInteger produced = new AtomicInteger();
        Flow<Integer> counted = Flow.range(0, Integer.MAX_VALUE).map(x -> {
            produced.incrementAndGet();
            return x;
        });
        assertThatThrownBy(() -> stage.apply.apply(counted).collect(v -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(produced.get()).as("elements produced").isLessThanOrEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void takeAndFirstStopTheLoopAtOnce(Stage stage) {
        AtomicInteger produced = new AtomicInteger();
        Flow<Integer> counted = Flow.range(0, Integer.MAX_VALUE).map(x -> {
            produced.incrementAndGet();
            return x;
        });
        assertThat(stage.apply.apply(counted).take(2).toList()).hasSize(2);
        assertThat(produced.get()).as("elements produced for take(2)").isLessThanOrEqualTo(6);
        produced.set(0);
        assertThat(stage.apply.apply(counted).first()).isNotNull();
        assertThat(produced.get()).as("elements produced for first()").isLessThanOrEqualTo(3);

        AtomicInteger tested = new AtomicInteger();
        assertThat(stage.apply.apply(Flow.range(0, Integer.MAX_VALUE)).filter(x -> tested.incrementAndGet() > 0)
                .first()).isNotNull();
        assertThat(tested).hasValue(1);
    }

    /**
     * The collector cancels its own coroutine at the 5000th element; the range must end within one
     * chunk after that, even where the stage drops every element (nothing reaches a collector).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void aLongRangeStopsWithinAChunkOnceTheCollectingCoroutineIsCancelled(Stage stage) throws Exception {
        AtomicLong seen = new AtomicLong();
        AtomicLong cancelledAt = new AtomicLong(-1);
        Flow<Integer> source = Flow.range(0, Integer.MAX_VALUE).map(x -> {
            if (seen.incrementAndGet() == 5000) {
                cancelledAt.set(seen.get());
                Objects.requireNonNull(Coroutines.currentJob()).cancel();
            }
            return x;
        });
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> stage.apply.apply(source).filter(x -> x < 0).collect(v -> { }));
            job.join();
            assertThat(job.isCancelled()).isTrue();
        }
        assertThat(cancelledAt).hasValue(5000);
        assertThat(seen.get()).as("elements after the cancellation").isLessThanOrEqualTo(5000 + CHUNK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void aPlainRangeStopsWithinAChunkOnceTheCollectingCoroutineIsCancelled(Stage stage) throws Exception {
        AtomicLong seen = new AtomicLong();
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> stage.apply.apply(Flow.range(0, Integer.MAX_VALUE)).collect(v -> {
                if (seen.incrementAndGet() == 3000) {
                    Objects.requireNonNull(Coroutines.currentJob()).cancel();
                }
            }));
            job.join();
            assertThat(job.isCancelled()).isTrue();
        }
        // every stage lets at least one element in three through: 3000 collected elements took at
        // most ~9000 range elements, and the range stops within one chunk of the cancellation
        assertThat(seen.get()).isBetween(3000L, 3000L + CHUNK);
    }

    @Test
    void cancellableBeforeTheStageStillChecksAtEachElement() throws Exception {
        AtomicLong mapped = new AtomicLong();
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> Flow.range(0, Integer.MAX_VALUE).cancellable().map(x -> {
                if (mapped.incrementAndGet() == 10) {
                    Objects.requireNonNull(Coroutines.currentJob()).cancel();
                }
                return x;
            }).filter(x -> true).collect(v -> { }));
            job.join();
            assertThat(job.isCancelled()).isTrue();
        }
        assertThat(mapped).hasValue(10);
    }

    @Test
    void aRangeNoLongerThanAChunkNeverChecksAndNonCancellableStillRunsLongOnes() throws Exception {
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            AtomicLong shortCount = new AtomicLong(-1);
            AtomicLong cleanupCount = new AtomicLong(-1);
            AtomicInteger longFailed = new AtomicInteger();
            Job job = scope.launch(() -> {
                Objects.requireNonNull(Coroutines.currentJob()).cancel();
                shortCount.set(Flow.range(0, CHUNK).map(x -> x).count());
                try {
                    Flow.range(0, CHUNK + 1).map(x -> x).count();
                } catch (CancellationException expected) {
                    longFailed.incrementAndGet();
                }
                cleanupCount.set(Coroutines.nonCancellable(() -> Flow.range(0, 10 * CHUNK).filter(x -> true).count()));
            });
            job.join();
            assertThat(job.isCancelled()).isTrue();
            assertThat(shortCount).hasValue(CHUNK);
            assertThat(longFailed).hasValue(1);
            assertThat(cleanupCount).hasValue(10 * CHUNK);
        }
    }

    @Test
    void anInterruptedPlatformThreadStopsALongRange() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Flow.range(0, Integer.MAX_VALUE).map(x -> x).filter(x -> true).count())
                    .isInstanceOf(CancellationException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
