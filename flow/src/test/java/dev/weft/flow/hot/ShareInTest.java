package dev.weft.flow.hot;

import static dev.weft.flow.hot.Hot.await;
import static dev.weft.flow.hot.Hot.awaitEquals;
import static dev.weft.flow.hot.Hot.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.Coroutines;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.testkit.LogCapture;
import dev.weft.flow.Flow;
import dev.weft.flow.MutableSharedFlow;
import dev.weft.flow.MutableStateFlow;
import dev.weft.flow.SharedFlow;
import dev.weft.flow.SharingCommand;
import dev.weft.flow.SharingStarted;
import dev.weft.flow.internal.Sharing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class ShareInTest {

    /** A pause after which something that must not happen would most likely have happened. */
    private static void quietPeriod() throws InterruptedException {
        Thread.sleep(30);
    }

    @Test
    void rejectsBadInput() {
        Flow<Integer> f = c -> { };
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            assertThatThrownBy(() -> Sharing.shareIn(null, scope, SharingStarted.EAGERLY, 0))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("upstream");
            assertThatThrownBy(() -> Sharing.shareIn(f, null, SharingStarted.EAGERLY, 0))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("scope");
            assertThatThrownBy(() -> Sharing.shareIn(f, scope, null, 0))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("started");
            assertThatThrownBy(() -> Sharing.shareIn(f, scope, SharingStarted.EAGERLY, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replay");
            assertThat(scope.job().children()).as("nothing launched for bad input").isEmpty();
        }
    }

    @Test
    void eagerlyStartsAtOnceAndNeverStops() throws Exception {
        Upstream up = new Upstream(3);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared = Sharing.shareIn(up.flow, scope, SharingStarted.EAGERLY, 2);
            assertThat(shared).isNotInstanceOf(MutableSharedFlow.class);
            awaitEquals("replay filled without any subscriber", shared::replayCache, List.of(2, 3));
            assertThat(up.collections.get()).isEqualTo(1);
            assertThat(take(shared, 2)).containsExactly(2, 3);
            await("subscriber gone", () -> shared.subscriptionCount().value() == 0);
            quietPeriod();
            assertThat(up.active.get()).as("still collecting").isEqualTo(1);
            assertThat(up.collections.get()).isEqualTo(1);
        }
        assertThat(up.active.get()).as("closing the scope stops the sharing").isZero();
    }

    @Test
    void lazilyStartsWithTheFirstSubscriberAndNeverStops() throws Exception {
        Upstream up = new Upstream(3);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared = Sharing.shareIn(up.flow, scope, SharingStarted.LAZILY, 0);
            quietPeriod();
            assertThat(up.collections.get()).as("no subscriber, no collection").isZero();
            assertThat(take(shared, 3)).as("the first subscriber sees everything").containsExactly(1, 2, 3);
            await("subscriber gone", () -> shared.subscriptionCount().value() == 0);
            quietPeriod();
            assertThat(up.active.get()).isEqualTo(1);
            Deferred<List<Integer>> late = scope.async(() -> take(shared, 1));
            await("second subscriber", () -> shared.subscriptionCount().value() == 1);
            assertThat(late.isCompleted()).as("nothing new to see").isFalse();
            assertThat(up.collections.get()).as("not restarted").isEqualTo(1);
            late.cancel();
        }
        assertThat(up.active.get()).isZero();
    }

    @Test
    void aSubscriberThatLeavesBeforeTheSharingCoroutineRunsStillStartsIt() throws Exception {
        // (with a zero stop timeout the start would be followed by an immediate stop, which may
        // cancel the upstream collection before it ran: nobody is subscribed by then anyway)
        for (SharingStarted started : List.of(SharingStarted.LAZILY,
                SharingStarted.whileSubscribed(Duration.ofMinutes(1)))) {
            Upstream up = new Upstream(1);
            try (CloseableDispatcher one = Dispatchers.newSingleThread("sharing");
                 OwnedScope scope = CoroutineScope.of(one);
                 OwnedScope subscribers = CoroutineScope.of(Dispatchers.DEFAULT)) {
                // hold the sharing scope's only carrier so the sharing coroutine cannot run yet
                AtomicBoolean hold = new AtomicBoolean(true);
                CountDownLatch holding = new CountDownLatch(1);
                scope.launch(() -> {
                    holding.countDown();
                    while (hold.get()) {
                        Thread.onSpinWait(); // deliberately not yielding the carrier
                    }
                });
                holding.await();
                SharedFlow<Integer> shared = Sharing.shareIn(up.flow, scope, started, 0);
                Job brief = subscribers.launch(() -> shared.collect(v -> { }));
                await("subscribed", () -> shared.subscriptionCount().value() == 1);
                brief.cancel();
                brief.join();
                assertThat(shared.subscriptionCount().value()).isZero();
                assertThat(up.collections.get()).isZero();
                hold.set(false);
                await(started + " started for the subscriber that has left", () -> up.collections.get() == 1);
                assertThat(up.active.get()).isEqualTo(1);
            }
        }
    }

    @Test
    void whileSubscribedStartsAndStopsWithItsSubscribers() throws Exception {
        Upstream up = new Upstream(3);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared = Sharing.shareIn(up.flow, scope, SharingStarted.whileSubscribed(), 1);
            quietPeriod();
            assertThat(up.collections.get()).isZero();
            assertThat(take(shared, 3)).containsExactly(1, 2, 3);
            await("upstream stopped when the last subscriber left", () -> up.active.get() == 0);
            assertThat(up.collections.get()).isEqualTo(1);
            assertThat(shared.replayCache()).as("replay kept: it never expires by default").containsExactly(3);
            assertThat(take(shared, 2)).as("replay, then a fresh collection").containsExactly(3, 1);
            assertThat(up.collections.get()).isEqualTo(2);
        }
        assertThat(up.active.get()).isZero();
    }

    @Test
    void manySubscribersShareOneUpstreamCollection() throws Exception {
        MutableSharedFlow<Integer> source = MutableSharedFlow.create();
        java.util.concurrent.atomic.AtomicInteger collections = new java.util.concurrent.atomic.AtomicInteger();
        Flow<Integer> upstream = c -> {
            collections.incrementAndGet();
            source.collect(c);
        };
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared = Sharing.shareIn(upstream, scope, SharingStarted.whileSubscribed(), 0);
            List<Deferred<List<Integer>>> subscribers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                subscribers.add(scope.async(() -> take(shared, 50)));
            }
            await("three subscribers", () -> shared.subscriptionCount().value() == 3);
            await("upstream collecting", () -> source.subscriptionCount().value() == 1);
            for (int i = 0; i < 50; i++) {
                source.emit(i);
            }
            List<Integer> expected = java.util.stream.IntStream.range(0, 50).boxed().toList();
            for (Deferred<List<Integer>> d : subscribers) {
                assertThat(d.await()).isEqualTo(expected);
            }
            assertThat(collections.get()).isEqualTo(1);
            await("upstream stopped", () -> source.subscriptionCount().value() == 0);
        }
    }

    @Test
    void whileSubscribedKeepsSharingWhenASubscriberReturnsWithinTheStopTimeout() throws Exception {
        Upstream up = new Upstream(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            // a timeout far longer than the test: returning "in time" cannot be a race
            SharedFlow<Integer> shared = Sharing.shareIn(up.flow, scope,
                    SharingStarted.whileSubscribed(Duration.ofMinutes(1)), 1);
            assertThat(take(shared, 1)).containsExactly(1);
            await("subscriber gone", () -> shared.subscriptionCount().value() == 0);
            quietPeriod();
            assertThat(take(shared, 1)).containsExactly(1);
            assertThat(up.collections.get()).isEqualTo(1);
            assertThat(up.active.get()).isEqualTo(1);
        }
    }

    @Test
    void whileSubscribedStopsNoSoonerThanTheStopTimeout() throws Exception {
        Upstream up = new Upstream(1);
        long timeoutMillis = 40;
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared = Sharing.shareIn(up.flow, scope,
                    SharingStarted.whileSubscribed(Duration.ofMillis(timeoutMillis)), 1);
            long before = System.nanoTime(); // before the subscriber leaves: a lower bound
            assertThat(take(shared, 1)).containsExactly(1);
            await("upstream stopped", () -> up.active.get() == 0);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertThat(elapsed).isGreaterThanOrEqualTo(timeoutMillis);
            assertThat(shared.replayCache()).containsExactly(1);
        }
    }

    @Test
    void whileSubscribedResetsTheReplayCacheAfterTheExpiration() throws Exception {
        Upstream up = new Upstream(2);
        long expireMillis = 40;
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared = Sharing.shareIn(up.flow, scope,
                    SharingStarted.whileSubscribed(Duration.ZERO, Duration.ofMillis(expireMillis)), 2);
            long before = System.nanoTime();
            assertThat(take(shared, 2)).containsExactly(1, 2);
            await("replay cache reset", () -> shared.replayCache().isEmpty());
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertThat(elapsed).isGreaterThanOrEqualTo(expireMillis);
            assertThat(up.active.get()).isZero();
            assertThat(take(shared, 2)).as("no stale replay after a restart").containsExactly(1, 2);
            assertThat(up.collections.get()).isEqualTo(2);
        }
    }

    @Test
    void whileSubscribedWithZeroExpirationResetsAtTheStop() throws Exception {
        Upstream up = new Upstream(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared = Sharing.shareIn(up.flow, scope,
                    SharingStarted.whileSubscribed(Duration.ZERO, Duration.ZERO), 1);
            assertThat(take(shared, 1)).containsExactly(1);
            await("replay cache reset", () -> shared.replayCache().isEmpty());
            await("stopped", () -> up.active.get() == 0);
        }
    }

    @Test
    void customStrategyDrivesStartStopAndResetAndRepeatsAreIgnored() throws Exception {
        Upstream up = new Upstream(2);
        MutableStateFlow<SharingCommand> commands = MutableStateFlow.create(SharingCommand.STOP);
        SharingStarted manual = count -> commands;
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared = Sharing.shareIn(up.flow, scope, manual, 2);
            commands.setValue(SharingCommand.START);
            awaitEquals("started", shared::replayCache, List.of(1, 2));
            commands.setValue(SharingCommand.STOP);
            await("stopped", () -> up.active.get() == 0);
            assertThat(shared.replayCache()).containsExactly(1, 2);
            commands.setValue(SharingCommand.STOP_AND_RESET_REPLAY_CACHE);
            await("reset", () -> shared.replayCache().isEmpty());
            commands.setValue(SharingCommand.START);
            awaitEquals("restarted", shared::replayCache, List.of(1, 2));
            assertThat(up.collections.get()).isEqualTo(2);
        }
        Upstream once = new Upstream(1);
        SharingStarted stutter = count -> c -> {
            c.emit(SharingCommand.START);
            c.emit(SharingCommand.START);
            c.emit(SharingCommand.START);
        };
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared = Sharing.shareIn(once.flow, scope, stutter, 1);
            awaitEquals("started", shared::replayCache, List.of(1));
            quietPeriod();
            assertThat(once.collections.get()).isEqualTo(1);
            assertThat(once.active.get()).as("kept running after the command flow completed").isEqualTo(1);
        }
    }

    @Test
    void slowSubscriberPushesBackOnTheUpstream() throws Exception {
        Upstream up = new Upstream(1000);
        Semaphore gate = new Semaphore(0);
        CountDownLatch holding = new CountDownLatch(1);
        List<Integer> got = java.util.Collections.synchronizedList(new ArrayList<>());
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared = Sharing.shareIn(up.flow, scope, SharingStarted.LAZILY, 0);
            scope.launch(() -> shared.collect(v -> {
                holding.countDown();
                gate.acquire();
                got.add(v);
            }));
            holding.await();
            // the subscriber holds 1, the default buffer of 64 holds 2..65, and emitting 66 waits
            await("buffer full", () -> up.emitted.get() == 65);
            quietPeriod();
            assertThat(up.emitted.get()).isEqualTo(65);
            gate.release(1000);
            await("all delivered", () -> got.size() == 1000);
            assertThat(got).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void upstreamFailureFailsTheScope() throws Exception {
        IllegalStateException broke = new IllegalStateException("upstream broke");
        Flow<Integer> failing = c -> {
            c.emit(1);
            throw broke;
        };
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.coroutineScope(s -> {
            Sharing.shareIn(failing, s, SharingStarted.EAGERLY, 1);
            return null;
        }))).isInstanceOf(IllegalStateException.class).hasMessage("upstream broke");

        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT);
                LogCapture log = LogCapture.of("dev.weft.core")) {
            Sharing.shareIn(failing, scope, SharingStarted.whileSubscribed(), 0);
            Job sibling = scope.launch(() -> Coroutines.delay(Duration.ofHours(1)));
            SharedFlow<Integer> shared = Sharing.shareIn(failing, scope, SharingStarted.LAZILY, 0);
            try (OwnedScope other = CoroutineScope.of(Dispatchers.DEFAULT)) {
                Job subscriber = other.launch(() -> shared.collect(v -> { }));
                sibling.join();
                assertThat(sibling.isCancelled()).as("the failure cancels the scope").isTrue();
                assertThat(scope.isActive()).isFalse();
                quietPeriod();
                assertThat(subscriber.isActive()).as("subscribers elsewhere just keep waiting").isTrue();
            }
            // an owned scope has nobody to rethrow to: the sharing coroutine's failure is logged
            assertThat(log.awaitOnly(Level.SEVERE).getThrown()).isSameAs(broke);
        }
    }

    @Test
    void upstreamFailureInASupervisorScopeOnlyEndsTheSharing() throws Exception {
        IllegalStateException broke = new IllegalStateException("upstream broke");
        Flow<Integer> failing = c -> {
            throw broke;
        };
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT);
                LogCapture log = LogCapture.of("dev.weft.core")) {
            Sharing.shareIn(failing, scope, SharingStarted.EAGERLY, 0);
            await("sharing coroutine ended", () -> scope.job().children().isEmpty());
            assertThat(scope.isActive()).isTrue();
            assertThat(log.awaitOnly(Level.SEVERE).getThrown()).isSameAs(broke);
        }
    }

    @Test
    void cancellingTheScopeStopsSharingButNotSubscribers() throws Exception {
        Upstream up = new Upstream(1);
        try (OwnedScope other = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared;
            Job subscriber;
            try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
                shared = Sharing.shareIn(up.flow, scope, SharingStarted.EAGERLY, 1);
                await("started", () -> up.active.get() == 1);
                subscriber = other.launch(() -> shared.collect(v -> { }));
                await("subscribed", () -> shared.subscriptionCount().value() == 1);
            }
            assertThat(up.active.get()).isZero();
            assertThat(subscriber.isActive()).as("a shared flow never completes").isTrue();
            subscriber.cancel();
            subscriber.join();
            assertThat(shared.subscriptionCount().value()).isZero();
        }
    }

    @Test
    void shareInOnACancelledScopeNeverStarts() throws Exception {
        Upstream up = new Upstream(1);
        OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT);
        scope.close();
        SharedFlow<Integer> shared = Sharing.shareIn(up.flow, scope, SharingStarted.EAGERLY, 1);
        quietPeriod();
        assertThat(up.collections.get()).isZero();
        assertThat(shared.replayCache()).isEmpty();
    }
}
