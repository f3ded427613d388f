package dev.weft.flow.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.flow.Flow;
import dev.weft.flow.internal.FusibleFlow;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Races between the two sides of the bridge, bounded in rounds and time: every element arrives
 * once and in order, cancellation from either side ends everything, nothing is left running (the
 * leak check extension verifies that after each test).
 */
class BridgeStressTest {
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(8);

    private static Flow<Integer> range(int n) {
        return c -> {
            for (int i = 0; i < n; i++) {
                c.emit(i);
            }
        };
    }

    @Test
    void roundTripAcrossDispatchersKeepsEveryElementInOrder() throws Exception {
        try (CloseableDispatcher producer = Dispatchers.newSingleThread("producer");
             CloseableDispatcher requester = Dispatchers.newSingleThread("requester")) {
            long deadline = System.nanoTime() + BUDGET_NANOS;
            for (int round = 0; round < 30 && System.nanoTime() < deadline; round++) {
                int n = 10_000;
                int prefetch = 1 + ThreadLocalRandom.current().nextInt(64);
                Flow<Integer> handedOver = ReactiveFlows.asFlow(ReactiveFlows.asPublisher(range(n), producer), prefetch);
                Flow<Integer> onRequester = round % 2 == 0 ? handedOver
                        : ((FusibleFlow<Integer>) handedOver).fuse(requester, FusibleFlow.OPTIONAL_CHANNEL, BufferOverflow.SUSPEND);
                int[] next = {0};
                Coroutines.runBlocking(() -> {
                    onRequester.collect(v -> {
                        if (v != next[0]) {
                            throw new AssertionError("expected " + next[0] + " got " + v);
                        }
                        next[0]++;
                    });
                    return null;
                });
                assertThat(next[0]).isEqualTo(n);
            }
        }
    }

    @Test
    void cancellingCollectorsAtRandomPointsLeavesNothingRunning() throws Exception {
        ExecutorService publisherThreads = Executors.newFixedThreadPool(2);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            long deadline = System.nanoTime() + BUDGET_NANOS;
            for (int round = 0; round < 200 && System.nanoTime() < deadline; round++) {
                RangePublisher p = new RangePublisher(0, Integer.MAX_VALUE, round % 2 == 0 ? publisherThreads : null);
                AtomicInteger seen = new AtomicInteger();
                Job job = scope.launch(() -> ReactiveFlows.asFlow(p, 8).collect(v -> seen.incrementAndGet()));
                int target = ThreadLocalRandom.current().nextInt(1, 2000);
                while (seen.get() < target && !job.isCompleted()) {
                    Thread.onSpinWait();
                }
                job.cancel();
                job.join();
                assertThat(job.isCancelled()).isTrue();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (p.cancels.get() == 0 && System.nanoTime() < until) {
                    Thread.sleep(1);
                }
                assertThat(p.cancels).hasValue(1);
            }
        } finally {
            publisherThreads.shutdownNow();
        }
    }

    @Test
    void subscribersCancellingAtRandomPointsEndTheirCoroutines() throws Exception {
        long deadline = System.nanoTime() + BUDGET_NANOS;
        for (int round = 0; round < 200 && System.nanoTime() < deadline; round++) {
            AtomicInteger ended = new AtomicInteger();
            Flow<Integer> f = c -> {
                try {
                    range(Integer.MAX_VALUE).collect(c);
                } finally {
                    ended.incrementAndGet();
                }
            };
            int cancelAt = ThreadLocalRandom.current().nextInt(1, 500);
            TestSubscriber<Integer> s = new TestSubscriber<>();
            ReactiveFlows.asPublisher(f).subscribe(s);
            Thread requester = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1000; i++) {
                    s.request(1 + ThreadLocalRandom.current().nextInt(3));
                }
            });
            while (s.values.size() < cancelAt) {
                Thread.onSpinWait();
            }
            s.cancel();
            requester.join();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ended.get() == 0 && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            assertThat(ended).hasValue(1);
            assertThat(s.terminalSignals).isZero();
            int size = s.values.size();
            for (int i = 0; i < size; i++) {
                assertThat(s.values.get(i)).isEqualTo(i);
            }
        }
    }

    @Test
    void awaitsRacingWithCancellation() throws Exception {
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            long deadline = System.nanoTime() + BUDGET_NANOS;
            for (int round = 0; round < 300 && System.nanoTime() < deadline; round++) {
                ManualPublisher<Integer> p = new ManualPublisher<>();
                p.onRequest((sub, n) -> Thread.ofPlatform().start(() -> sub.onNext(1)));
                var d = scope.async(() -> ReactiveFlows.awaitFirst(p));
                if (ThreadLocalRandom.current().nextBoolean()) {
                    d.cancel();
                }
                try {
                    assertThat(d.await()).isEqualTo(1);
                } catch (CancellationException cancelled) {
                    // the coroutine has ended; if it got as far as subscribing, it cancelled
                    if (p.subscribed.getCount() == 0) {
                        p.awaitCancelled();
                    }
                }
                assertThat(p.cancels.get()).isLessThanOrEqualTo(1);
            }
        }
    }
}
