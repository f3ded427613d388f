package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.testkit.Fixtures.CountingIterable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/**
 * {@code asFlow} of a {@code SYNC}-fuseable Flux ({@code range}, {@code fromIterable},
 * {@code generate}, and fuseable operators after them): the collecting coroutine polls the source,
 * so nothing is produced ahead of the collector, and Reactor's hooks (operator errors, cancel,
 * discard) behave as with Reactor's own fused consumers.
 */
class SyncFusionTest {

    @AfterEach
    void resetHooks() {
        Hooks.resetOnOperatorError();
    }

    @Test
    void aFusedSourceProducesNothingAheadOfTheCollector() {
        CountingIterable source = new CountingIterable();
        AtomicInteger cancels = new AtomicInteger();
        List<Integer> got = Coroutines.runBlocking(() -> ReactorFlows.asFlow(
                Flux.fromIterable(source).doOnCancel(cancels::incrementAndGet)).take(3).toList());
        assertThat(got).containsExactly(0, 1, 2);
        // the queue-and-request path would have taken a whole prefetch (256) from the iterator
        assertThat(source.taken()).isEqualTo(3);
        assertThat(cancels).hasValue(1);
    }

    @Test
    void reactorOperatorsAndWeftStagesRunOnTheCollectingCoroutine() {
        List<Thread> mapThreads = new CopyOnWriteArrayList<>();
        Thread[] collector = new Thread[1];
        List<Integer> got = Coroutines.runBlocking(() -> {
            collector[0] = Thread.currentThread();
            return ReactorFlows.asFlow(Flux.range(0, 10_000).map(i -> {
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
    void aFailingOperatorGoesThroughReactorsHookAndCancelsOnce() {
        List<Throwable> hooked = new CopyOnWriteArrayList<>();
        Hooks.onOperatorError((e, data) -> {
            hooked.add(e);
            return e;
        });
        AtomicInteger cancels = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            ReactorFlows.asFlow(Flux.range(0, 100).doOnCancel(cancels::incrementAndGet).map(i -> {
                if (i == 5) {
                    throw new IllegalArgumentException("bad element " + i);
                }
                return i;
            })).collect(seen::add);
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad element 5");
        assertThat(seen).containsExactly(0, 1, 2, 3, 4);
        assertThat(hooked).singleElement().satisfies(e -> assertThat(e).hasMessage("bad element 5"));
        assertThat(cancels).hasValue(1);
    }

    @Test
    void cancellingTheCollectorStopsAnEndlessFusedSource() throws Exception {
        CountingIterable source = new CountingIterable();
        AtomicInteger cancels = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        Job job = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Job j = scope.launch(Dispatchers.DEFAULT, () -> ReactorFlows.asFlow(
                    Flux.fromIterable(source).doOnCancel(cancels::incrementAndGet)).collect(i -> running.countDown()));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            j.cancel();
            j.join();
            return j;
        }));
        assertThat(job.isCancelled()).isTrue();
        assertThat(cancels).hasValue(1);
        int stoppedAt = source.taken();
        Thread.sleep(20);
        assertThat(source.taken()).as("nothing is taken after the cancel").isEqualTo(stoppedAt);
    }

    @Test
    void anEarlyStopLetsTheSourceDiscardWhatItStillHolds() {
        List<Object> discarded = new CopyOnWriteArrayList<>();
        List<Integer> got = Coroutines.runBlocking(() -> ReactorFlows.asFlow(
                Flux.fromIterable(List.of(1, 2, 3, 4, 5, 6)).doOnDiscard(Integer.class, discarded::add)).take(2).toList());
        assertThat(got).containsExactly(1, 2);
        assertThat(discarded).containsExactly(3, 4, 5, 6);
    }

    @Test
    void generateAndJustAreFusedToo() {
        AtomicInteger generated = new AtomicInteger();
        List<Integer> got = Coroutines.runBlocking(() -> ReactorFlows.asFlow(Flux.<Integer>generate(sink -> {
            sink.next(generated.getAndIncrement());
        })).take(4).toList());
        assertThat(got).containsExactly(0, 1, 2, 3);
        assertThat(generated).hasValue(4);
        assertThat(Coroutines.runBlocking(() -> ReactorFlows.asFlow(Mono.just("x")).map(s -> s + "y").toList()))
                .containsExactly("xy");
    }
}
