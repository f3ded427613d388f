package dev.weft.flow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.flow.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Bounded stress of the single-producer single-consumer handoff behind {@code buffer(n)} and
 * {@code flowOn}: order and completeness across the wrap-around and the park/wake races, and
 * cancellation racing with a producer parked on a full ring or a consumer parked on an empty one.
 */
class SpscBufferStressTest {

    @Test
    void everyElementArrivesOnceInOrderAcrossCapacitiesAndDispatchers() {
        int n = 50_000;
        for (int capacity : new int[] {1, 2, 3, 64}) {
            for (boolean otherDispatcher : new boolean[] {false, true}) {
                Flow<Integer> boundary = otherDispatcher
                        ? Flow.range(0, n).flowOn(Dispatchers.IO).buffer(capacity)
                        : Flow.range(0, n).buffer(capacity);
                long[] expectedNext = {0};
                long count = dev.weft.core.Coroutines.runBlocking(() -> boundary.fold(0L, (c, v) -> {
                    assertThat(v.longValue()).isEqualTo(expectedNext[0]++);
                    return c + 1;
                }));
                assertThat(count).as("capacity " + capacity + (otherDispatcher ? " across dispatchers" : ""))
                        .isEqualTo(n);
            }
        }
    }

    @Test
    void aSlowConsumerAndABurstyProducerLoseNothing() {
        Flow<Integer> bursty = Flow.flow(out -> {
            for (int i = 0; i < 2_000; i++) {
                out.emit(i);
                if (i % 97 == 0) {
                    Thread.sleep(1);
                }
            }
        });
        long sum = dev.weft.core.Coroutines.runBlocking(() -> bursty.buffer(4).flowOn(Dispatchers.IO)
                .onEach(v -> {
                    if (v % 89 == 0) {
                        Thread.sleep(1);
                    }
                }).fold(0L, (a, v) -> a + v));
        assertThat(sum).isEqualTo(1_999L * 2_000 / 2);
    }

    @Test
    void cancellationRacesEndCleanly() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int rounds = 0;
        int started = 0;
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            while (rounds < 300 && System.nanoTime() < deadline) {
                rounds++;
                AtomicBoolean producerStarted = new AtomicBoolean();
                AtomicBoolean producerEnded = new AtomicBoolean();
                boolean slowConsumer = (rounds & 1) == 0; // parked producer on a full ring, or parked consumer
                Flow<Integer> source = Flow.<Integer>flow(out -> {
                    producerStarted.set(true);
                    try {
                        for (int i = 0; ; i++) {
                            out.emit(i);
                            if (!slowConsumer && i % 16 == 0) {
                                Thread.sleep(1);
                            }
                        }
                    } finally {
                        producerEnded.set(true);
                    }
                }).buffer(2).flowOn(Dispatchers.IO);
                Job job = scope.launch(() -> source.collect(v -> {
                    if (slowConsumer) {
                        Thread.sleep(1);
                    }
                }));
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                job.cancel();
                job.join();
                assertThat(job.isCancelled()).isTrue();
                // a job cancelled before it ran never started the producer; one that did, awaited its end
                assertThat(!producerStarted.get() || producerEnded.get()).as("round " + rounds).isTrue();
                if (producerStarted.get()) {
                    started++;
                }
            }
        }
        assertThat(started).as("rounds that raced a running producer").isGreaterThan(10);
    }

    /**
     * The consumer checks for a parked producer once per crossing of the half-way mark of what it
     * knows the producer has put. Random bursts and pauses on both sides move that knowledge
     * (stale by up to a full ring) across the producer's park on a full ring, on odd and even
     * capacities; a missed check strands the producer with a consumer parked on an empty ring.
     */
    @Test
    void burstsAndPausesAroundTheHalfWayCheckNeverStrandAParkedSide() throws Exception {
        int[] capacities = {5, 8, 33};
        for (int round = 0; round < 2 * capacities.length; round++) { // each capacity without, then with spins
            int capacity = capacities[round % capacities.length];
            SpscBuffer<Integer> ring = new SpscBuffer<>(capacity, round >= capacities.length);
            int n = 40_000;
            Thread producer = Thread.ofPlatform().start(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < n; ) {
                    int burst = 1 + rnd.nextInt(2 * capacity);
                    for (int k = 0; k < burst && i < n; k++, i++) {
                        ring.put(i);
                    }
                    pause(rnd);
                }
                ring.complete(null);
            });
            long[] result = new long[2]; // count, order violations
            Thread consumer = Thread.ofPlatform().start(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                int expected = 0;
                int burst = 0;
                for (Object e; (e = ring.take()) != SpscBuffer.END; expected++) {
                    if ((Integer) e != expected) {
                        result[1]++;
                    }
                    if (--burst <= 0) {
                        burst = 1 + rnd.nextInt(2 * capacity);
                        pause(rnd);
                    }
                }
                result[0] = expected;
            });
            assertDelivered(producer, consumer, result, n, capacity);
        }
    }

    /** Both sides ended (neither stranded) and the consumer took all {@code n} elements in order. */
    private static void assertDelivered(Thread producer, Thread consumer, long[] result, int n, int capacity)
            throws InterruptedException {
        producer.join(TimeUnit.SECONDS.toMillis(30));
        consumer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(producer.isAlive()).as("producer stranded, capacity %d", capacity).isFalse();
        assertThat(consumer.isAlive()).as("consumer stranded, capacity %d", capacity).isFalse();
        assertThat(result[0]).isEqualTo(n);
        assertThat(result[1]).as("out of order").isZero();
    }

    /** A short random pause: none, a spin, or a yield of the thread. */
    private static void pause(ThreadLocalRandom rnd) {
        switch (rnd.nextInt(4)) {
            case 0 -> { }
            case 1, 2 -> {
                for (int s = rnd.nextInt(200); s > 0; s--) {
                    Thread.onSpinWait();
                }
            }
            default -> Thread.yield();
        }
    }

    /**
     * The ring driven directly by two platform threads, which really run in parallel (coroutines of
     * one dispatcher mostly take turns on one carrier): every parked side must be woken, whatever
     * the interleaving of the consumer's half-way check and the producer's park on a full ring.
     */
    @Test
    void twoThreadsInParallelNeverStrandAParkedSide() throws Exception {
        int[] capacities = {1, 2, 3, 4, 64};
        for (int round = 0; round < 2 * capacities.length; round++) { // each capacity without, then with spins
            int capacity = capacities[round % capacities.length];
            SpscBuffer<Integer> ring = new SpscBuffer<>(capacity, round >= capacities.length);
            int n = capacity < 64 ? 10_000 : 100_000; // small rings park on nearly every element
            Thread producer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < n; i++) {
                    ring.put(i);
                    if (ThreadLocalRandom.current().nextInt(512) == 0) {
                        Thread.yield(); // let the consumer catch up and park now and then
                    }
                }
                ring.complete(null);
            });
            long[] result = new long[2]; // count, order violations
            Thread consumer = Thread.ofPlatform().start(() -> {
                int expected = 0;
                for (Object e; (e = ring.take()) != SpscBuffer.END; expected++) {
                    if ((Integer) e != expected) {
                        result[1]++;
                    }
                    if (ThreadLocalRandom.current().nextInt(512) == 0) {
                        Thread.yield(); // let the producer fill the ring and park
                    }
                }
                result[0] = expected;
            });
            assertDelivered(producer, consumer, result, n, capacity);
            assertThat(ring.failure()).isNull();
        }
    }
}
