package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** merge, flatMapMerge, flattenMerge and the *Latest operators. */
class MergeOpsTest {

    @Test
    void mergeCollectsAllFlowsConcurrently() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Flow<String> a = Flow.flow(out -> {
            bothStarted.countDown();
            bothStarted.await(); // only completes if the two run at the same time
            out.emit("a1");
            out.emit("a2");
        });
        Flow<String> b = Flow.flow(out -> {
            bothStarted.countDown();
            bothStarted.await();
            out.emit("b1");
        });
        assertThat(Flow.merge(a, b).toList()).containsExactlyInAnyOrder("a1", "a2", "b1");
        assertThat(Flow.merge(List.of(a, b, Flow.of("c"))).toList()).hasSize(4);
        assertThat(Flow.merge().toList()).isEmpty();
        assertThatThrownBy(() -> Flow.merge(a, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aFailingMergedFlowCancelsTheOthers() {
        IOException io = new IOException("one");
        AtomicInteger cancelled = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        Flow<Integer> slow = Flow.flow(out -> {
            started.countDown();
            try {
                Coroutines.delay(Duration.ofSeconds(30));
            } catch (CancellationException e) {
                cancelled.incrementAndGet();
                throw e;
            }
        });
        Flow<Integer> failing = Flow.flow(out -> {
            started.await();
            throw io;
        });
        assertThatThrownBy(() -> Flow.merge(slow, failing, slow).collect(v -> { })).isSameAs(io);
        assertThat(cancelled).hasValue(2);
    }

    @Test
    void flatMapMergeRespectsItsConcurrencyBound() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        Flow<Integer> flow = Flow.range(0, 40).flatMapMerge(3, i -> Flow.<Integer>flow(out -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                Coroutines.delay(Duration.ofMillis(2));
                out.emit(i);
            } finally {
                active.decrementAndGet();
            }
        }));
        assertThat(flow.toList()).hasSize(40).containsExactlyInAnyOrderElementsOf(Flow.range(0, 40).toList());
        assertThat(maxActive.get()).isEqualTo(3);
    }

    @Test
    void flatMapMergeInterleavesAndWaitsForAllInnerFlows() {
        List<String> got = Flow.of(1, 2, 3).flatMapMerge(i -> Flow.range(0, 3).map(j -> i + "." + j)).toList();
        assertThat(got).hasSize(9);
        for (int i = 1; i <= 3; i++) {
            String p = i + ".";
            assertThat(got.stream().filter(s -> s.startsWith(p)).toList()).containsExactly(p + 0, p + 1, p + 2);
        }
    }

    @Test
    void flatMapMergeInnerFailureCancelsTheOthersAndTheUpstream() {
        IOException io = new IOException("inner");
        AtomicInteger cancelled = new AtomicInteger();
        AtomicInteger waiting = new AtomicInteger();
        Probe upstream = new Probe();
        CountDownLatch started = new CountDownLatch(3);
        Flow<Integer> flow = upstream.infinite().flatMapMerge(4, i -> i == 3 ? Flow.<Integer>flow(out -> {
                    started.await();
                    throw io;
                })
                : Flow.<Integer>flow(out -> {
                    started.countDown();
                    waiting.incrementAndGet();
                    try {
                        Coroutines.delay(Duration.ofSeconds(30));
                    } catch (CancellationException e) {
                        cancelled.incrementAndGet();
                        throw e;
                    }
                }));
        assertThatThrownBy(() -> flow.collect(v -> { })).isSameAs(io);
        // the failing inner frees its permit as it fails, so the upstream may launch one more
        // inner (element 4) before the failure cancels everything: that one is cancelled too
        assertThat(cancelled.get()).isGreaterThanOrEqualTo(3).isEqualTo(waiting.get());
        assertThat(upstream.finished).isTrue();
    }

    @Test
    void flatMapMergeOfPureInnerFlowsKeepsEveryElementAndEachInnerOrder() {
        List<Integer> got = Flow.range(0, 2_000).flatMapMerge(8, i -> i % 3 == 0 ? Flow.<Integer>empty()
                : i % 3 == 1 ? Flow.of(i * 10, i * 10 + 1) : Flow.range(i * 10, i * 10 + 4)).toList();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            for (int k = 0; k < (i % 3 == 0 ? 0 : i % 3 == 1 ? 2 : 4); k++) {
                expected.add(i * 10 + k);
            }
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
        for (int i = 0; i < got.size() - 1; i++) {
            if (got.get(i) / 10 == got.get(i + 1) / 10) {
                assertThat(got.get(i + 1)).isEqualTo(got.get(i) + 1); // an inner flow's own order
            }
        }
    }

    @Test
    void pureInnerFlowsHoldAPermitWhileTheyAreSentSoTheBoundStaysForTheOthers() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        // odd elements: a pure range, sent while the producer holds a permit; even ones suspend
        Flow<Integer> flow = Flow.range(0, 60).flatMapMerge(3, i -> i % 2 == 1 ? Flow.range(i * 100, i * 100 + 50)
                : Flow.<Integer>flow(out -> {
                    maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                    try {
                        Coroutines.delay(Duration.ofMillis(1));
                        out.emit(i);
                    } finally {
                        active.decrementAndGet();
                    }
                }));
        assertThat(flow.toList()).hasSize(30 * 50 + 30);
        assertThat(maxActive.get()).isBetween(1, 3);
    }

    @Test
    void takeStopsAnEndlessPureInnerFlowOfFlatMapMerge() {
        assertThat(Flow.of(1, 2).flatMapMerge(2, i -> Flow.range(i * 1000, Integer.MAX_VALUE)).take(5).toList())
                .hasSize(5).allMatch(x -> x >= 1000);
    }

    @Test
    void anEndlessPureInnerFlowHoldsUpNeitherTheUpstreamNorTheOtherInnerFlows() throws Exception {
        Integer found = Coroutines.withTimeoutOrNull(Duration.ofSeconds(10), () -> Flow.of(1, 2, 3)
                .flatMapMerge(3, i -> i == 1 ? Flow.range(0, Integer.MAX_VALUE) : Flow.of(-i))
                .first(x -> x < 0));
        assertThat(found).isIn(-2, -3);
    }

    @Test
    void flatMapMergeRejectsZeroConcurrency() {
        assertThatThrownBy(() -> Flow.of(1).flatMapMerge(0, Flow::of))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> Flow.flattenMerge(Flow.of(Flow.of(1)), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flattenMergeFlattens() {
        assertThat(Flow.flattenMerge(Flow.of(Flow.of(1, 2), Flow.of(3)), 2).toList()).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void flatMapLatestCancelsThePreviousInnerFlow() {
        List<String> cancelled = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        Flow<String> flow = Flow.<Integer>flow(out -> {
            out.emit(1);
            firstStarted.await(); // inner 1 is under way
            out.emit(2);
        }).flatMapLatest(i -> Flow.flow(out -> {
            out.emit(i + ":start");
            if (i == 1) {
                firstStarted.countDown();
            }
            try {
                Coroutines.delay(Duration.ofMillis(i == 1 ? 30_000 : 1));
            } catch (CancellationException e) {
                cancelled.add("inner " + i);
                throw e;
            }
            out.emit(i + ":end");
        }));
        assertThat(flow.toList()).containsExactly("1:start", "2:start", "2:end");
        assertThat(cancelled).containsExactly("inner 1");
    }

    @Test
    void mapLatestKeepsOnlyTheMappingsThatFinish() throws Exception {
        CountDownLatch twentySeen = new CountDownLatch(1);
        List<Integer> got = new CopyOnWriteArrayList<>();
        Flow.<Integer>flow(out -> {
            out.emit(1);
            out.emit(2);
            twentySeen.await();
            out.emit(3);
        }).mapLatest(i -> {
            if (i == 1) {
                Coroutines.delay(Duration.ofSeconds(30)); // cancelled by 2
            }
            return i * 10;
        }).collect(v -> {
            got.add(v);
            if (v == 20) {
                twentySeen.countDown();
            }
        });
        assertThat(got).containsExactly(20, 30);
    }

    @Test
    void transformLatestMayEmitSeveralElements() {
        Flow<String> flow = Flow.of("a", "b").transformLatest((v, out) -> {
            out.emit(v);
            out.emit(v.toUpperCase());
        });
        List<String> got = flow.toList();
        assertThat(got).endsWith("b", "B");
    }

    @Test
    void collectLatestCancelsThePreviousAction() {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        Flow.<Integer>flow(out -> {
            out.emit(1);
            firstStarted.await();
            out.emit(2);
        }).collectLatest(v -> {
            log.add("start " + v);
            if (v == 1) {
                firstStarted.countDown();
            }
            try {
                Coroutines.delay(Duration.ofMillis(v == 1 ? 30_000 : 1));
                log.add("done " + v);
            } catch (CancellationException e) {
                log.add("cancelled " + v);
                throw e;
            }
        });
        assertThat(log).containsExactly("start 1", "cancelled 1", "start 2", "done 2");
    }

    @Test
    void collectLatestRethrowsAFailureOfTheAction() {
        IOException io = new IOException("action");
        assertThatThrownBy(() -> Flow.of(1).collectLatest(v -> {
            throw io;
        })).isInstanceOf(java.util.concurrent.CompletionException.class).hasCause(io);
    }

    @Test
    void latestOperatorsStopWithADownstreamTake() {
        Probe probe = new Probe();
        List<Integer> got = new ArrayList<>(probe.infinite().mapLatest(x -> x).take(3).toList());
        assertThat(got).hasSize(3).isSorted();
        assertThat(probe.finished).isTrue();
    }
}
