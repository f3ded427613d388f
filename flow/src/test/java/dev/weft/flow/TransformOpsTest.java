package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The element-wise operators; the shared unhappy paths are in {@link OperatorContractTest}. */
class TransformOpsTest {

    @Test
    void theExampleOfFlowsJavadoc() {
        List<String> names = Flow.range(0, 10)
                .filter(i -> i % 2 == 0)
                .map(i -> "item-" + i)
                .take(3)
                .toList();
        assertThat(names).containsExactly("item-0", "item-2", "item-4");
    }

    @Test
    void mapTransformsEachElement() {
        assertThat(Flow.range(0, 4).map(i -> "v" + i).toList()).containsExactly("v0", "v1", "v2", "v3");
    }

    @Test
    void aFailingMapperEndsTheFlowWithItsException() {
        Probe probe = new Probe();
        IOException io = new IOException("mapper");
        assertThatThrownBy(() -> probe.infinite().map(i -> {
            if (i == 2) {
                throw io;
            }
            return i;
        }).collect(v -> { })).isSameAs(io);
        assertThat(probe.emitted).hasValue(3);
        assertThat(probe.finished).isTrue();
    }

    @Test
    void mapNotNullDropsNullResults() {
        assertThat(Flow.range(0, 6).mapNotNull(i -> i % 2 == 0 ? null : i).toList()).containsExactly(1, 3, 5);
    }

    @Test
    void filterAndFilterNotSplitTheElements() {
        assertThat(Flow.range(0, 6).filter(i -> i % 3 == 0).toList()).containsExactly(0, 3);
        assertThat(Flow.range(0, 6).filterNot(i -> i % 3 == 0).toList()).containsExactly(1, 2, 4, 5);
        assertThatThrownBy(() -> Flow.of(1).filter(i -> {
            throw new IOException("p");
        }).toList()).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void mapFollowedByFilterBehavesAsTheTwoOperators() {
        // fused into one collector internally
        assertThat(Flow.range(0, 10).map(x -> x * 3).filter(x -> x % 2 == 0).toList()).containsExactly(0, 6, 12, 18, 24);
        assertThat(Flow.range(0, 5).map(x -> x * 3).filterNot(x -> x % 2 == 0).toList()).containsExactly(3, 9);
        assertThatThrownBy(() -> Flow.of(1).map(x -> null).filter(x -> true).toList())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("mapper returned null");
        Flow<Integer> mapped = Flow.range(0, 4).map(x -> x + 1);
        assertThat(mapped.filter(x -> x > 2).toList()).containsExactly(3, 4);
        assertThat(mapped.toList()).as("the map alone is unchanged").containsExactly(1, 2, 3, 4);
    }

    @Test
    void filterIsInstanceKeepsAndCastsMatchingElements() {
        Flow<Object> mixed = Flow.of(1, "a", 2.0, "b");
        List<String> strings = mixed.filterIsInstance(String.class).toList();
        assertThat(strings).containsExactly("a", "b");
        assertThat(mixed.filterIsInstance(Number.class).toList()).containsExactly(1, 2.0);
    }

    @Test
    void transformCanEmitAnyNumberOfElementsPerInput() {
        Flow<String> flow = Flow.range(0, 3).transform((v, out) -> {
            for (int i = 0; i < v; i++) {
                out.emit(v + ":" + i);
            }
        });
        assertThat(flow.toList()).containsExactly("1:0", "2:0", "2:1");
    }

    @Test
    void transformThatSwallowsADownstreamFailureStillFailsWithIt() {
        IllegalStateException boom = new IllegalStateException("down");
        Flow<Integer> flow = Flow.of(1, 2, 3).transform((v, out) -> {
            try {
                out.emit(v);
            } catch (IllegalStateException e) {
                // swallowed: the transparency check rethrows it at the next emit or at the end
            }
        });
        assertThatThrownBy(() -> flow.collect(v -> {
            throw boom;
        })).satisfiesAnyOf(
                e -> assertThat(e).isSameAs(boom),
                e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasCause(boom));
    }

    @Test
    void onEachSeesEveryElementBeforeTheDownstream() throws Exception {
        List<String> log = new ArrayList<>();
        Flow.of(1, 2).onEach(v -> log.add("each " + v)).collect(v -> log.add("got " + v));
        assertThat(log).containsExactly("each 1", "got 1", "each 2", "got 2");
    }

    @Test
    void withIndexNumbersFromZeroAgainAtEachCollection() {
        Flow<IndexedValue<String>> flow = Flow.of("a", "b").withIndex();
        assertThat(flow.toList()).containsExactly(new IndexedValue<>(0, "a"), new IndexedValue<>(1, "b"));
        assertThat(flow.toList().get(0).index()).isZero();
    }

    @Test
    void runningFoldScanAndRunningReduce() {
        assertThat(Flow.of(1, 2, 3).runningFold(0, Integer::sum).toList()).containsExactly(0, 1, 3, 6);
        assertThat(Flow.of(1, 2, 3).scan(10, Integer::sum).toList()).containsExactly(10, 11, 13, 16);
        assertThat(Flow.of(1, 2, 3).runningReduce(Integer::sum).toList()).containsExactly(1, 3, 6);
        assertThat(Flow.<Integer>empty().runningFold(0, Integer::sum).toList()).containsExactly(0);
        assertThat(Flow.<Integer>empty().runningReduce(Integer::sum).toList()).isEmpty();
        Flow<Integer> folds = Flow.of(1, 2).runningFold(0, Integer::sum);
        assertThat(folds.toList()).isEqualTo(folds.toList());
        assertThatThrownBy(() -> Flow.of(1, 2).runningReduce((a, b) -> null).toList())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("operation returned null");
    }

    @Test
    void chunkedGroupsAndEmitsTheRest() {
        assertThat(Flow.range(0, 7).chunked(3).toList())
                .containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
        assertThat(Flow.range(0, 6).chunked(3).toList()).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5));
        assertThat(Flow.<Integer>empty().chunked(3).toList()).isEmpty();
        assertThatThrownBy(() -> Flow.of(1).chunked(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void chunkedDropsThePartialChunkWhenTheUpstreamFails() {
        List<List<Integer>> got = new ArrayList<>();
        IOException io = new IOException("x");
        assertThatThrownBy(() -> new Probe().failingAfter(4, io).chunked(3).collect(got::add)).isSameAs(io);
        assertThat(got).containsExactly(List.of(0, 1, 2));
    }

    @Test
    void distinctUntilChangedFamily() {
        assertThat(Flow.of(1, 1, 2, 2, 1, 3, 3).distinctUntilChanged().toList()).containsExactly(1, 2, 1, 3);
        assertThat(Flow.of("a", "A", "b", "B", "a").distinctUntilChangedBy(String::toLowerCase).toList())
                .containsExactly("a", "b", "a");
        assertThat(Flow.of(1, 2, 4, 5, 9).distinctUntilChanged((prev, next) -> next - prev <= 1).toList())
                .containsExactly(1, 4, 9);
        AtomicInteger keys = new AtomicInteger();
        assertThat(Flow.of(1, 2, 3).distinctUntilChangedBy(v -> {
            keys.incrementAndGet();
            return null;
        }).toList()).as("a null key is a key like any other").containsExactly(1);
        assertThat(keys).hasValue(3);
    }

    @Test
    void flatMapConcatCollectsInnerFlowsInOrder() {
        Flow<String> flow = Flow.of(1, 2, 3).flatMapConcat(i -> Flow.range(0, i).map(j -> i + "." + j));
        assertThat(flow.toList()).containsExactly("1.0", "2.0", "2.1", "3.0", "3.1", "3.2");
        assertThat(Flow.flattenConcat(Flow.of(Flow.of(1, 2), Flow.<Integer>empty(), Flow.of(3))).toList())
                .containsExactly(1, 2, 3);
    }

    @Test
    void flatMapConcatStopsOnAnInnerFailureAndOnADownstreamTake() {
        Probe outer = new Probe();
        IOException io = new IOException("inner");
        assertThatThrownBy(() -> outer.infinite()
                .flatMapConcat(i -> i == 2 ? Flow.error(io) : Flow.of(i, i)).collect(v -> { })).isSameAs(io);
        assertThat(outer.emitted).hasValue(3);
        assertThat(outer.finished).isTrue();

        Probe inner = new Probe();
        assertThat(Flow.of(1, 2, 3).flatMapConcat(i -> inner.infinite()).take(5).toList()).hasSize(5);
        assertThat(inner.collections).hasValue(1);
        assertThat(inner.finished).isTrue();
        assertThatThrownBy(() -> Flow.of(1).flatMapConcat(i -> null).toList())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("mapper returned a null flow");
    }

    @Test
    void cancellableReturnsFlowBuilderFlowsUnchanged() {
        Flow<Integer> block = Flow.flow(out -> out.emit(1));
        assertThat(block.cancellable()).isSameAs(block);
        Flow<Integer> range = Flow.range(0, 3);
        assertThat(range.cancellable()).isNotSameAs(range);
        assertThat(range.cancellable().toList()).containsExactly(0, 1, 2);
        Flow<Integer> twice = range.cancellable();
        assertThat(twice.cancellable()).isSameAs(twice);
    }

    @Test
    void toAppliesAUserDefinedOperator() {
        assertThat(Flow.range(0, 6).to(TransformOpsTest::everyOther).toList()).containsExactly(0, 2, 4);
        assertThat(Flow.of(1, 2).<Long>to(Flow::count)).isEqualTo(2L);
    }

    static <T> Flow<T> everyOther(Flow<T> f) {
        return f.withIndex().filter(iv -> iv.index() % 2 == 0).map(IndexedValue::value);
    }
}
