package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BuildersTest {

    @Test
    void ofEmitsItsValuesInOrderAndCopiesTheArray() {
        Integer[] values = {1, 2, 3};
        Flow<Integer> flow = Flow.of(values);
        values[0] = 99;
        assertThat(flow.toList()).containsExactly(1, 2, 3);
        assertThat(Flow.of("x").toList()).containsExactly("x");
        assertThat(Flow.<String>of().toList()).isEmpty();
    }

    @Test
    void ofRejectsNullElementsAtAssembly() {
        assertThatThrownBy(() -> Flow.of(1, null, 3))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("values[1]");
    }

    @Test
    void emptyCompletesAtOnce() {
        assertThat(Flow.empty().toList()).isEmpty();
        assertThat(Flow.empty().count()).isZero();
    }

    @Test
    void rangeIsHalfOpenAndRejectsABackwardRange() {
        assertThat(Flow.range(3, 6).toList()).containsExactly(3, 4, 5);
        assertThat(Flow.range(4, 4).toList()).isEmpty();
        assertThat(Flow.range(Integer.MAX_VALUE - 1, Integer.MAX_VALUE).toList()).containsExactly(Integer.MAX_VALUE - 1);
        assertThatThrownBy(() -> Flow.range(5, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before its start");
    }

    @Test
    void fromIterableIteratesAnewAtEachCollection() {
        List<String> source = new ArrayList<>(List.of("a", "b"));
        Flow<String> flow = Flow.fromIterable(source);
        assertThat(flow.toList()).containsExactly("a", "b");
        source.add("c");
        assertThat(flow.toList()).containsExactly("a", "b", "c");
    }

    @Test
    void fromIterableFailsOnANullElementAtEmitTime() {
        Flow<String> flow = Flow.fromIterable(Arrays.asList("a", null));
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> flow.collect(seen::add))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("null element");
        assertThat(seen).containsExactly("a");
    }

    @Test
    void fromIteratorIsSingleUse() {
        Iterator<Integer> it = List.of(1, 2, 3).iterator();
        Flow<Integer> flow = Flow.fromIterator(it);
        assertThat(flow.take(2).toList()).containsExactly(1, 2);
        assertThatThrownBy(flow::toList)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only once");
    }

    @Test
    void fromStreamClosesTheStreamHoweverTheCollectionEnds() {
        AtomicInteger closed = new AtomicInteger();
        Flow<Integer> complete = Flow.fromStream(Stream.of(1, 2, 3).onClose(closed::incrementAndGet));
        assertThat(complete.toList()).containsExactly(1, 2, 3);
        assertThat(closed).hasValue(1);

        Flow<Integer> stopped = Flow.fromStream(Stream.iterate(0, i -> i + 1).onClose(closed::incrementAndGet));
        assertThat(stopped.take(2).toList()).containsExactly(0, 1);
        assertThat(closed).hasValue(2);

        Flow<Integer> failed = Flow.fromStream(Stream.of(1, 2).onClose(closed::incrementAndGet));
        assertThatThrownBy(() -> failed.collect(v -> {
            throw new IOException("x");
        })).isInstanceOf(IOException.class);
        assertThat(closed).hasValue(3);
        assertThatThrownBy(failed::toList).isInstanceOf(IllegalStateException.class).hasMessageContaining("defer");
    }

    @Test
    void fromSupplierCallsItAtEachCollection() {
        AtomicInteger calls = new AtomicInteger();
        Flow<Integer> flow = Flow.fromSupplier(calls::incrementAndGet);
        assertThat(calls).hasValue(0);
        assertThat(flow.toList()).containsExactly(1);
        assertThat(flow.toList()).containsExactly(2);
        assertThatThrownBy(() -> Flow.fromSupplier(() -> null).toList())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("supplier returned null");
        IOException io = new IOException("x");
        assertThatThrownBy(() -> Flow.fromSupplier(() -> {
            throw io;
        }).collect(v -> { })).isSameAs(io);
    }

    @Test
    void fromCompletionStageWaitsForTheValue() throws Exception {
        CompletableFuture<String> future = new CompletableFuture<>();
        Flow<String> flow = Flow.fromCompletionStage(future);
        AtomicReference<List<String>> got = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> got.set(flow.toList()));
        Thread.sleep(20);
        assertThat(t.isAlive()).as("waits for the stage").isTrue();
        future.complete("v");
        t.join(10_000);
        assertThat(got.get()).containsExactly("v");
        assertThat(Flow.fromCompletionStage(CompletableFuture.completedFuture(null)).toList()).isEmpty();
    }

    @Test
    void fromCompletionStageUnwrapsItsFailure() {
        IOException io = new IOException("stage");
        CompletableFuture<String> failed = CompletableFuture.failedFuture(io);
        assertThatThrownBy(() -> Flow.fromCompletionStage(failed).collect(v -> { })).isSameAs(io);
        CompletableFuture<String> dependent = failed.thenApply(s -> s + "!");
        assertThatThrownBy(() -> Flow.fromCompletionStage(dependent).collect(v -> { })).isSameAs(io);
    }

    @Test
    void fromCompletionStageStopsWaitingWhenCancelledButLeavesTheStageAlone() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> {
                started.countDown();
                try {
                    Flow.fromCompletionStage(never).collect(v -> { });
                } catch (Throwable e) {
                    seen.set(e);
                    throw e;
                }
            });
            started.await();
            Thread.sleep(20);
            job.cancel();
            job.join();
        }
        assertThat(seen.get()).isInstanceOf(CancellationException.class);
        assertThat(never.isDone()).isFalse();
    }

    @Test
    void deferCallsTheFactoryAtEachCollection() {
        AtomicInteger calls = new AtomicInteger();
        Flow<Integer> flow = Flow.defer(() -> Flow.of(calls.incrementAndGet()));
        assertThat(calls).hasValue(0);
        assertThat(flow.toList()).containsExactly(1);
        assertThat(flow.toList()).containsExactly(2);
        assertThatThrownBy(() -> Flow.defer(() -> null).toList())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("factory returned null");
    }

    @Test
    void errorFailsEachCollectionWithTheSameException() {
        IOException io = new IOException("e");
        Flow<String> flow = Flow.error(io);
        assertThatThrownBy(() -> flow.collect(v -> { })).isSameAs(io);
        assertThatThrownBy(flow::toList).isInstanceOf(CompletionException.class).hasCause(io);
        AssertionError err = new AssertionError("err");
        assertThatThrownBy(() -> Flow.error(err).collect(v -> { })).isSameAs(err);
    }

    @Test
    void emitAllCollectsAnotherFlowIntoTheCollector() {
        Flow<Integer> flow = Flow.flow(out -> {
            out.emit(0);
            out.emitAll(Flow.range(1, 4));
            out.emit(4);
        });
        assertThat(flow.toList()).containsExactly(0, 1, 2, 3, 4);
        assertThat(flow.take(2).toList()).containsExactly(0, 1);
    }

    @Test
    void flowBlockRunsOnTheCollectingThread() throws Exception {
        AtomicReference<Thread> producer = new AtomicReference<>();
        Flow<Integer> flow = Flow.flow(out -> {
            producer.set(Thread.currentThread());
            out.emit(1);
        });
        flow.collect(v -> { });
        assertThat(producer.get()).isSameAs(Thread.currentThread());
        AtomicBoolean ran = new AtomicBoolean();
        Flow.flow(out -> ran.set(true));
        assertThat(ran).as("cold").isFalse();
    }
}
