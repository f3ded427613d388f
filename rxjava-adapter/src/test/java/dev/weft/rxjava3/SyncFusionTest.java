package dev.weft.rxjava3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.testkit.Fixtures.CountingIterable;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code asFlow} of a {@code SYNC}-fuseable Flowable ({@code range}, {@code fromIterable},
 * {@code generate}, and fuseable operators after them): the collecting coroutine polls the source,
 * so nothing is produced ahead of the collector, and a failure or an early stop ends it. (RxJava's
 * {@code doOnCancel} and {@code generate} are not fuseable, so the sources here are observed through
 * what they hand out.)
 */
class SyncFusionTest {

    @Test
    void aFusedSourceProducesNothingAheadOfTheCollector() {
        CountingIterable source = new CountingIterable();
        List<Integer> got = Coroutines.runBlocking(() -> RxFlows.asFlow(
                Flowable.fromIterable(source).map(i -> i)).take(3).toList());
        assertThat(got).containsExactly(0, 1, 2);
        // the queue-and-request path would have taken a whole prefetch (256) from the iterator
        assertThat(source.taken()).isEqualTo(3);
    }

    @Test
    void aSourceThatIsNotFuseableStillWorksThroughTheQueue() {
        AtomicInteger cancels = new AtomicInteger();
        CountingIterable source = new CountingIterable();
        List<Integer> got = Coroutines.runBlocking(() -> RxFlows.asFlow(
                Flowable.fromIterable(source).doOnCancel(cancels::incrementAndGet)).take(3).toList());
        assertThat(got).containsExactly(0, 1, 2);
        assertThat(source.taken()).as("doOnCancel is not fuseable: a prefetch was requested").isGreaterThan(3);
        assertThat(cancels).hasValue(1);
    }

    @Test
    void rxOperatorsAndWeftStagesRunOnTheCollectingCoroutine() {
        List<Thread> mapThreads = new CopyOnWriteArrayList<>();
        Thread[] collector = new Thread[1];
        List<Integer> got = Coroutines.runBlocking(() -> {
            collector[0] = Thread.currentThread();
            return RxFlows.asFlow(Flowable.range(0, 10_000).map(i -> {
                        mapThreads.add(Thread.currentThread());
                        return i * 2;
                    }).filter(i -> i % 4 == 0))
                    .map(i -> i + 1).filter(i -> i % 3 != 0).toList();
        });
        assertThat(got).containsExactlyElementsOf(IntStream.range(0, 10_000).map(i -> i * 2).filter(i -> i % 4 == 0)
                .map(i -> i + 1).filter(i -> i % 3 != 0).boxed().toList());
        assertThat(mapThreads).hasSize(10_000).allMatch(t -> t == collector[0]);
    }

    @Test
    void aFailingOperatorFailsTheCollectionAndEndsTheSource() {
        CountingIterable source = new CountingIterable();
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            RxFlows.asFlow(Flowable.fromIterable(source).map(i -> {
                if (i == 5) {
                    throw new IllegalArgumentException("bad element " + i);
                }
                return i;
            })).collect(seen::add);
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad element 5");
        assertThat(seen).containsExactly(0, 1, 2, 3, 4);
        assertThat(source.taken()).as("nothing taken after the failing element").isEqualTo(6);
    }

    @Test
    void cancellingTheCollectorStopsAnEndlessFusedSource() throws Exception {
        CountingIterable source = new CountingIterable();
        CountDownLatch running = new CountDownLatch(1);
        Job job = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Job j = scope.launch(Dispatchers.DEFAULT, () -> RxFlows.asFlow(
                    Flowable.fromIterable(source)).collect(i -> running.countDown()));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            j.cancel();
            j.join();
            return j;
        }));
        assertThat(job.isCancelled()).isTrue();
        int stoppedAt = source.taken();
        Thread.sleep(20);
        assertThat(source.taken()).as("nothing is taken after the cancel").isEqualTo(stoppedAt);
    }

    @Test
    void arrayAndSingleElementSourcesAreFusedToo() {
        AtomicInteger mapped = new AtomicInteger();
        List<Integer> got = Coroutines.runBlocking(() -> RxFlows.asFlow(Flowable.fromArray(0, 1, 2, 3, 4, 5, 6, 7)
                .map(i -> {
                    mapped.incrementAndGet();
                    return i;
                })).take(4).toList());
        assertThat(got).containsExactly(0, 1, 2, 3);
        assertThat(mapped).as("fused: mapped on demand only").hasValue(4);
        assertThat(Coroutines.runBlocking(() -> RxFlows.asFlow(Flowable.just("x")).map(s -> s + "y").toList()))
                .containsExactly("xy");
    }
}
