package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LimitOpsTest {

    @Test
    void takeEmitsTheFirstElementsAndProducesNoMore() {
        Probe probe = new Probe();
        assertThat(probe.infinite().take(5).toList()).containsExactly(0, 1, 2, 3, 4);
        assertThat(probe.emitted).as("not one element more than taken").hasValue(5);
        assertThat(probe.finished).isTrue();
    }

    @Test
    void takeOfMoreThanThereIsTakesAll() {
        assertThat(Flow.range(0, 3).take(10).toList()).containsExactly(0, 1, 2);
    }

    @Test
    void takeZeroDoesNotCollectTheUpstream() {
        Probe probe = new Probe();
        assertThat(probe.infinite().take(0).toList()).isEmpty();
        assertThat(probe.collections).hasValue(0);
    }

    @Test
    void takeRejectsANegativeCountAtAssembly() {
        assertThatThrownBy(() -> Flow.of(1).take(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void nestedTakesEachStopAtTheirOwnCount() {
        Probe probe = new Probe();
        assertThat(probe.infinite().take(10).map(x -> x * 2).take(3).toList()).containsExactly(0, 2, 4);
        assertThat(probe.emitted).hasValue(3);
        Probe probe2 = new Probe();
        assertThat(probe2.infinite().take(2).take(5).toList()).containsExactly(0, 1);
        assertThat(probe2.emitted).hasValue(2);
    }

    @Test
    void takeInsideAnInnerFlowDoesNotStopTheOuter() {
        Flow<Integer> flow = Flow.of(1, 2, 3).flatMapConcat(i -> new Probe().infinite().take(i));
        assertThat(flow.toList()).containsExactly(0, 0, 1, 0, 1, 2);
    }

    @Test
    void takeIsInvisibleToTheUpstreamsCatchError() {
        List<Throwable> handled = new ArrayList<>();
        Flow<Integer> flow = new Probe().infinite().catchError((e, out) -> handled.add(e)).take(2);
        assertThat(flow.toList()).containsExactly(0, 1);
        assertThat(handled).isEmpty();
    }

    @Test
    void theUpstreamSeesTheStopAsACancellationAndItsFinallyRuns() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Flow<Integer> flow = Flow.flow(out -> {
            try {
                out.emit(1);
                out.emit(2);
            } catch (Throwable t) {
                seen.set(t);
                throw t;
            }
        });
        assertThat(flow.take(1).toList()).containsExactly(1);
        assertThat(seen.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void aTakeWhoseStopIsSwallowedUpstreamStillEndsAndEmitsNoMore() {
        // a raw (unchecked) flow that ignores the stop and keeps emitting
        Flow<Integer> rude = c -> {
            for (int i = 0; i < 5; i++) {
                try {
                    c.emit(i);
                } catch (CancellationException ignored) {
                    // keeps going
                }
            }
        };
        assertThat(rude.take(2).toList()).containsExactly(0, 1);
    }

    @Test
    void takeWhileStopsAtTheFirstMismatchWithoutEmittingIt() {
        Probe probe = new Probe();
        assertThat(probe.infinite().takeWhile(i -> i < 3).toList()).containsExactly(0, 1, 2);
        assertThat(probe.emitted).hasValue(4);
        assertThat(probe.finished).isTrue();
    }

    @Test
    void transformWhileEmitsThenStops() {
        Probe probe = new Probe();
        Flow<String> flow = probe.infinite().transformWhile((v, out) -> {
            out.emit("v" + v);
            return v < 2;
        });
        assertThat(flow.toList()).containsExactly("v0", "v1", "v2");
        assertThat(probe.emitted).hasValue(3);
    }

    @Test
    void dropAndDropWhileSkipTheHead() {
        assertThat(Flow.range(0, 5).drop(2).toList()).containsExactly(2, 3, 4);
        assertThat(Flow.range(0, 5).drop(0).toList()).containsExactly(0, 1, 2, 3, 4);
        assertThat(Flow.range(0, 5).drop(9).toList()).isEmpty();
        assertThat(Flow.of(1, 2, 5, 1).dropWhile(i -> i < 3).toList()).containsExactly(5, 1);
        assertThatThrownBy(() -> Flow.of(1).drop(-1)).isInstanceOf(IllegalArgumentException.class);
        Flow<Integer> dropped = Flow.range(0, 4).drop(2);
        assertThat(dropped.toList()).as("state is per collection").isEqualTo(dropped.toList());
    }
}
