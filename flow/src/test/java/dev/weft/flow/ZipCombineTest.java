package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ZipCombineTest {

    @Test
    void zipPairsElementsAndEndsWithTheShorterFlow() {
        assertThat(Flow.of(1, 2, 3).zip(Flow.of("a", "b"), (i, s) -> i + s).toList()).containsExactly("1a", "2b");
        Probe longer = new Probe();
        assertThat(Flow.of(1, 2).zip(longer.infinite(), Integer::sum).toList()).containsExactly(1, 3);
        assertThat(longer.finished).as("the other flow is cancelled").isTrue();
        Probe first = new Probe();
        assertThat(first.infinite().zip(Flow.of(10, 20), Integer::sum).toList()).containsExactly(10, 21);
        assertThat(first.finished).isTrue();
        assertThat(first.emitted.get()).as("stops right after the second ended").isLessThanOrEqualTo(3);
    }

    @Test
    void zipRunsTheFirstFlowOnTheCollectingThread() throws Exception {
        Thread[] threads = new Thread[2];
        Flow.<Integer>flow(out -> {
            threads[0] = Thread.currentThread();
            out.emit(1);
        }).zip(Flow.of(2), Integer::sum).collect(v -> threads[1] = Thread.currentThread());
        assertThat(threads[0]).isSameAs(Thread.currentThread()).isSameAs(threads[1]);
    }

    @Test
    void zipFailsWithEitherFlowsFailureRaw() {
        IOException io = new IOException("zip");
        assertThatThrownBy(() -> Flow.of(1, 2).zip(Flow.error(io), Integer::sum).collect(v -> { })).isSameAs(io);
        Probe other = new Probe();
        assertThatThrownBy(() -> Flow.<Integer>error(io).zip(other.infinite(), Integer::sum).collect(v -> { }))
                .isSameAs(io);
        assertThatThrownBy(() -> Flow.of(1).zip(Flow.of(1), (a, b) -> null).toList())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("combiner returned null");
    }

    @Test
    void zipWithABufferedOtherUsesItsBoundary() {
        assertThat(Flow.range(0, 1000).zip(Flow.range(0, 1000).buffer(16), Integer::sum).toList())
                .hasSize(1000).endsWith(1998);
    }

    @Test
    void combineEmitsOnceEveryFlowHasAValueAndEndsWhenAllEnd() throws Exception {
        CountDownLatch oneSent = new CountDownLatch(1);
        CountDownLatch oneASeen = new CountDownLatch(1);
        CountDownLatch twoASeen = new CountDownLatch(1);
        Flow<Integer> numbers = Flow.flow(out -> {
            out.emit(1);
            oneSent.countDown();
            oneASeen.await();
            out.emit(2);
        });
        Flow<String> letters = Flow.flow(out -> {
            oneSent.await();
            out.emit("a");
            twoASeen.await();
            out.emit("b");
        });
        List<String> got = new CopyOnWriteArrayList<>();
        numbers.combine(letters, (n, s) -> n + s).collect(v -> {
            got.add(v);
            if (v.equals("1a")) {
                oneASeen.countDown();
            } else if (v.equals("2a")) {
                twoASeen.countDown();
            }
        });
        assertThat(got).containsExactly("1a", "2a", "2b");
    }

    @Test
    void combineSeesEveryValueOfEachFlowOnceAllStarted() {
        Flow<Integer> a = Flow.range(0, 100);
        List<Integer> got = Flow.combine(Flow.of("x"), a, (x, i) -> i).toList();
        assertThat(got).isNotEmpty();
        // from the first combination on, no value of the fast flow is skipped
        assertThat(got).isEqualTo(Flow.range(got.get(0), 100).toList());
    }

    @Test
    void combineOfThreeFourFiveAndAList() {
        assertThat(Flow.combine(Flow.of(1), Flow.of(2), Flow.of(3), (a, b, c) -> a + b + c).toList()).containsExactly(6);
        assertThat(Flow.combine(Flow.of(1), Flow.of(2), Flow.of(3), Flow.of(4), (a, b, c, d) -> a + b + c + d).toList())
                .containsExactly(10);
        assertThat(Flow.combine(Flow.of(1), Flow.of(2), Flow.of(3), Flow.of(4), Flow.of(5),
                (a, b, c, d, e) -> a + b + c + d + e).toList()).containsExactly(15);
        assertThat(Flow.combine(List.of(Flow.of(1), Flow.of(2), Flow.of(3)), l -> l.toString()).toList())
                .containsExactly("[1, 2, 3]");
        assertThat(Flow.combine(List.<Flow<Integer>>of(), l -> l.size()).toList()).isEmpty();
    }

    @Test
    void combineWithAnEmptyFlowEmitsNothing() {
        assertThat(Flow.of(1, 2).combine(Flow.<Integer>empty(), Integer::sum).toList()).isEmpty();
    }

    @Test
    void aFailureOfOneCombinedFlowCancelsTheOthers() {
        IOException io = new IOException("combined");
        AtomicBoolean cancelled = new AtomicBoolean();
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        Flow<Integer> slow = Flow.flow(out -> {
            out.emit(1);
            try {
                waiting.countDown();
                Coroutines.delay(Duration.ofSeconds(30));
            } catch (CancellationException e) {
                cancelled.set(true);
                throw e;
            }
        });
        // fails only once the slow flow is suspended in its delay, so the cancellation must reach it there
        Flow<Integer> failing = Flow.flow(out -> {
            assertThat(waiting.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            throw io;
        });
        assertThatThrownBy(() -> slow.combine(failing, Integer::sum).collect(v -> { })).isSameAs(io);
        assertThat(cancelled).isTrue();
    }

    @Test
    void aDownstreamTakeStopsAllCombinedFlows() {
        Probe a = new Probe();
        Probe b = new Probe();
        assertThat(a.infinite().combine(b.infinite(), Integer::sum).take(5).toList()).hasSize(5);
        assertThat(a.finished).isTrue();
        assertThat(b.finished).isTrue();
    }

    private static <T> Flow<T> hidden(Flow<T> flow) {
        return flow::collect; // a plain Flow: zip runs it in a producer coroutine
    }

    @Test
    void zipPullingAPureSecondFlowGivesWhatTheCoroutineZipGives() throws Exception {
        int[] lengths = {0, 1, 5, 3000};
        for (int a : lengths) {
            for (int b : lengths) {
                Flow<Integer> first = Flow.range(0, a).map(x -> x * 7);
                assertThat(first.zip(Flow.range(100, 100 + b), Integer::sum).toList()).as("%d x %d", a, b)
                        .isEqualTo(first.zip(hidden(Flow.range(100, 100 + b)), Integer::sum).toList());
            }
        }
        assertThat(Flow.of(1, 2, 3).zip(Flow.of("a", "b"), (i, s) -> i + s).toList()).containsExactly("1a", "2b");
        assertThat(Flow.of(1, 2).zip(Flow.of(5), Integer::sum).toList()).containsExactly(6);
        assertThat(Flow.of(1, 2).zip(Flow.<Integer>empty(), Integer::sum).toList()).isEmpty();
    }

    @Test
    void aPureSecondFlowThatEndsFirstStopsTheFirstFlowAndRunsItsCleanup() throws Exception {
        AtomicBoolean cleanedUp = new AtomicBoolean();
        Flow<Integer> endless = Flow.flow(out -> {
            try {
                for (int i = 0; ; i++) {
                    out.emit(i);
                }
            } finally {
                cleanedUp.set(true);
            }
        });
        assertThat(endless.zip(Flow.of(10, 20, 30), Integer::sum).toList()).containsExactly(10, 21, 32);
        assertThat(cleanedUp).isTrue();
    }

    private static final class CleanupFailed extends RuntimeException {
        CleanupFailed() {
            super("cleanup failed");
        }
    }

    @Test
    @SuppressWarnings("finally") // a cleanup that throws is the case under test
    void theSecondFlowsCleanupFailureAfterTheZipEndedIsNotLost() {
        Flow<Integer> second = Flow.flow(out -> {
            try {
                for (int i = 0; ; i++) {
                    out.emit(i);
                }
            } finally {
                throw new CleanupFailed();
            }
        });
        assertThatThrownBy(() -> Flow.of(1, 2).zip(second, Integer::sum).toList()).isInstanceOf(CleanupFailed.class);
        IllegalStateException boom = new IllegalStateException("collector");
        assertThatThrownBy(() -> Flow.of(1, 2).zip(second, Integer::sum).collect(v -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(boom.getSuppressed()).hasSize(1).hasOnlyElementsOfType(CleanupFailed.class);
    }
}
