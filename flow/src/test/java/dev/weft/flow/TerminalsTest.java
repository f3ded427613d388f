package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.testkit.LogCapture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class TerminalsTest {

    private static final IOException IO = new IOException("checked");
    private static final Flow<Integer> FAILING = Flow.error(IO);

    @Test
    void collectionsTerminals() {
        List<Integer> list = Flow.of(3, 1, 3).toList();
        assertThat(list).containsExactly(3, 1, 3);
        assertThatThrownBy(() -> list.add(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Flow.of(3, 1, 3).toSet()).containsExactly(3, 1);
        TreeSet<Integer> sorted = Flow.of(3, 1, 2).toCollection(new TreeSet<>());
        assertThat(sorted).containsExactly(1, 2, 3);
        assertThat(Flow.of(4).toCollection(new ArrayList<Number>())).containsExactly(4);
    }

    @Test
    void checkedFailuresAreWrappedUncheckedOnesAreNot() {
        assertThatThrownBy(FAILING::toList).isInstanceOf(CompletionException.class).hasCause(IO);
        assertThatThrownBy(FAILING::first).isInstanceOf(CompletionException.class).hasCause(IO);
        assertThatThrownBy(FAILING::count).isInstanceOf(CompletionException.class).hasCause(IO);
        assertThatThrownBy(() -> FAILING.forEach(v -> { })).isInstanceOf(CompletionException.class).hasCause(IO);
        IllegalStateException ise = new IllegalStateException("unchecked");
        assertThatThrownBy(() -> Flow.error(ise).toList()).isSameAs(ise);
        assertThatThrownBy(() -> Flow.of(1).forEach(v -> {
            throw IO;
        })).isInstanceOf(CompletionException.class).hasCause(IO);
    }

    @Test
    void firstStopsTheFlow() {
        Probe probe = new Probe();
        assertThat(probe.infinite().first()).isZero();
        assertThat(probe.emitted).hasValue(1);
        assertThat(probe.finished).isTrue();
        Probe probe2 = new Probe();
        assertThat(probe2.infinite().first(i -> i > 2)).isEqualTo(3);
        assertThat(probe2.emitted).hasValue(4);
        assertThatThrownBy(() -> Flow.empty().first()).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> Flow.of(1).first(i -> i > 1)).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("predicate");
        assertThat(Flow.empty().firstOrNull()).isNull();
        assertThat(Flow.of(1, 2).firstOrNull(i -> i > 1)).isEqualTo(2);
        assertThat(Flow.of(1, 2).firstOrNull(i -> i > 5)).isNull();
    }

    @Test
    void lastAndSingle() {
        assertThat(Flow.of(1, 2, 3).last()).isEqualTo(3);
        assertThat(Flow.empty().lastOrNull()).isNull();
        assertThatThrownBy(() -> Flow.empty().last()).isInstanceOf(NoSuchElementException.class);
        assertThat(Flow.of(7).single()).isEqualTo(7);
        assertThatThrownBy(() -> Flow.empty().single()).isInstanceOf(NoSuchElementException.class);
        Probe probe = new Probe();
        assertThatThrownBy(() -> probe.infinite().single()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than one");
        assertThat(probe.emitted).as("stopped at the second element").hasValue(2);
        assertThat(Flow.of(7).singleOrNull()).isEqualTo(7);
        assertThat(Flow.empty().singleOrNull()).isNull();
        Probe probe2 = new Probe();
        assertThat(probe2.infinite().singleOrNull()).isNull();
        assertThat(probe2.emitted).hasValue(2);
    }

    @Test
    void reductions() {
        assertThat(Flow.of(1, 2, 3).reduce(Integer::sum)).isEqualTo(6);
        assertThatThrownBy(() -> Flow.<Integer>empty().reduce(Integer::sum)).isInstanceOf(NoSuchElementException.class);
        assertThat(Flow.of(1, 2, 3).fold("", (s, i) -> s + i)).isEqualTo("123");
        assertThat(Flow.<Integer>empty().fold(10, Integer::sum)).isEqualTo(10);
        assertThatThrownBy(() -> Flow.of(1).fold(0, (a, b) -> null)).isInstanceOf(NullPointerException.class);
        assertThat(Flow.range(0, 10).count()).isEqualTo(10);
        assertThat(Flow.range(0, 10).count(i -> i % 3 == 0)).isEqualTo(4);
    }

    @Test
    void anyAllNoneStopAtTheDecidingElement() {
        Probe probe = new Probe();
        assertThat(probe.infinite().any(i -> i == 3)).isTrue();
        assertThat(probe.emitted).hasValue(4);
        Probe probe2 = new Probe();
        assertThat(probe2.infinite().all(i -> i < 2)).isFalse();
        assertThat(probe2.emitted).hasValue(3);
        Probe probe3 = new Probe();
        assertThat(probe3.infinite().none(i -> i == 1)).isFalse();
        assertThat(probe3.emitted).hasValue(2);
        assertThat(Flow.of(1, 2).all(i -> i > 0)).isTrue();
        assertThat(Flow.of(1, 2).any(i -> i > 5)).isFalse();
        assertThat(Flow.of(1, 2).none(i -> i > 5)).isTrue();
        assertThat(Flow.<Integer>empty().all(i -> false)).isTrue();
        assertThat(Flow.<Integer>empty().any(i -> true)).isFalse();
        assertThat(Flow.<Integer>empty().none(i -> true)).isTrue();
    }

    @Test
    void collectIndexedAndForEach() {
        List<String> got = new ArrayList<>();
        Flow.of("a", "b").collectIndexed((i, v) -> got.add(i + v));
        Flow.of("c").forEach(got::add);
        assertThat(got).containsExactly("0a", "1b", "c");
    }

    @Test
    void terminalsInsideATakeAreNotConfusedByItsStop() {
        // first() nested inside a flow that a downstream take stops
        Flow<Integer> flow = Flow.range(0, 5).map(i -> Flow.range(i, i + 10).first()).take(2);
        assertThat(flow.toList()).containsExactly(0, 1);
    }

    @Test
    void launchInCollectsInTheScopeAndCanBeCancelled() throws Exception {
        List<Integer> got = new CopyOnWriteArrayList<>();
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = Flow.of(1, 2, 3).onEach(got::add).launchIn(scope);
            job.join();
            assertThat(got).containsExactly(1, 2, 3);
            Probe probe = new Probe();
            Job endless = probe.infinite().launchIn(scope);
            probe.firstEmitted.await();
            endless.cancel();
            endless.join();
            assertThat(endless.isCancelled()).isTrue();
            assertThat(probe.finished).isTrue();
        }
    }

    @Test
    void launchInFailureFailsTheJob() {
        IllegalStateException failure = new IllegalStateException("launched");
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT);
                LogCapture log = LogCapture.of("dev.weft.core")) {
            Job job = Flow.<Integer>error(failure).launchIn(scope);
            job.join();
            assertThat(job.isCancelled()).isTrue();
            assertThat(scope.isActive()).as("a supervisor keeps going").isTrue();
            // nobody awaits a launched job: its failure is logged as the coroutine's uncaught failure
            LogRecord r = log.awaitOnly(Level.SEVERE);
            assertThat(r.getMessage()).startsWith("uncaught failure in coroutine");
            assertThat(r.getThrown()).isSameAs(failure);
        }
    }
}
