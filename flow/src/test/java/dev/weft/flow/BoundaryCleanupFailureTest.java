package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.channels.Channel;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A producer whose cleanup fails while a boundary cancels it (the collector stopped early or
 * failed) must not lose that failure: the collection ends as it would without the boundary.
 * Covered for each kind of handoff a boundary uses: the single-producer ring on one dispatcher
 * and across threads, and the general channel (rendezvous, conflated).
 */
class BoundaryCleanupFailureTest {

    /** A boundary to put after the upstream; {@code drops}: it may skip elements. */
    record Boundary(String name, UnaryOperator<Flow<Integer>> op, boolean drops) {
        Flow<Integer> apply(Flow<Integer> f) {
            return op.apply(f);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Boundary> boundaries() {
        return List.of(
                new Boundary("buffer(64)", f -> f.buffer(64), false),
                new Boundary("flowOn(IO)", f -> f.flowOn(Dispatchers.IO), false),
                new Boundary("buffer(0)", f -> f.buffer(Channel.RENDEZVOUS), false),
                new Boundary("conflate()", Flow::conflate, true),
                new Boundary("none", f -> f, false));
    }

    private static final class CleanupFailed extends RuntimeException {
        CleanupFailed() {
            super("cleanup failed");
        }
    }

    /** Emits 0, 1, 2, ... until cancelled, then fails in its cleanup. */
    @SuppressWarnings("finally") // a cleanup that throws is the case under test
    private static Flow<Integer> endlessWithFailingCleanup() {
        return Flow.flow(out -> {
            try {
                for (int i = 0; ; i++) {
                    out.emit(i);
                }
            } finally {
                throw new CleanupFailed();
            }
        });
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void anEarlyStopSurfacesTheProducersCleanupFailure(Boundary boundary) {
        Flow<Integer> flow = boundary.apply(endlessWithFailingCleanup()).take(3);
        for (int i = 0; i < 200; i++) { // the producer may learn of the stop from its job or its channel
            assertThat(catchThrowable(flow::toList)).as("round %d", i).isInstanceOf(CleanupFailed.class);
        }
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void aFailingCollectorKeepsItsFailureAndCarriesTheCleanupFailureAsSuppressed(
            Boundary boundary) {
        IllegalStateException boom = new IllegalStateException("collector failed");
        int[] seen = new int[1];
        Throwable thrown = catchThrowable(() -> boundary.apply(endlessWithFailingCleanup()).collect(x -> {
            if (++seen[0] == 3) {
                throw boom;
            }
        }));
        if (boundary.name().equals("none")) {
            // without a boundary the flow's finally replaces the failure, as Java's finally does
            assertThat(thrown).isInstanceOf(CleanupFailed.class);
        } else {
            assertThat(thrown).isSameAs(boom);
            assertThat(boom.getSuppressed()).hasSize(1).hasOnlyElementsOfType(CleanupFailed.class);
        }
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void aProducerThatRunsOnAfterTheStopAndFailsOnItsOwnDoesNotChangeTheOutcome(Boundary boundary)
            throws Exception {
        // without a boundary the code after emit(0) never runs; with one it may run on (nothing in
        // it looks at cancellation) and fail: that failure is not a cleanup's and is not reported
        Flow<Integer> runsOn = Flow.flow(out -> {
            out.emit(0);
            long until = System.nanoTime() + 20_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            throw new CleanupFailed();
        });
        List<Integer> got = boundary.apply(runsOn).take(1).toList();
        assertThat(got).containsExactly(0);
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void aProducerFailingOnItsOwnWhileTheCollectorStopsNeverChangesTheOutcome(Boundary boundary) throws Exception {
        Flow<Integer> failsAtOnce = Flow.flow(out -> {
            out.emit(0);
            throw new CleanupFailed();
        });
        Flow<Integer> flow = boundary.apply(failsAtOnce).take(1);
        for (int i = 0; i < 300; i++) { // races the producer's failure with the stop's cancellation
            if (boundary.name().equals("none")) {
                assertThat(flow.toList()).containsExactly(0);
            } else {
                assertThat(flow.toList()).hasSize(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void aCollectingCoroutineCancelledFromItsCollectorGetsTheCleanupFailure(Boundary boundary) throws Exception {
        Throwable[] seen = new Throwable[1];
        int[] received = new int[1];
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> {
                try {
                    boundary.apply(endlessWithFailingCleanup()).collect(x -> {
                        if (++received[0] == 5) { // counted: conflate may skip any given value
                            Objects.requireNonNull(Coroutines.currentJob()).cancel();
                        }
                    });
                } catch (Throwable t) {
                    seen[0] = t;
                }
            });
            job.join();
        }
        assertThat(seen[0]).isInstanceOf(CleanupFailed.class);
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void anEarlyStopWithoutACleanupFailureEndsNormally(Boundary boundary) throws Exception {
        Flow<Integer> endless = Flow.flow(out -> {
            for (int i = 0; ; i++) {
                out.emit(i);
            }
        });
        List<Integer> got = boundary.apply(endless).take(3).toList();
        assertThat(got).hasSize(3).isSorted(); // conflate may skip some, nothing else does
        if (!boundary.drops()) {
            assertThat(got).containsExactly(0, 1, 2);
        }
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void aTimeoutInsideTheProducerDoesNotMakeItsLaterOwnFailureACleanups(Boundary boundary) throws Exception {
        // the timeout throws a cancellation into the producer, but from a job nested inside it:
        // the failure that follows is the producer's own, after what the collector took
        Flow<Integer> producer = Flow.flow(out -> {
            out.emit(0);
            out.emit(1);
            Coroutines.withTimeoutOrNull(java.time.Duration.ofMillis(5), () -> {
                Coroutines.delay(java.time.Duration.ofSeconds(5));
                return null;
            });
            throw new CleanupFailed();
        });
        Flow<Integer> flow = boundary.apply(producer).onEach(x -> Thread.sleep(30)).take(1);
        if (boundary.name().equals("none")) {
            assertThat(flow.toList()).containsExactly(0);
        } else {
            assertThat(flow.toList()).hasSize(1);
        }
    }

    @org.junit.jupiter.api.Test
    void aHelperFailureThatCancelsTheProducerBodyIsNotACleanupFailure() throws Exception {
        Flow<Integer> flow = Flow.channelFlow((dev.weft.core.channels.ProducerBlock<Integer>) out -> {
            out.send(1);
            out.send(2);
            out.send(3);
            out.launch(() -> {
                throw new CleanupFailed(); // the helper's own failure: it cancels the body's scope
            });
            Coroutines.delay(java.time.Duration.ofSeconds(5));
        });
        assertThat(flow.onEach(x -> Thread.sleep(50)).take(2).toList()).containsExactly(1, 2);
    }

    @org.junit.jupiter.api.Test
    void zipOfACancelledCollectingCoroutineGetsTheSecondFlowsCleanupFailure() throws Exception {
        Throwable[] seen = new Throwable[1];
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> {
                try {
                    Flow.range(0, Integer.MAX_VALUE).zip(endlessWithFailingCleanup(), Integer::sum).collect(x -> {
                        if (x == 10) {
                            Objects.requireNonNull(Coroutines.currentJob()).cancel();
                        }
                    });
                } catch (Throwable t) {
                    seen[0] = t;
                }
            });
            job.join();
        }
        assertThat(seen[0]).isInstanceOf(CleanupFailed.class);
    }
}
