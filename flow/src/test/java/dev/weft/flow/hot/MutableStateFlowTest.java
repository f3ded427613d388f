package dev.weft.flow.hot;

import static dev.weft.flow.hot.Hot.await;
import static dev.weft.flow.hot.Hot.awaitEquals;
import static dev.weft.flow.hot.Hot.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.flow.MutableSharedFlow;
import dev.weft.flow.MutableStateFlow;
import dev.weft.flow.StateFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MutableStateFlowTest {

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> MutableStateFlow.create(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("initial");
        MutableStateFlow<String> s = MutableStateFlow.create("a");
        assertThatThrownBy(() -> s.setValue(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> s.emit(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> s.tryEmit(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> s.compareAndSet(null, "b")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("expect");
        assertThatThrownBy(() -> s.compareAndSet("a", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("update");
        assertThatThrownBy(() -> s.update(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("function");
        assertThatThrownBy(() -> s.update(v -> null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("returned null");
        assertThatThrownBy(() -> s.getAndUpdate(v -> null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> s.updateAndGet(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> s.collect(null)).isInstanceOf(NullPointerException.class);
        assertThat(s.value()).isEqualTo("a");
    }

    @Test
    void valueAndUpdates() {
        MutableStateFlow<Integer> s = MutableStateFlow.create(1);
        assertThat(s.value()).isEqualTo(1);
        assertThat(s.replayCache()).containsExactly(1);
        s.setValue(2);
        assertThat(s.compareAndSet(1, 5)).isFalse();
        assertThat(s.value()).isEqualTo(2);
        assertThat(s.compareAndSet(2, 3)).isTrue();
        assertThat(s.compareAndSet(3, 3)).as("equal to both: succeeds without change").isTrue();
        assertThat(s.updateAndGet(v -> v * 10)).isEqualTo(30);
        assertThat(s.getAndUpdate(v -> v + 1)).isEqualTo(30);
        s.update(v -> v - 1);
        assertThat(s.value()).isEqualTo(30);
        assertThat(s.tryEmit(4)).isTrue();
        s.emit(5);
        assertThat(s.value()).isEqualTo(5);
        assertThatThrownBy(s::resetReplayCache).isInstanceOf(UnsupportedOperationException.class);
        assertThat(s).isInstanceOf(MutableSharedFlow.class);
    }

    @Test
    void equalityIsByEqualsAndAnEqualValueKeepsTheCurrentObject() {
        String original = new String("same");
        MutableStateFlow<String> s = MutableStateFlow.create(original);
        s.setValue(new String("same"));
        assertThat(s.value()).isSameAs(original);
        assertThat(s.compareAndSet(new String("same"), "other")).as("expect compared by equals").isTrue();
        assertThat(s.value()).isEqualTo("other");
    }

    @Test
    void collectorGetsTheCurrentValueThenDistinctUpdates() throws Exception {
        MutableStateFlow<Integer> s = MutableStateFlow.create(0);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            scope.launch(() -> s.collect(seen::add));
            awaitEquals("initial value", () -> List.copyOf(seen), List.of(0));
            s.setValue(0); // equal: no emission
            s.setValue(1);
            awaitEquals("first update", () -> List.copyOf(seen), List.of(0, 1));
            s.setValue(1);
            assertThat(s.compareAndSet(1, 1)).isTrue();
            s.setValue(2);
            awaitEquals("second update", () -> List.copyOf(seen), List.of(0, 1, 2));
        }
    }

    @Test
    void slowCollectorIsConflatedToTheLatestValue() throws Exception {
        MutableStateFlow<Integer> s = MutableStateFlow.create(0);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            scope.launch(() -> s.collect(v -> {
                holding.countDown();
                gate.acquire();
                seen.add(v);
            }));
            holding.await();
            for (int i = 1; i <= 1000; i++) {
                s.setValue(i); // never waits for the collector
            }
            gate.release(10);
            awaitEquals("latest", () -> List.copyOf(seen), List.of(0, 1000));
        }
    }

    @Test
    void aValueSetBackBeforeTheCollectorLooksIsNotEmittedAgain() throws Exception {
        MutableStateFlow<String> s = MutableStateFlow.create("a");
        List<String> seen = new CopyOnWriteArrayList<>();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            scope.launch(() -> s.collect(v -> {
                holding.countDown();
                gate.acquire();
                seen.add(v);
            }));
            holding.await();
            s.setValue("b");
            s.setValue("a"); // back to what the collector already has
            gate.release(10);
            awaitEquals("first", () -> List.copyOf(seen), List.of("a"));
            s.setValue("c");
            awaitEquals("only distinct values", () -> List.copyOf(seen), List.of("a", "c"));
        }
    }

    @Test
    void plainThreadsCanSetTheValueForCoroutineCollectors() throws Exception {
        MutableStateFlow<Integer> s = MutableStateFlow.create(0);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Deferred<List<Integer>> got = scope.async(() -> {
                List<Integer> out = new ArrayList<>();
                Hot.take(c -> s.collect(v -> {
                    out.add(v);
                    if (v == 3) {
                        c.emit(v);
                    }
                }), 1);
                return out;
            });
            await("subscribed", () -> s.subscriptionCount().value() == 1);
            Thread t = Thread.ofPlatform().start(() -> s.setValue(3));
            t.join();
            assertThat(got.await()).endsWith(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void concurrentUpdatesAreNeverLost() throws Exception {
        MutableStateFlow<Integer> s = MutableStateFlow.create(0);
        int workers = 4;
        int perWorker = 10_000;
        int total = workers * perWorker;
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            // a collector sees strictly increasing values and, eventually, the total
            Deferred<Boolean> watcher = scope.async(() -> {
                AtomicReference<Integer> last = new AtomicReference<>(-1);
                AtomicBoolean increasing = new AtomicBoolean(true);
                Hot.take(c -> s.collect(v -> {
                    if (v <= last.get()) {
                        increasing.set(false);
                    }
                    last.set(v);
                    if (v == total) {
                        c.emit(v);
                    }
                }), 1);
                return increasing.get();
            });
            await("watcher subscribed", () -> s.subscriptionCount().value() == 1);
            List<Job> jobs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                boolean useCas = w % 2 == 0;
                jobs.add(scope.launch(() -> {
                    for (int i = 0; i < perWorker; i++) {
                        if (useCas) {
                            Integer cur;
                            do {
                                cur = s.value();
                            } while (!s.compareAndSet(cur, cur + 1));
                        } else {
                            s.update(v -> v + 1);
                        }
                        if (i % 1000 == 0) {
                            Coroutines.yieldNow();
                        }
                    }
                }));
            }
            for (Job j : jobs) {
                j.join();
            }
            assertThat(s.value()).isEqualTo(total);
            assertThat(watcher.await()).as("values strictly increasing").isTrue();
        }
    }

    @Test
    void concurrentPlatformThreadUpdatesAreNeverLost() throws Exception {
        MutableStateFlow<Integer> s = MutableStateFlow.create(0);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    s.getAndUpdate(v -> v + 1);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(s.value()).isEqualTo(40_000);
    }

    @Test
    void subscriptionCountFollowsCollectorsIncludingCancelledOnes() throws Exception {
        MutableStateFlow<Integer> s = MutableStateFlow.create(0);
        StateFlow<Integer> count = s.subscriptionCount();
        assertThat(count.value()).isZero();
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job a = scope.launch(() -> s.collect(v -> { }));
            Job b = scope.launch(() -> s.collect(v -> { }));
            await("two", () -> count.value() == 2);
            a.cancel();
            a.join();
            assertThat(count.value()).isEqualTo(1);
            Deferred<Void> thrower = scope.async(() -> {
                s.collect(v -> {
                    if (v == 1) {
                        throw new IllegalStateException("stop");
                    }
                });
                return null;
            });
            await("two again", () -> count.value() == 2);
            s.setValue(1);
            assertThatThrownBy(thrower::await).isInstanceOf(IllegalStateException.class);
            assertThat(count.value()).isEqualTo(1);
            assertThat(b.isActive()).isTrue();
            b.cancel();
            b.join();
            assertThat(count.value()).isZero();
        }
    }

    @Test
    void collectorCancelledWhileWaitingEndsPromptly() throws Exception {
        MutableStateFlow<Integer> s = MutableStateFlow.create(0);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Job j = scope.launch(() -> {
                try {
                    s.collect(v -> { });
                } catch (CancellationException e) {
                    thrown.set(e);
                    throw e;
                }
            });
            await("subscribed", () -> s.subscriptionCount().value() == 1);
            j.cancel();
            j.join();
            assertThat(thrown.get()).isInstanceOf(CancellationException.class);
            s.setValue(1); // marking a removed slot would be harmless, but there is none
            assertThat(s.subscriptionCount().value()).isZero();
        }
    }

    @Test
    void emitIsACancellationPoint() throws Exception {
        MutableStateFlow<Integer> s = MutableStateFlow.create(0);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            CountDownLatch running = new CountDownLatch(1);
            Job j = scope.launch(() -> {
                for (int i = 0; ; i++) {
                    s.emit(i);
                    running.countDown();
                }
            });
            running.await();
            j.cancel();
            j.join();
            assertThat(j.isCancelled()).isTrue();
        }
    }

    @Test
    void readOnlyView() throws Exception {
        MutableStateFlow<Integer> s = MutableStateFlow.create(1);
        StateFlow<Integer> view = s.asStateFlow();
        assertThat(view).isNotInstanceOf(MutableStateFlow.class);
        s.setValue(2);
        assertThat(view.value()).isEqualTo(2);
        assertThat(view.replayCache()).containsExactly(2);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Deferred<List<Integer>> got = scope.async(() -> take(view, 2));
            await("subscribed", () -> view.subscriptionCount().value() == 1);
            s.setValue(3);
            assertThat(got.await()).containsExactly(2, 3);
        }
    }
}
