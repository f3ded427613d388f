package dev.weft.flow.hot;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.flow.MutableSharedFlow;
import dev.weft.flow.SharedFlow;
import dev.weft.flow.internal.SharedFlowImpl;
import dev.weft.flow.internal.SharedFlowState;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import static dev.weft.flow.hot.Hot.await;
import static dev.weft.flow.hot.Hot.awaitEquals;
import static dev.weft.flow.hot.Hot.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MutableSharedFlowTest {

    private static SharedFlowImpl<Integer> create(int replay, int extra, BufferOverflow overflow) {
        return (SharedFlowImpl<Integer>) MutableSharedFlow.<Integer>create(replay, extra, overflow);
    }

    /** Launches a collector whose collector blocks on {@code gate} before recording each element. */
    private static Job gatedCollector(OwnedScope scope, SharedFlow<Integer> flow, Semaphore gate,
                                      List<Integer> received, CountDownLatch holding) {
        return scope.launch(() -> flow.collect(v -> {
            holding.countDown();
            gate.acquire();
            received.add(v);
        }));
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> MutableSharedFlow.create(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replay");
        assertThatThrownBy(() -> MutableSharedFlow.create(0, -1, BufferOverflow.SUSPEND))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extraBufferCapacity");
        assertThatThrownBy(() -> MutableSharedFlow.create(0, 0, BufferOverflow.DROP_OLDEST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DROP_OLDEST");
        assertThatThrownBy(() -> MutableSharedFlow.create(0, 0, BufferOverflow.DROP_LATEST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DROP_LATEST");
        assertThatThrownBy(() -> MutableSharedFlow.create(0, 0, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("overflow");
        // a drop policy is fine as soon as there is a buffer of either kind
        assertThat(MutableSharedFlow.create(1, 0, BufferOverflow.DROP_OLDEST).tryEmit(1)).isTrue();
        assertThat(MutableSharedFlow.create(0, 1, BufferOverflow.DROP_LATEST).tryEmit(1)).isTrue();
        // replay + extra overflowing int is "unbounded", not an error
        assertThat(MutableSharedFlow.create(Integer.MAX_VALUE, Integer.MAX_VALUE, BufferOverflow.SUSPEND).tryEmit(1))
                .isTrue();
    }

    @Test
    void rejectsNullElementsAndCollectors() {
        MutableSharedFlow<Integer> flow = MutableSharedFlow.create(1);
        assertThatThrownBy(() -> flow.emit(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> flow.tryEmit(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> flow.collect(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("collector");
        assertThat(flow.replayCache()).isEmpty();
    }

    // ------------------------------------------------------------------ replay, no subscribers

    @Test
    void withoutSubscribersEmitNeverSuspendsAndOnlyTheReplayIsKept() throws Exception {
        MutableSharedFlow<Integer> none = MutableSharedFlow.create();
        MutableSharedFlow<Integer> two = MutableSharedFlow.create(2);
        for (int i = 1; i <= 100; i++) {
            none.emit(i); // on the test thread: would block forever if it suspended
            two.emit(i);
            assertThat(none.tryEmit(i)).isTrue();
        }
        assertThat(none.replayCache()).isEmpty();
        assertThat(two.replayCache()).containsExactly(99, 100);
        two.emit(101);
        assertThat(two.replayCache()).containsExactly(100, 101);
        assertThat(SharedFlowState.bufferedCount(two)).isEqualTo(2);
    }

    @Test
    void newSubscriberGetsTheReplayCacheThenNewElements() throws Exception {
        MutableSharedFlow<Integer> flow = MutableSharedFlow.create(3);
        for (int i = 1; i <= 5; i++) {
            flow.emit(i);
        }
        assertThat(flow.replayCache()).containsExactly(3, 4, 5);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Deferred<List<Integer>> got = scope.async(() -> take(flow, 5));
            await("subscribed", () -> flow.subscriptionCount().value() == 1);
            flow.emit(6);
            flow.emit(7);
            assertThat(got.await()).containsExactly(3, 4, 5, 6, 7);
        }
        assertThat(flow.replayCache()).containsExactly(5, 6, 7);
    }

    @Test
    void resetReplayCacheForgetsForNewSubscribersButNotForBufferedOnes() throws Exception {
        SharedFlowImpl<Integer> flow = create(2, 4, BufferOverflow.SUSPEND);
        flow.emit(1);
        flow.emit(2);
        Semaphore gate = new Semaphore(0);
        List<Integer> slow = new CopyOnWriteArrayList<>();
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            gatedCollector(scope, flow, gate, slow, holding);
            holding.await(); // holds 1; 2 is still owed to it
            flow.emit(3);
            flow.resetReplayCache();
            assertThat(flow.replayCache()).isEmpty();
            Deferred<List<Integer>> fresh = scope.async(() -> take(flow, 1));
            await("second subscriber", () -> flow.subscriptionCount().value() == 2);
            flow.emit(4);
            assertThat(fresh.await()).containsExactly(4);
            gate.release(4);
            awaitEquals("slow subscriber saw everything", () -> List.copyOf(slow), List.of(1, 2, 3, 4));
        }
    }

    // ------------------------------------------------------------------ delivery

    @Test
    void everySubscriberSeesEveryElementEmittedAfterItSubscribed() throws Exception {
        MutableSharedFlow<Integer> flow = MutableSharedFlow.create();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Deferred<List<Integer>> a = scope.async(() -> take(flow, 100));
            Deferred<List<Integer>> b = scope.async(() -> take(flow, 100));
            await("both subscribed", () -> flow.subscriptionCount().value() == 2);
            Job emitter = scope.launch(() -> {
                for (int i = 0; i < 100; i++) {
                    flow.emit(i);
                }
            });
            List<Integer> expected = java.util.stream.IntStream.range(0, 100).boxed().toList();
            assertThat(a.await()).isEqualTo(expected);
            assertThat(b.await()).isEqualTo(expected);
            emitter.join();
            await("subscribers gone", () -> flow.subscriptionCount().value() == 0);
        }
    }

    @Test
    void withoutBufferEmitReturnsOnlyWhenEverySubscriberHasTakenTheElement() throws Exception {
        SharedFlowImpl<Integer> flow = (SharedFlowImpl<Integer>) MutableSharedFlow.<Integer>create();
        List<Integer> fast = new CopyOnWriteArrayList<>();
        List<Integer> slow = new CopyOnWriteArrayList<>();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            scope.launch(() -> flow.collect(fast::add));
            gatedCollector(scope, flow, gate, slow, holding);
            await("subscribed", () -> flow.subscriptionCount().value() == 2);
            flow.emit(0); // both take it (the slow one then blocks holding it)
            holding.await();
            Job second = scope.launch(() -> flow.emit(1));
            await("emit(1) suspended", () -> SharedFlowState.suspendedEmitters(flow) == 1);
            awaitEquals("the fast subscriber got 1 from the suspended emitter", () -> List.copyOf(fast), List.of(0, 1));
            assertThat(second.isCompleted()).isFalse();
            gate.release(); // slow records 0 and takes 1
            second.join();
            gate.release();
            awaitEquals("slow subscriber", () -> List.copyOf(slow), List.of(0, 1));
            assertThat(SharedFlowState.bufferedCount(flow)).isZero();
        }
    }

    // ------------------------------------------------------------------ overflow policies

    @Test
    void suspendAppliesBackpressureFromTheSlowestSubscriber() throws Exception {
        SharedFlowImpl<Integer> flow = create(0, 2, BufferOverflow.SUSPEND);
        List<Integer> slow = new CopyOnWriteArrayList<>();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        AtomicInteger emitted = new AtomicInteger();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            gatedCollector(scope, flow, gate, slow, holding);
            await("subscribed", () -> flow.subscriptionCount().value() == 1);
            Job emitter = scope.launch(() -> {
                for (int i = 0; i < 10; i++) {
                    flow.emit(i);
                    emitted.incrementAndGet();
                }
            });
            await("emitter suspended", () -> SharedFlowState.suspendedEmitters(flow) == 1);
            // the subscriber holds 0, the buffer 1 and 2, and emit(3) waits
            assertThat(emitted.get()).isEqualTo(3);
            assertThat(SharedFlowState.bufferedCount(flow)).isEqualTo(2);
            assertThat(flow.tryEmit(99)).as("tryEmit must not jump the queue or suspend").isFalse();
            gate.release(10);
            emitter.join();
            awaitEquals("all delivered in order", () -> List.copyOf(slow), List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        }
    }

    @Test
    void dropOldestNeverSuspendsAndSlowSubscribersSkipTheOldest() throws Exception {
        SharedFlowImpl<Integer> flow = create(0, 2, BufferOverflow.DROP_OLDEST);
        List<Integer> slow = new CopyOnWriteArrayList<>();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            gatedCollector(scope, flow, gate, slow, holding);
            await("subscribed", () -> flow.subscriptionCount().value() == 1);
            flow.emit(0);
            holding.await();
            for (int i = 1; i <= 5; i++) {
                flow.emit(i); // on the test thread: must not block
            }
            assertThat(flow.tryEmit(6)).isTrue();
            assertThat(SharedFlowState.bufferedCount(flow)).isEqualTo(2);
            gate.release(3);
            awaitEquals("received", () -> List.copyOf(slow), List.of(0, 5, 6));
        }
    }

    @Test
    void dropLatestNeverSuspendsAndDropsTheNewElements() throws Exception {
        SharedFlowImpl<Integer> flow = create(0, 2, BufferOverflow.DROP_LATEST);
        List<Integer> slow = new CopyOnWriteArrayList<>();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            gatedCollector(scope, flow, gate, slow, holding);
            await("subscribed", () -> flow.subscriptionCount().value() == 1);
            flow.emit(0);
            holding.await();
            for (int i = 1; i <= 5; i++) {
                flow.emit(i);
            }
            assertThat(flow.tryEmit(6)).as("dropped, but reported as handled").isTrue();
            gate.release(3);
            awaitEquals("received", () -> List.copyOf(slow), List.of(0, 1, 2));
        }
    }

    @Test
    void dropOldestWithReplayOnlyKeepsTheLatestForAStalledSubscriber() throws Exception {
        SharedFlowImpl<Integer> flow = create(1, 0, BufferOverflow.DROP_OLDEST);
        List<Integer> slow = new CopyOnWriteArrayList<>();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            gatedCollector(scope, flow, gate, slow, holding);
            await("subscribed", () -> flow.subscriptionCount().value() == 1);
            flow.emit(0);
            holding.await();
            for (int i = 1; i <= 50; i++) {
                flow.emit(i);
            }
            assertThat(flow.replayCache()).containsExactly(50);
            gate.release(2);
            awaitEquals("received", () -> List.copyOf(slow), List.of(0, 50));
        }
    }

    // ------------------------------------------------------------------ cancellation

    @Test
    void cancelledSuspendedEmitIsWithdrawn() throws Exception {
        SharedFlowImpl<Integer> flow = create(0, 1, BufferOverflow.SUSPEND);
        List<Integer> slow = new CopyOnWriteArrayList<>();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            gatedCollector(scope, flow, gate, slow, holding);
            await("subscribed", () -> flow.subscriptionCount().value() == 1);
            flow.emit(0);
            holding.await();
            flow.emit(1); // buffered
            Job stuck = scope.launch(() -> flow.emit(2));
            await("emit(2) suspended", () -> SharedFlowState.suspendedEmitters(flow) == 1);
            stuck.cancel();
            stuck.join();
            assertThat(stuck.isCancelled()).isTrue();
            assertThat(SharedFlowState.suspendedEmitters(flow)).isZero();
            gate.release(3);
            awaitEquals("buffered element delivered", () -> List.copyOf(slow), List.of(0, 1));
            flow.emit(3);
            awaitEquals("withdrawn element never delivered", () -> List.copyOf(slow), List.of(0, 1, 3));
        }
    }

    @Test
    void withoutBufferAWithdrawnElementIsSkippedBySubscribersThatHadNotTakenIt() throws Exception {
        SharedFlowImpl<Integer> flow = (SharedFlowImpl<Integer>) MutableSharedFlow.<Integer>create();
        List<Integer> fast = new CopyOnWriteArrayList<>();
        List<Integer> slow = new CopyOnWriteArrayList<>();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            scope.launch(() -> flow.collect(fast::add));
            gatedCollector(scope, flow, gate, slow, holding);
            await("subscribed", () -> flow.subscriptionCount().value() == 2);
            flow.emit(0);
            holding.await();
            Job stuck = scope.launch(() -> flow.emit(1));
            awaitEquals("fast took 1", () -> List.copyOf(fast), List.of(0, 1));
            stuck.cancel();
            stuck.join();
            assertThat(SharedFlowState.suspendedEmitters(flow)).isZero();
            gate.release(2);
            awaitEquals("slow recorded 0", () -> List.copyOf(slow), List.of(0));
            Job next = scope.launch(() -> flow.emit(2));
            next.join();
            awaitEquals("fast", () -> List.copyOf(fast), List.of(0, 1, 2));
            awaitEquals("slow skipped the withdrawn element", () -> List.copyOf(slow), List.of(0, 2));
        }
    }

    @Test
    void cancellingTheSlowSubscriberReleasesTheSuspendedEmitter() throws Exception {
        SharedFlowImpl<Integer> flow = (SharedFlowImpl<Integer>) MutableSharedFlow.<Integer>create();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job slow = gatedCollector(scope, flow, gate, new CopyOnWriteArrayList<>(), holding);
            await("subscribed", () -> flow.subscriptionCount().value() == 1);
            Job emitter = scope.launch(() -> {
                flow.emit(0);
                flow.emit(1);
            });
            await("emit(1) suspended", () -> SharedFlowState.suspendedEmitters(flow) == 1);
            slow.cancel();
            emitter.join(); // the only subscriber left, so nobody holds the emitter back
            assertThat(emitter.isCancelled()).isFalse();
            assertThat(flow.subscriptionCount().value()).isZero();
            assertThat(slow.isCancelled()).isTrue();
        }
    }

    @Test
    void collectorCancelledFromOutsideOrThrowingUnsubscribes() throws Exception {
        MutableSharedFlow<Integer> flow = MutableSharedFlow.create(0, 8, BufferOverflow.SUSPEND);
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job idle = scope.launch(() -> flow.collect(v -> { }));
            Deferred<Void> thrower = scope.async(() -> {
                flow.collect(v -> {
                    throw new IllegalStateException("boom " + v);
                });
                return null;
            });
            await("two subscribers", () -> flow.subscriptionCount().value() == 2);
            flow.emit(7);
            assertThatThrownBy(thrower::await).isInstanceOf(IllegalStateException.class).hasMessage("boom 7");
            await("thrower unsubscribed", () -> flow.subscriptionCount().value() == 1);
            idle.cancel();
            idle.join();
            assertThat(idle.isCancelled()).isTrue();
            assertThat(flow.subscriptionCount().value()).isZero();
        }
    }

    @Test
    void emitObservesCancellationOnEntryEvenWhenItWouldNotSuspend() throws Exception {
        MutableSharedFlow<Integer> flow = MutableSharedFlow.create(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            CountDownLatch cancelled = new CountDownLatch(1);
            Deferred<Integer> loop = scope.async(() -> {
                int n = 0;
                try {
                    while (true) {
                        flow.emit(n++); // never suspends here (no subscriber)
                        if (n == 1000) {
                            cancelled.countDown();
                        }
                    }
                } catch (CancellationException e) {
                    return n;
                }
            });
            cancelled.await();
            loop.cancel();
            loop.join();
            assertThat(loop.isCancelled()).isTrue();
        }
    }

    @Test
    void plainThreadsBlockInEmitUnderBackpressureAndAnInterruptWithdrawsTheElement() throws Exception {
        SharedFlowImpl<Integer> flow = (SharedFlowImpl<Integer>) MutableSharedFlow.<Integer>create();
        List<Integer> got = new CopyOnWriteArrayList<>();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            gatedCollector(scope, flow, gate, got, holding);
            await("subscribed", () -> flow.subscriptionCount().value() == 1);
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean firstEmitted = new java.util.concurrent.atomic.AtomicBoolean();
            Thread producer = Thread.ofPlatform().start(() -> {
                flow.emit(0);
                firstEmitted.set(true);
                try {
                    flow.emit(1); // blocks: the subscriber still holds 0
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            // the interrupt must hit emit(1): wait until emit(0) has returned (it is suspended too
            // until the subscriber takes 0, so suspendedEmitters() == 1 alone could mean emit(0))
            await("second emit blocked", () -> firstEmitted.get() && SharedFlowState.suspendedEmitters(flow) == 1);
            producer.interrupt();
            producer.join();
            assertThat(failure.get()).isInstanceOf(CancellationException.class);
            assertThat(SharedFlowState.suspendedEmitters(flow)).isZero();
            gate.release(2);
            awaitEquals("received", () -> List.copyOf(got), List.of(0));
            Thread second = Thread.ofPlatform().start(() -> flow.emit(2));
            second.join();
            awaitEquals("received", () -> List.copyOf(got), List.of(0, 2));
        }
    }

    // ------------------------------------------------------------------ views and counts

    @Test
    void readOnlyViewSharesStateAndCannotEmit() throws Exception {
        MutableSharedFlow<Integer> flow = MutableSharedFlow.create(1);
        SharedFlow<Integer> view = flow.asSharedFlow();
        assertThat(view).isNotInstanceOf(MutableSharedFlow.class);
        flow.emit(5);
        assertThat(view.replayCache()).containsExactly(5);
        assertThat(view.subscriptionCount()).isSameAs(flow.subscriptionCount());
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Deferred<List<Integer>> got = scope.async(() -> take(view, 2));
            await("subscribed", () -> view.subscriptionCount().value() == 1);
            flow.emit(6);
            assertThat(got.await()).containsExactly(5, 6);
        }
        assertThat(view.subscriptionCount()).isNotInstanceOf(dev.weft.flow.MutableStateFlow.class);
    }

    @Test
    void subscriptionCountIsItselfCollectable() throws Exception {
        MutableSharedFlow<Integer> flow = MutableSharedFlow.create();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Deferred<List<Integer>> counts = scope.async(() -> take(flow.subscriptionCount(), 3));
            await("count collector subscribed", () -> flow.subscriptionCount().subscriptionCount().value() == 1);
            Job a = scope.launch(() -> flow.collect(v -> { }));
            await("one", () -> flow.subscriptionCount().value() == 1);
            a.cancel();
            assertThat(counts.await()).containsExactly(0, 1, 0);
        }
    }

    @Test
    void aSlowCountCollectorSeesDistinctChangesEndingWithTheLatest() throws Exception {
        MutableSharedFlow<Integer> flow = MutableSharedFlow.create();
        List<Integer> counts = new CopyOnWriteArrayList<>();
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            scope.launch(() -> flow.subscriptionCount().collect(n -> {
                holding.countDown();
                gate.acquire();
                counts.add(n);
            }));
            holding.await(); // holds the initial 0
            for (int i = 0; i < 150; i++) { // 300 changes: more than the count keeps for a slow collector
                Job j = scope.launch(() -> flow.collect(v -> { }));
                await("subscribed", () -> flow.subscriptionCount().value() == 1);
                j.cancel();
                j.join();
            }
            scope.launch(() -> flow.collect(v -> { }));
            scope.launch(() -> flow.collect(v -> { }));
            await("two subscribers", () -> flow.subscriptionCount().value() == 2);
            gate.release(Integer.MAX_VALUE / 2);
            await("the final count (2, seen nowhere else) arrived",
                    () -> !counts.isEmpty() && counts.get(counts.size() - 1) == 2);
            for (int k = 1; k < counts.size(); k++) {
                assertThat(counts.get(k)).as("no repeated count").isNotEqualTo(counts.get(k - 1));
            }
            // the held 0, then at most the 64 latest changes of the 302
            assertThat(counts.size()).as("old changes were dropped").isBetween(3, 65);
        }
    }
}
