package dev.weft.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Order and fairness of both carrier executors driven directly (no virtual threads): each source
 * of tasks, a carrier's own submissions and everyone else's, is served in FIFO order, overflow of
 * the local ring included, and a task that keeps resubmitting itself (a coroutine looping on
 * {@code yieldNow()}) cannot starve a task submitted from outside.
 */
class CarrierFairnessTest {

    private static AbstractExecutorService serial(String name) {
        return new SerialCarrier(name);
    }

    private static void close(AbstractExecutorService e) throws InterruptedException {
        e.shutdown();
        assertThat(e.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(e.isTerminated()).isTrue();
    }

    /** A self-resubmitting task on one carrier ends only once a task from outside has run. */
    private static void yieldLoopDoesNotStarveOutside(AbstractExecutorService e) throws Exception {
        AtomicBoolean outsideRan = new AtomicBoolean();
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        CountDownLatch loopEnded = new CountDownLatch(1);
        long[] spins = {0};
        CountDownLatch looping = new CountDownLatch(1);
        Runnable loop = new Runnable() {
            @Override
            public void run() {
                loopThread.set(Thread.currentThread());
                looping.countDown();
                if (outsideRan.get()) {
                    loopEnded.countDown();
                    return;
                }
                if (++spins[0] > 50_000_000) { // starved for good: end, the assertion below fails
                    loopEnded.countDown();
                    return;
                }
                e.execute(this); // from the carrier: its own queue, as a yield does
            }
        };
        e.execute(loop);
        assertThat(looping.await(10, TimeUnit.SECONDS)).isTrue();
        e.execute(() -> outsideRan.set(true));
        assertThat(loopEnded.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(outsideRan).as("outside task starved by a resubmitting one").isTrue();
    }

    @Test
    void singleThreadCarrierResubmittingTaskDoesNotStarveOutsideWakeUps() throws Exception {
        AbstractExecutorService e = serial("serial-yield");
        try {
            yieldLoopDoesNotStarveOutside(e);
        } finally {
            close(e);
        }
    }

    @Test
    void oneCarrierSchedulerResubmittingTaskDoesNotStarveOutsideWakeUps() throws Exception {
        CarrierScheduler e = new CarrierScheduler("sched-yield", 1);
        try {
            yieldLoopDoesNotStarveOutside(e);
        } finally {
            close(e);
        }
    }

    /**
     * One task submits 1000 from the carrier: the first 256 fill the carrier's ring, the rest
     * overflow to the queue shared with outsiders. Within each source the order is FIFO, and
     * nothing is lost or run twice.
     */
    @Test
    void singleThreadCarrierKeepsEachSourceInOrderAcrossRingOverflow() throws Exception {
        AbstractExecutorService e = serial("serial-order");
        try {
            int n = 1_000;
            List<Integer> order = new ArrayList<>(); // touched by the carrier only
            CountDownLatch done = new CountDownLatch(n);
            e.execute(() -> {
                for (int i = 0; i < n; i++) {
                    int k = i;
                    e.execute(() -> {
                        order.add(k);
                        done.countDown();
                    });
                }
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            List<Integer> local = new ArrayList<>();
            List<Integer> overflow = new ArrayList<>();
            for (int k : order) {
                (k < 256 ? local : overflow).add(k);
            }
            assertThat(local).hasSize(256).isSorted();
            assertThat(overflow).hasSize(n - 256).isSorted();
        } finally {
            close(e);
        }
    }

    @Test
    void singleThreadCarrierRunsOutsideSubmissionsInOrderAndStaysIdleAfterwards() throws Exception {
        AbstractExecutorService e = serial("serial-outside");
        try {
            for (int round = 0; round < 20; round++) {
                int n = 200;
                List<Integer> order = new ArrayList<>();
                CountDownLatch done = new CountDownLatch(n);
                for (int i = 0; i < n; i++) {
                    int k = i;
                    e.execute(() -> {
                        order.add(k);
                        done.countDown();
                    });
                }
                assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(order).hasSize(n).isSorted();
                Thread.sleep(round % 3); // submit to a running, a parking and a parked carrier
            }
        } finally {
            close(e);
        }
    }
}
