package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.weft.core.Dispatchers;
import dev.weft.core.channels.Channel;
import java.util.List;
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
        assertThat(catchThrowable(flow::toList)).isInstanceOf(CleanupFailed.class);
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
        if (thrown == boom) {
            assertThat(boom.getSuppressed()).hasSize(1).hasOnlyElementsOfType(CleanupFailed.class);
        } else {
            // without a boundary the flow's finally replaces the failure, as Java's finally does
            assertThat(thrown).isInstanceOf(CleanupFailed.class);
        }
    }

    @ParameterizedTest
    @MethodSource("boundaries")
    void aFailureAheadOfWhatTheCollectorTookIsNotAnEarlyStopsOutcome(Boundary boundary)
            throws Exception {
        // the producer may run ahead and fail before the collector stops; without a boundary it
        // would never have got there, so the collection keeps its result
        java.util.concurrent.CountDownLatch threw = new java.util.concurrent.CountDownLatch(1);
        Flow<Integer> failsAfterTwo = Flow.flow(out -> {
            out.emit(0);
            out.emit(1);
            threw.countDown();
            throw new CleanupFailed();
        });
        List<Integer> got = boundary.apply(failsAfterTwo).take(1).onEach(x -> {
            // stop only once the producer has failed on its own, where it can run that far ahead
            // (not through a rendezvous, nor without a boundary, where it is this very call stack)
            if (!boundary.name().equals("none") && !boundary.name().equals("buffer(0)")) {
                assertThat(threw.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                Thread.sleep(20); // the producer's last microseconds: recording its failure
            }
        }).toList();
        assertThat(got).hasSize(1);
        if (!boundary.drops()) {
            assertThat(got).containsExactly(0);
        }
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
}
