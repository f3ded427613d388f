package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CoroutineDebug;
import dev.weft.core.Coroutines;
import dev.weft.core.Job;
import dev.weft.flow.Flow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Races between completion and cancellation from either side, bounded in count and time: every
 * round ends with a value or a cancellation (never a hang, a lost error or a leaked coroutine).
 */
class ReactorStressTest {
    private static final int ROUNDS = 300;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final List<Throwable> dropped = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void reset() {
        Hooks.resetOnErrorDropped();
    }

    @Test
    void awaitRacingTheCancellationOfTheAwaitingCoroutine() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger values = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int rounds = 0;
        while (rounds < ROUNDS && System.nanoTime() < deadline) {
            rounds++;
            AtomicInteger upstreamCancels = new AtomicInteger();
            Mono<Integer> m = Mono.just(1).delayElement(Duration.ofNanos(ThreadLocalRandom.current().nextInt(50_000)))
                    .doOnCancel(upstreamCancels::incrementAndGet);
            Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
                Job j = scope.launch(() -> {
                    started.incrementAndGet(); // a coroutine cancelled before it ran never runs its body
                    try {
                        ReactorFlows.await(m);
                        values.incrementAndGet();
                    } catch (CancellationException e) {
                        cancelled.incrementAndGet();
                        throw e;
                    }
                });
                Thread.onSpinWait();
                j.cancel();
                j.join();
                return null;
            }));
            assertThat(upstreamCancels.get()).isLessThanOrEqualTo(1);
        }
        assertThat(values.get() + cancelled.get()).isEqualTo(started.get());
        assertThat(started.get()).isLessThanOrEqualTo(rounds);
    }

    @Test
    void disposingAMonoRacingItsCompletion() throws Exception {
        Hooks.onErrorDropped(dropped::add);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int rounds = 0;
        AtomicInteger started = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        int liveBefore = CoroutineDebug.liveCount();
        while (rounds < ROUNDS && System.nanoTime() < deadline) {
            rounds++;
            int k = rounds;
            reactor.core.Disposable d = ReactorFlows.mono(() -> {
                started.incrementAndGet(); // disposed before the coroutine ran: the body never runs
                try {
                    Coroutines.yieldNow();
                    return ReactorFlows.await(Mono.just(k).publishOn(Schedulers.parallel()));
                } finally {
                    ended.incrementAndGet();
                }
            }).subscribe(v -> { }, e -> dropped.add(e));
            d.dispose();
        }
        // A body may still start after its dispose (its coroutine was already running), so comparing
        // the two counters at one instant races with late starts: wait until every coroutine the
        // subscriptions launched has ended, then no body can start any more.
        long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (CoroutineDebug.liveCount() > liveBefore && System.nanoTime() < wait) {
            Thread.sleep(5);
        }
        assertThat(CoroutineDebug.liveCount()).as("every subscription's coroutine ended").isLessThanOrEqualTo(liveBefore);
        assertThat(ended.get()).as("every body that started ended").isEqualTo(started.get());
        assertThat(dropped).isEmpty();
    }

    @Test
    void cancellingAsFluxRacingTheFlowsEnd() {
        Hooks.onErrorDropped(dropped::add);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int rounds = 0;
        while (rounds < ROUNDS && System.nanoTime() < deadline) {
            rounds++;
            int n = ThreadLocalRandom.current().nextInt(1, 64);
            List<Integer> got = Flux.from(ReactorFlows.asFlux(Flow.range(0, n)))
                    .take(ThreadLocalRandom.current().nextInt(1, 64)).collectList().block(Duration.ofSeconds(5));
            assertThat(got).isNotNull();
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i)).isEqualTo(i);
            }
        }
        assertThat(dropped).isEmpty();
    }

    @Test
    void asFlowOfAnAsynchronousFluxRacingAnEarlyStop() {
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int rounds = 0;
        while (rounds < ROUNDS && System.nanoTime() < deadline) {
            rounds++;
            int take = ThreadLocalRandom.current().nextInt(1, 300);
            List<Integer> got = Coroutines.runBlocking(() -> ReactorFlows.asFlow(
                    Flux.range(0, 1000).publishOn(Schedulers.parallel(), 32)).take(take).toList());
            assertThat(got).hasSize(take);
            assertThat(got.get(take - 1)).isEqualTo(take - 1);
        }
    }
}
