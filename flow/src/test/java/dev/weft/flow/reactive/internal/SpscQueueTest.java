package dev.weft.flow.reactive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bridge's queues, single-threaded and under one producer / one consumer thread. */
class SpscQueueTest {

    @Test
    void arrayQueueHasExactCapacityAndFifoOrder() {
        SpscArrayQueue<Integer> q = new SpscArrayQueue<>(3); // ring of 4, capacity 3
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.offer(1)).isTrue();
        assertThat(q.offer(2)).isTrue();
        assertThat(q.offer(3)).isTrue();
        assertThat(q.offer(4)).as("full at exactly 3").isFalse();
        assertThat(q.poll()).isEqualTo(1);
        assertThat(q.offer(4)).isTrue();
        assertThat(q.offer(5)).isFalse();
        assertThat(List.of(q.poll(), q.poll(), q.poll())).containsExactly(2, 3, 4);
        assertThat(q.poll()).isNull();
        assertThat(q.isEmpty()).isTrue();
        // wrap around many times
        for (int i = 0; i < 1000; i++) {
            assertThat(q.offer(i)).isTrue();
            assertThat(q.offer(i + 1)).isTrue();
            assertThat(q.poll()).isEqualTo(i);
            assertThat(q.poll()).isEqualTo(i + 1);
        }
    }

    @Test
    void arrayQueueCapacityOneAndPowerOfTwo() {
        SpscArrayQueue<Integer> one = new SpscArrayQueue<>(1);
        assertThat(one.offer(1)).isTrue();
        assertThat(one.offer(2)).isFalse();
        assertThat(one.poll()).isEqualTo(1);
        assertThat(one.offer(2)).isTrue();
        SpscArrayQueue<Integer> four = new SpscArrayQueue<>(4);
        for (int i = 0; i < 4; i++) {
            assertThat(four.offer(i)).isTrue();
        }
        assertThat(four.offer(4)).isFalse();
        assertThatThrownBy(() -> new SpscArrayQueue<>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linkedQueueGrowsAcrossChunks() {
        SpscLinkedQueue<Integer> q = new SpscLinkedQueue<>();
        int n = SpscLinkedQueue.CHUNK * 3 + 7;
        for (int i = 0; i < n; i++) {
            assertThat(q.offer(i)).isTrue();
        }
        for (int i = 0; i < n; i++) {
            assertThat(q.isEmpty()).isFalse();
            assertThat(q.poll()).isEqualTo(i);
        }
        assertThat(q.poll()).isNull();
        assertThat(q.isEmpty()).isTrue();
        // interleaved at a chunk boundary
        for (int i = 0; i < SpscLinkedQueue.CHUNK * 2; i++) {
            q.offer(i);
            assertThat(q.poll()).isEqualTo(i);
            assertThat(q.isEmpty()).isTrue();
        }
    }

    @Test
    void dropOldestKeepsTheLatest() {
        DropOldestQueue<Integer> q = new DropOldestQueue<>(2);
        for (int i = 0; i < 10; i++) {
            assertThat(q.offer(i)).isTrue();
        }
        assertThat(q.poll()).isEqualTo(8);
        assertThat(q.poll()).isEqualTo(9);
        assertThat(q.poll()).isNull();
    }

    @Test
    void arrayQueueAcrossThreads() throws Exception {
        transfer(new SpscArrayQueue<>(16), 200_000);
    }

    @Test
    void linkedQueueAcrossThreads() throws Exception {
        transfer(new SpscLinkedQueue<>(), 200_000);
    }

    /** One producer, one consumer, polling: every element arrives once, in order. */
    private static void transfer(SignalQueue<Integer> q, int n) throws Exception {
        List<Integer> mismatches = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < n; i++) {
                while (!q.offer(i)) {
                    if (System.nanoTime() > deadline) {
                        return;
                    }
                    Thread.yield(); // two cores, shared: let the consumer run
                }
            }
        });
        int expected = 0;
        while (expected < n && System.nanoTime() < deadline) {
            Integer v = q.poll();
            if (v == null) {
                Thread.yield();
                continue;
            }
            if (v != expected && mismatches.size() < 10) {
                mismatches.add(v);
            }
            expected++;
        }
        producer.join();
        assertThat(mismatches).isEmpty();
        assertThat(expected).isEqualTo(n);
        assertThat(q.poll()).isNull();
    }
}
