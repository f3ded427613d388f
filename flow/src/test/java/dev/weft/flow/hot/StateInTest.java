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
import dev.weft.core.testkit.LogCapture;
import dev.weft.flow.Flow;
import dev.weft.flow.MutableStateFlow;
import dev.weft.flow.SharingStarted;
import dev.weft.flow.StateFlow;
import dev.weft.flow.internal.Sharing;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class StateInTest {

    @Test
    void rejectsBadInput() {
        Flow<Integer> f = c -> { };
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            assertThatThrownBy(() -> Sharing.stateIn(null, scope, SharingStarted.EAGERLY, 0))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("upstream");
            assertThatThrownBy(() -> Sharing.stateIn(f, null, SharingStarted.EAGERLY, 0))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("scope");
            assertThatThrownBy(() -> Sharing.stateIn(f, scope, null, 0))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("started");
            assertThatThrownBy(() -> Sharing.stateIn(f, scope, SharingStarted.EAGERLY, null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("initial");
            assertThatThrownBy(() -> Sharing.stateIn(null, scope)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> Sharing.stateIn(f, null)).isInstanceOf(NullPointerException.class);
            assertThat(scope.job().children()).isEmpty();
        }
    }

    @Test
    void holdsTheInitialValueUntilUpstreamEmitsThenTheLatest() throws Exception {
        Upstream up = new Upstream(3);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            StateFlow<Integer> state = Sharing.stateIn(up.flow, scope, SharingStarted.LAZILY, 0);
            assertThat(state).isNotInstanceOf(MutableStateFlow.class);
            Thread.sleep(30);
            assertThat(state.value()).isZero();
            assertThat(state.replayCache()).containsExactly(0);
            Deferred<List<Integer>> first = scope.async(() -> take(state, 1));
            assertThat(first.await()).as("current value first").hasSize(1);
            await("latest value", () -> state.value() == 3);
            assertThat(take(state, 1)).containsExactly(3);
            assertThat(up.collections.get()).isEqualTo(1);
        }
    }

    @Test
    void whileSubscribedGoesBackToTheInitialValueWhenReset() throws Exception {
        Upstream up = new Upstream(2);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            StateFlow<Integer> state = Sharing.stateIn(up.flow, scope,
                    SharingStarted.whileSubscribed(Duration.ZERO, Duration.ZERO), -1);
            Deferred<Void> watcher = scope.async(() -> {
                take(c -> state.collect(v -> {
                    if (v == 2) {
                        c.emit(v);
                    }
                }), 1);
                return null;
            });
            watcher.await();
            await("reset to the initial value", () -> state.value() == -1);
            assertThat(up.active.get()).isZero();
            assertThat(up.collections.get()).isEqualTo(1);
        }
    }

    @Test
    void suspendingStateInWaitsForTheFirstValue() throws Exception {
        CountDownLatch more = new CountDownLatch(1);
        Flow<String> upstream = c -> {
            c.emit("first");
            more.await();
            c.emit("second");
            Coroutines.delay(Duration.ofHours(1));
        };
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            StateFlow<String> state = Coroutines.runBlocking(() -> Sharing.stateIn(upstream, scope));
            assertThat(state.value()).isEqualTo("first");
            assertThat(state).isNotInstanceOf(MutableStateFlow.class);
            more.countDown();
            awaitEquals("second value", state::value, "second");
            assertThat(scope.job().children()).as("sharing goes on").hasSize(1);
        }
    }

    @Test
    void suspendingStateInOfAnEmptyFlowThrowsNoSuchElement() {
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            assertThatThrownBy(() -> Sharing.stateIn(c -> { }, scope))
                    .isInstanceOf(NoSuchElementException.class);
            assertThat(scope.isActive()).isTrue();
        }
    }

    @Test
    void suspendingStateInRethrowsAnUpstreamFailureWhichAlsoFailsTheScope() throws Exception {
        // the sharing coroutine's failure also has no parent to go to in an owned scope: logged
        IOException noData = new IOException("no data");
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT);
                LogCapture log = LogCapture.of("dev.weft.core")) {
            assertThatThrownBy(() -> Sharing.stateIn(c -> {
                throw noData;
            }, scope)).isInstanceOf(CompletionException.class).hasCause(noData);
            await("scope cancelled", () -> !scope.isActive());
            assertThat(log.awaitOnly(Level.SEVERE).getThrown()).isSameAs(noData);
        }
        IllegalStateException broken = new IllegalStateException("broken");
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT);
                LogCapture log = LogCapture.of("dev.weft.core")) {
            assertThatThrownBy(() -> Sharing.stateIn(c -> {
                throw broken;
            }, scope)).isSameAs(broken);
            assertThat(scope.isActive()).isTrue();
            assertThat(log.awaitOnly(Level.SEVERE).getThrown()).isSameAs(broken);
        }
    }

    @Test
    void suspendingStateInOnACancelledScopeThrowsCancellation() {
        OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT);
        scope.close();
        Flow<Integer> one = c -> c.emit(1);
        assertThatThrownBy(() -> Sharing.stateIn(one, scope)).isInstanceOf(CancellationException.class);
    }

    @Test
    void callerCancelledWhileWaitingForTheFirstValue() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        OwnedScope sharing = CoroutineScope.of(Dispatchers.DEFAULT);
        try (OwnedScope callers = CoroutineScope.of(Dispatchers.DEFAULT)) {
            CountDownLatch started = new CountDownLatch(1);
            Deferred<StateFlow<Integer>> caller = callers.async(() -> Sharing.stateIn(c -> {
                started.countDown();
                never.await();
            }, sharing));
            started.await();
            caller.cancel();
            caller.join();
            assertThat(caller.isCancelled()).isTrue();
            assertThatThrownBy(caller::await).isInstanceOf(CancellationException.class);
            assertThat(sharing.job().children()).as("the sharing coroutine belongs to its scope").hasSize(1);
            Job j = sharing.job().children().get(0);
            sharing.close();
            assertThat(j.isCompleted()).isTrue();
        } finally {
            sharing.close();
        }
    }
}
