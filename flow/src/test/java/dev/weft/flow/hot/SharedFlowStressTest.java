package dev.weft.flow.hot;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.flow.MutableSharedFlow;
import dev.weft.flow.internal.SharedFlowImpl;
import dev.weft.flow.internal.SharedFlowState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static dev.weft.flow.hot.Hot.await;
import static dev.weft.flow.hot.Hot.take;
import static org.assertj.core.api.Assertions.assertThat;

/** Bounded concurrency stress: counts and invariants, never timings. */
class SharedFlowStressTest {
    private static final int SEQ = 1_000_000;

    /** Checks that the elements of each emitter ({@code value / SEQ}) come in increasing order. */
    private static void assertIncreasingPerEmitter(List<Integer> got, int emitters, boolean contiguous) {
        int[] next = new int[emitters];
        java.util.Arrays.fill(next, -1);
        for (int v : got) {
            int e = v / SEQ;
            int seq = v % SEQ;
            if (contiguous && next[e] >= 0) {
                assertThat(seq).as("emitter %d: element after %d", e, next[e] - 1).isEqualTo(next[e]);
            } else {
                assertThat(seq).as("emitter %d goes forward", e).isGreaterThanOrEqualTo(next[e]);
            }
            next[e] = seq + 1;
        }
    }

    @ParameterizedTest(name = "replay={0}, extra={1}")
    @CsvSource({"0, 0", "0, 1", "2, 3", "0, 64"})
    void suspendDeliversEverythingInOrderToEverySubscriber(int replay, int extra) throws Exception {
        MutableSharedFlow<Integer> flow = MutableSharedFlow.create(replay, extra, BufferOverflow.SUSPEND);
        int emitters = 2;
        int perEmitter = 3_000;
        int subscribers = 3;
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<Deferred<List<Integer>>> subs = new ArrayList<>();
            for (int s = 0; s < subscribers; s++) {
                subs.add(scope.async(() -> take(flow, emitters * perEmitter)));
            }
            await("subscribed", () -> flow.subscriptionCount().value() == subscribers);
            for (int e = 0; e < emitters; e++) {
                int id = e;
                scope.launch(() -> {
                    for (int i = 0; i < perEmitter; i++) {
                        flow.emit(id * SEQ + i);
                    }
                });
            }
            for (Deferred<List<Integer>> d : subs) {
                List<Integer> got = d.await();
                assertThat(got).hasSize(emitters * perEmitter).doesNotHaveDuplicates();
                assertIncreasingPerEmitter(got, emitters, true);
            }
        }
    }

    @Test
    void dropOldestKeepsOrderAndAlwaysDeliversTheLastElement() throws Exception {
        MutableSharedFlow<Integer> flow = MutableSharedFlow.create(0, 4, BufferOverflow.DROP_OLDEST);
        int emitters = 2;
        int perEmitter = 5_000;
        int last = 9 * SEQ;
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<Deferred<List<Integer>>> subs = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                boolean slow = s == 0;
                subs.add(scope.async(() -> {
                    List<Integer> got = new ArrayList<>();
                    take(c -> flow.collect(v -> {
                        got.add(v);
                        if (slow && got.size() % 100 == 0) {
                            Coroutines.yieldNow();
                        }
                        if (v == last) {
                            c.emit(v);
                        }
                    }), 1);
                    return got;
                }));
            }
            await("subscribed", () -> flow.subscriptionCount().value() == 3);
            List<Job> jobs = new ArrayList<>();
            for (int e = 0; e < emitters; e++) {
                int id = e;
                jobs.add(scope.launch(() -> {
                    for (int i = 0; i < perEmitter; i++) {
                        flow.emit(id * SEQ + i);
                    }
                }));
            }
            for (Job j : jobs) {
                j.join();
            }
            flow.emit(last);
            for (Deferred<List<Integer>> d : subs) {
                List<Integer> got = d.await();
                assertThat(got).endsWith(last).doesNotHaveDuplicates();
                assertIncreasingPerEmitter(got.subList(0, got.size() - 1), emitters, false);
            }
        }
    }

    @Test
    void subscribersComingAndGoingSeeGaplessRunsAndTheEmitterNeverHangs() throws Exception {
        SharedFlowImpl<Integer> flow = (SharedFlowImpl<Integer>) MutableSharedFlow.<Integer>create(0, 2,
                BufferOverflow.SUSPEND);
        int total = 20_000;
        AtomicBoolean done = new AtomicBoolean();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<Deferred<List<List<Integer>>>> churners = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                churners.add(scope.async(() -> {
                    List<List<Integer>> runs = new ArrayList<>();
                    while (!done.get()) {
                        int n = 1 + ThreadLocalRandom.current().nextInt(50);
                        // wait at most a little for n elements, then leave (by timeout if need be)
                        List<Integer> run = new ArrayList<>();
                        Coroutines.withTimeoutOrNull(java.time.Duration.ofMillis(5), () -> {
                            take(c -> flow.collect(v -> {
                                run.add(v);
                                c.emit(v);
                            }), n);
                            return null;
                        });
                        runs.add(run);
                    }
                    return runs;
                }));
            }
            Job emitter = scope.launch(() -> {
                for (int i = 0; i < total; i++) {
                    flow.emit(i);
                }
            });
            emitter.join();
            done.set(true);
            int runs = 0;
            for (Deferred<List<List<Integer>>> d : churners) {
                for (List<Integer> run : d.await()) {
                    for (int k = 1; k < run.size(); k++) {
                        assertThat(run.get(k)).as("no gap within one subscription").isEqualTo(run.get(k - 1) + 1);
                    }
                    runs++;
                }
            }
            assertThat(runs).isGreaterThan(3);
            await("all unsubscribed", () -> flow.subscriptionCount().value() == 0);
            assertThat(SharedFlowState.suspendedEmitters(flow)).isZero();
        }
    }

    @Test
    void cancelledEmittersNeverDeliverTwiceNorBlockOthers() throws Exception {
        int cancelledMidway = 0;
        for (int round = 0; round < 10; round++) {
            int capacity = round % 2 == 0 ? 0 : 3;
            SharedFlowImpl<Integer> flow = (SharedFlowImpl<Integer>) MutableSharedFlow.<Integer>create(0, capacity,
                    BufferOverflow.SUSPEND);
            int emitters = 4;
            int perEmitter = 1_000;
            int sentinel = 9 * SEQ;
            try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
                List<Deferred<List<Integer>>> subs = new ArrayList<>();
                for (int s = 0; s < 2; s++) {
                    subs.add(scope.async(() -> {
                        List<Integer> got = new ArrayList<>();
                        take(c -> flow.collect(v -> {
                            got.add(v);
                            Coroutines.yieldNow(); // slow enough for emitters to suspend
                            if (v == sentinel) {
                                c.emit(v);
                            }
                        }), 1);
                        return got;
                    }));
                }
                await("subscribed", () -> flow.subscriptionCount().value() == 2);
                AtomicIntegerArray progress = new AtomicIntegerArray(emitters);
                // emitters 0 and 2 get cancelled part-way, at random points, by another coroutine
                int[] cancelAt = {ThreadLocalRandom.current().nextInt(1, perEmitter / 2), -1,
                    ThreadLocalRandom.current().nextInt(1, perEmitter / 2), -1};
                List<CountDownLatch> reached = List.of(new CountDownLatch(1), new CountDownLatch(1),
                        new CountDownLatch(1), new CountDownLatch(1));
                List<Job> jobs = new ArrayList<>();
                for (int e = 0; e < emitters; e++) {
                    int id = e;
                    jobs.add(scope.launch(() -> {
                        for (int i = 0; i < perEmitter; i++) {
                            if (i == cancelAt[id]) {
                                reached.get(id).countDown();
                            }
                            flow.emit(id * SEQ + i);
                            progress.incrementAndGet(id);
                        }
                    }));
                }
                for (int victim : new int[] {0, 2}) {
                    scope.launch(() -> {
                        reached.get(victim).await();
                        jobs.get(victim).cancel();
                    });
                }
                for (Job j : jobs) {
                    j.join();
                }
                for (int victim : new int[] {0, 2}) {
                    if (jobs.get(victim).isCancelled()) {
                        cancelledMidway++;
                        assertThat(progress.get(victim)).isLessThan(perEmitter);
                    }
                }
                assertThat(SharedFlowState.suspendedEmitters(flow)).isZero();
                flow.emit(sentinel);
                for (Deferred<List<Integer>> d : subs) {
                    List<Integer> got = d.await();
                    assertThat(got).doesNotHaveDuplicates().endsWith(sentinel);
                    assertIncreasingPerEmitter(got.subList(0, got.size() - 1), emitters, false);
                    // the emitters that were not cancelled delivered everything
                    assertThat(got.stream().filter(v -> v / SEQ == 1).count()).isEqualTo(perEmitter);
                    assertThat(got.stream().filter(v -> v / SEQ == 3).count()).isEqualTo(perEmitter);
                }
            }
        }
        assertThat(cancelledMidway).as("emitters cancelled before they finished").isPositive();
    }
}
