package dev.weft.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.channels.Channel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The multi-carrier scheduler behind {@code Dispatchers.DEFAULT} and {@code newFixed} (and, where
 * marked, the single-thread carrier): tasks are neither lost nor run twice, busy carriers do not
 * keep work from idle ones, and shutdown is clean.
 */
class CarrierSchedulerTest {

    /** Waits, without parking, until {@code condition} holds; false after 10 s. */
    private static boolean spinUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    @Test
    void childLaunchedByABusyCoroutineIsStolenByAnIdleCarrier() throws Exception {
        // the child lands in the busy carrier's local queue as its only, fresh task: an idle
        // carrier must still take it (after one nap) or the parent would spin forever
        try (CloseableDispatcher fixed = Dispatchers.newFixed(2, "steal-busy")) {
            Boolean ran = Coroutines.runBlocking(fixed, () -> Coroutines.coroutineScope(scope -> {
                AtomicBoolean childRan = new AtomicBoolean();
                scope.launch(() -> childRan.set(true));
                return spinUntil(childRan::get); // never parks: the carrier stays busy
            }));
            assertThat(ran).isTrue();
        }
    }

    @Test
    void coroutinesOfAFanOutRunOnEveryCarrierAtOnce() throws Exception {
        int carriers = 3;
        try (CloseableDispatcher fixed = Dispatchers.newFixed(carriers, "fan-out")) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            AtomicInteger started = new AtomicInteger();
            Boolean allTogether = Coroutines.runBlocking(fixed, () -> Coroutines.coroutineScope(scope -> {
                AtomicBoolean together = new AtomicBoolean(true);
                for (int i = 0; i < carriers; i++) {
                    scope.launch(() -> {
                        started.incrementAndGet();
                        // busy, not parked: only carriers running at the same time can all get past
                        if (!spinUntil(() -> started.get() == carriers)) {
                            together.set(false);
                        }
                        threads.add(carrierName());
                    });
                }
                return together; // read after the scope has joined its children
            })).get();
            assertThat(allTogether).isTrue();
            assertThat(threads).hasSize(carriers);
        }
    }

    private static String carrierName() {
        String s = Thread.currentThread().toString(); // VirtualThread[#id]/runnable@carrier-name
        return s.substring(s.lastIndexOf('@') + 1);
    }

    @Test
    void moreChildrenThanALocalQueueHoldsAllRun() throws Exception {
        try (CloseableDispatcher fixed = Dispatchers.newFixed(2, "overflow")) {
            AtomicInteger ran = new AtomicInteger();
            int n = 5_000; // the local queue holds 256: the rest overflows to the shared queue
            Coroutines.runBlocking(fixed, () -> Coroutines.coroutineScope(scope -> {
                for (int i = 0; i < n; i++) {
                    scope.launch(ran::incrementAndGet);
                }
                return null;
            }));
            assertThat(ran).hasValue(n);
        }
    }

    @Test
    void aSingleThreadCarrierRunsMoreLocalWakeUpsThanItsRingHoldsEachOnce() throws Exception {
        // SerialCarrier: submissions from its own thread use a 256-slot ring, the rest a shared queue
        try (CloseableDispatcher single = Dispatchers.newSingleThread("serial-overflow")) {
            List<Integer> order = new ArrayList<>();
            int n = 2_000;
            Coroutines.runBlocking(single, () -> Coroutines.coroutineScope(scope -> {
                for (int i = 0; i < n; i++) {
                    int k = i;
                    scope.launch(() -> order.add(k)); // one thread: no data race on the list
                }
                return null;
            }));
            assertThat(order).hasSize(n);
            assertThat(new HashSet<>(order)).hasSize(n);
        }
    }

    @Test
    void pingPongStressOnSeveralPoolSizesLosesNothing() throws Exception {
        for (int carriers : new int[] {1, 2, 3, 4}) {
            try (CloseableDispatcher fixed = carriers == 1 ? Dispatchers.newSingleThread("pingpong-1")
                    : Dispatchers.newFixed(carriers, "pingpong-" + carriers);
                 OwnedScope scope = CoroutineScope.of(fixed)) {
                int pairs = 8;
                int rounds = 2_000;
                AtomicLong total = new AtomicLong();
                List<Job> jobs = new ArrayList<>();
                for (int p = 0; p < pairs; p++) {
                    Channel<Integer> ping = Channel.rendezvous();
                    Channel<Integer> pong = Channel.rendezvous();
                    jobs.add(scope.launch(() -> {
                        for (int i = 0; i < rounds; i++) {
                            ping.send(i);
                            total.addAndGet(pong.receive());
                        }
                    }));
                    jobs.add(scope.launch(() -> {
                        for (int i = 0; i < rounds; i++) {
                            int x = ping.receive();
                            if (ThreadLocalRandom.current().nextInt(64) == 0) {
                                Coroutines.yieldNow(); // a yield joins the carrier's own queue
                            }
                            pong.send(x + 1);
                        }
                    }));
                }
                for (Job j : jobs) {
                    j.join();
                }
                long perPair = (long) rounds * (rounds + 1) / 2; // sum of (i + 1)
                assertThat(total).as("carriers=%d", carriers).hasValue(perPair * pairs);
            }
        }
    }

    @Test
    void wakeUpsFromPlatformThreadsReachBusyAndIdleCarriers() throws Exception {
        try (CloseableDispatcher fixed = Dispatchers.newFixed(2, "external")) {
            int n = 2_000;
            CountDownLatch done = new CountDownLatch(n);
            try (OwnedScope scope = CoroutineScope.of(fixed)) {
                for (int i = 0; i < n; i++) {
                    CountDownLatch gate = new CountDownLatch(1);
                    scope.launch(() -> {
                        gate.await(); // parks the coroutine; counted down from this platform thread
                        done.countDown();
                    });
                    gate.countDown();
                }
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    // ---------------------------------------------------------------- the executor on its own

    @Test
    void executorRunsEveryTaskOnceFromInsideAndOutside() throws Exception {
        CarrierScheduler s = new CarrierScheduler("exec-test", 3);
        try {
            int outside = 3_000;
            int insidePerTask = 3;
            AtomicInteger runs = new AtomicInteger();
            Set<Thread> carriers = ConcurrentHashMap.newKeySet();
            CountDownLatch all = new CountDownLatch(outside * (1 + insidePerTask));
            for (int i = 0; i < outside; i++) {
                s.execute(() -> {
                    carriers.add(Thread.currentThread());
                    runs.incrementAndGet();
                    all.countDown();
                    for (int k = 0; k < insidePerTask; k++) {
                        s.execute(() -> { // from a carrier: the local queue
                            runs.incrementAndGet();
                            all.countDown();
                        });
                    }
                });
            }
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(runs).hasValue(outside * (1 + insidePerTask));
            assertThat(new HashSet<>(carriers)).allSatisfy(t -> assertThat(t.getName()).startsWith("exec-test-"));
        } finally {
            s.shutdown();
            assertThat(s.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(s.isTerminated()).isTrue();
    }

    @Test
    void afterShutdownQueuedTasksStillRunAndNewOnesAreRefused() throws Exception {
        CarrierScheduler s = new CarrierScheduler("shutdown-test", 2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        s.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.incrementAndGet();
        });
        for (int i = 0; i < 10; i++) {
            s.execute(ran::incrementAndGet);
        }
        s.shutdown();
        assertThatThrownBy(() -> s.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("shutdown-test");
        assertThat(s.isTerminated()).isFalse();
        release.countDown();
        assertThat(s.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasValue(11);
        assertThatThrownBy(() -> s.execute(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CarrierScheduler("bad", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shutdownNowReturnsWhatWasQueued() throws Exception {
        CarrierScheduler s = new CarrierScheduler("shutdown-now", 1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        s.execute(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        Runnable queued = () -> { };
        s.execute(queued);
        assertThat(s.shutdownNow()).containsExactly(queued);
        release.countDown();
        assertThat(s.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void idleCarriersWakeForLaterWork() throws Exception {
        CarrierScheduler s = new CarrierScheduler("idle-test", 2);
        try {
            Thread.sleep(50); // long enough for both carriers to stop searching and park as idle
            CountDownLatch ran = new CountDownLatch(1);
            s.execute(ran::countDown);
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            s.shutdown();
            assertThat(s.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
