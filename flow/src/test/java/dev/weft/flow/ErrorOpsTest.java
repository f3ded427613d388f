package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ErrorOpsTest {

    @Test
    void catchErrorHandsTheUpstreamFailureToTheHandlerWhichMayEmit() {
        IOException io = new IOException("up");
        List<Throwable> seen = new ArrayList<>();
        Flow<Integer> flow = new Probe().failingAfter(2, io).catchError((e, out) -> {
            seen.add(e);
            out.emit(-1);
        });
        assertThat(flow.toList()).containsExactly(0, 1, -1);
        assertThat(seen).containsExactly(io);
    }

    @Test
    void catchErrorCanRethrowOrReplaceTheFailure() {
        IOException io = new IOException("up");
        Flow<Integer> failing = Flow.error(io);
        assertThatThrownBy(() -> failing.catchError((e, out) -> {
            throw new IllegalStateException("wrapped", e);
        }).collect(v -> { })).isInstanceOf(IllegalStateException.class).hasCause(io);
    }

    @Test
    void catchErrorNeverSeesADownstreamFailure() {
        IllegalStateException boom = new IllegalStateException("down");
        AtomicInteger handled = new AtomicInteger();
        Flow<Integer> flow = Flow.of(1, 2).catchError((e, out) -> handled.incrementAndGet());
        assertThatThrownBy(() -> flow.collect(v -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(handled).hasValue(0);
        // also when the failure comes from a later operator
        assertThatThrownBy(() -> flow.map(v -> {
            throw boom;
        }).toList()).isSameAs(boom);
        assertThat(handled).hasValue(0);
    }

    @Test
    void catchErrorDoesNotSeeADownstreamFailureWrappedByAScopeUpstream() {
        IOException down = new IOException("down");
        AtomicInteger handled = new AtomicInteger();
        Flow<Integer> flow = Flow.<Integer>flow(out -> dev.weft.core.Coroutines.coroutineScope(scope -> {
            out.emit(1); // the scope wraps the checked downstream failure in a CompletionException
            return null;
        })).catchError((e, out) -> handled.incrementAndGet());
        assertThatThrownBy(() -> flow.collect(v -> {
            throw down;
        })).hasCause(down);
        assertThat(handled).hasValue(0);
    }

    @Test
    void catchErrorDoesNotHandleCancellationOfTheCollector() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        Probe probe = new Probe();
        Flow<Integer> flow = probe.infinite().catchError((e, out) -> handled.incrementAndGet());
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> flow.collect(v -> { }));
            probe.firstEmitted.await();
            job.cancel();
            job.join();
            assertThat(job.isCancelled()).isTrue();
        }
        assertThat(handled).hasValue(0);
    }

    @Test
    void catchErrorHandlesAForeignCancellationExceptionOfTheUpstream() {
        CancellationException foreign = new CancellationException("a cancelled future, not us");
        List<Throwable> seen = new ArrayList<>();
        assertThat(Flow.<Integer>error(foreign).catchError((e, out) -> seen.add(e)).toList()).isEmpty();
        assertThat(seen).containsExactly(foreign);
    }

    @Test
    void emittingFromTheHandlerIntoAFailingDownstreamPropagatesThatFailure() {
        IllegalStateException boom = new IllegalStateException("down");
        Flow<Integer> flow = Flow.<Integer>error(new IOException("up")).catchError((e, out) -> out.emit(1));
        assertThatThrownBy(() -> flow.collect(v -> {
            throw boom;
        })).isSameAs(boom);
    }

    @Test
    @SuppressWarnings("finally") // the throwing finally is the point of the test
    void upstreamFailingAnewWhileUnwindingKeepsTheDownstreamFailurePrimary() {
        IllegalStateException boom = new IllegalStateException("down");
        IOException cleanup = new IOException("cleanup");
        Flow<Integer> flow = Flow.<Integer>flow(out -> {
            try {
                out.emit(1);
            } finally {
                throw cleanup;
            }
        }).catchError((e, out) -> out.emit(-1));
        assertThatThrownBy(() -> flow.collect(v -> {
            throw boom;
        })).isSameAs(boom).hasSuppressedException(cleanup);
    }

    @Test
    void retryCollectsAgainUpToTheLimit() {
        AtomicInteger attempts = new AtomicInteger();
        Flow<Integer> flaky = Flow.flow(out -> {
            int a = attempts.incrementAndGet();
            out.emit(a);
            if (a < 3) {
                throw new IOException("attempt " + a);
            }
        });
        assertThat(flaky.retry(5).toList()).containsExactly(1, 2, 3);
        attempts.set(0);
        assertThatThrownBy(() -> flaky.retry(1).collect(v -> { }))
                .isInstanceOf(IOException.class).hasMessage("attempt 2");
        assertThatThrownBy(() -> Flow.of(1).retry(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryConsultsThePredicate() {
        AtomicInteger attempts = new AtomicInteger();
        Flow<Integer> flaky = Flow.flow(out -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("fatal");
        });
        assertThatThrownBy(() -> flaky.retry(10, e -> e instanceof IOException).collect(v -> { }))
                .hasMessage("fatal");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void retryWhenGetsTheAttemptNumberAndMayFailInstead() {
        List<Long> attempts = new ArrayList<>();
        IOException io = new IOException("up");
        Flow<Integer> flow = Flow.<Integer>error(io).retryWhen((e, attempt) -> {
            attempts.add(attempt);
            return attempt < 2;
        });
        assertThatThrownBy(() -> flow.collect(v -> { })).isSameAs(io);
        assertThat(attempts).containsExactly(0L, 1L, 2L);

        IllegalStateException fromPredicate = new IllegalStateException("give up");
        assertThatThrownBy(() -> Flow.<Integer>error(io).retryWhen((e, a) -> {
            throw fromPredicate;
        }).collect(v -> { })).isSameAs(fromPredicate).hasSuppressedException(io);
    }

    @Test
    void retryNeverRetriesADownstreamFailure() {
        Probe probe = new Probe();
        IllegalStateException boom = new IllegalStateException("down");
        assertThatThrownBy(() -> probe.upTo(3).retry(5).collect(v -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(probe.collections).hasValue(1);
    }

    @Test
    void retryDoesNotRetryAnEarlyStop() {
        Probe probe = new Probe();
        assertThat(probe.infinite().retry(3).take(2).toList()).containsExactly(0, 1);
        assertThat(probe.collections).hasValue(1);
    }
    @SuppressWarnings("finally") // the throwing finally is the point of the helper
    private static Flow<Integer> endlessWithFailingCleanup(AtomicInteger collections) {
        return Flow.flow(out -> {
            collections.incrementAndGet();
            try {
                for (int i = 0; ; i++) {
                    out.emit(i);
                }
            } finally {
                throw new IllegalStateException("cleanup failed");
            }
        });
    }

    @Test
    void anUpstreamCleanupFailureAfterAnEarlyStopSurfacesThroughRetryAndCatchErrorUnhandled() {
        AtomicInteger collections = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        Flow<Integer> up = endlessWithFailingCleanup(collections);
        List<Flow<Integer>> chains = List.of(
                up.take(3), // the reference: what the operators in between must not change
                up.retry(2).take(3),
                up.catchError((e, out) -> handled.incrementAndGet()).take(3),
                up.catchError((e, out) -> handled.incrementAndGet()).map(v -> v).take(3),
                up.retry(2).catchError((e, out) -> handled.incrementAndGet()).take(3));
        for (Flow<Integer> chain : chains) {
            collections.set(0);
            assertThatThrownBy(chain::toList).isInstanceOf(IllegalStateException.class).hasMessage("cleanup failed");
            assertThat(collections).as("an early stop is not retried").hasValue(1);
        }
        assertThat(handled).as("the downstream had stopped: no handler runs").hasValue(0);
        // Behind a boundary the producer learns of the stop from its channel (a cancellation thrown
        // from emit: as above) or as the cancellation of its coroutine, which retry, like kotlinx's,
        // does not tell from an upstream failure: it may collect again, but loses nothing.
        Flow<Integer> boundary = up.retry(2).buffer(4).take(3);
        for (int round = 0; round < 50; round++) {
            assertThatThrownBy(boundary::toList).as("round %d", round)
                    .isInstanceOf(IllegalStateException.class).hasMessage("cleanup failed");
        }
    }

    @Test
    @SuppressWarnings("finally") // the throwing finally is the point of the test
    void anUpstreamCleanupFailureAfterADownstreamCancellationReplacesItAsWithoutTheOperator() {
        CancellationException stop = new CancellationException("downstream stopped");
        AtomicInteger handled = new AtomicInteger();
        Flow<Integer> up = Flow.flow(out -> {
            try {
                out.emit(1);
            } finally {
                throw new IllegalStateException("cleanup failed");
            }
        });
        for (Flow<Integer> f : List.of(up, up.retry(2), up.catchError((e, out) -> handled.incrementAndGet()))) {
            assertThatThrownBy(() -> f.collect(v -> {
                throw stop;
            })).isInstanceOf(IllegalStateException.class).hasMessage("cleanup failed");
        }
        assertThat(handled).hasValue(0);
    }
}
