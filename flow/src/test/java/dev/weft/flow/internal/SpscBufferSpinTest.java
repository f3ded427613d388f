package dev.weft.flow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The adaptive spin of a ring whose two sides run on different threads: it must give way to
 * parking when the peer is slow (no core burnt waiting for I/O-paced elements) and come back when
 * the peer is fast again, without changing what is delivered.
 */
class SpscBufferSpinTest {

    /** Puts {@code count} elements from a platform thread, pausing {@code pauseMicros} before each. */
    private static Thread producer(SpscBuffer<Integer> ring, int from, int count, long pauseMicros) {
        return Thread.ofPlatform().start(() -> {
            for (int i = from; i < from + count; i++) {
                if (pauseMicros > 0) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pauseMicros));
                }
                ring.put(i);
            }
        });
    }

    private static List<Integer> take(SpscBuffer<Integer> ring, int count) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add((Integer) ring.take());
        }
        return out;
    }

    @Test
    void aSlowProducerTurnsTheConsumersSpinOffAndAFastOneTurnsItBackOn() throws Exception {
        SpscBuffer<Integer> ring = new SpscBuffer<>(16, true);
        assertThat(ring.consumerSpin().budget).isEqualTo(SpscBuffer.MAX_SPIN_NANOS);

        Thread slow = producer(ring, 0, 12, 2_000); // 2 ms between elements: far beyond any spin
        assertThat(take(ring, 12)).as("nothing lost or reordered").containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        slow.join();
        assertThat(ring.consumerSpin().budget).as("budget after waits of 2 ms").isLessThan(1_000);

        Thread fast = producer(ring, 12, 20_000, 0);
        List<Integer> rest = take(ring, 20_000);
        fast.join();
        assertThat(rest).hasSize(20_000);
        for (int i = 0; i < rest.size(); i++) {
            assertThat(rest.get(i)).isEqualTo(12 + i);
        }
        // not asserted: whether the budget grew back depends on the consumer having had to park
        // for a short wait, which a fast producer on an idle machine may never cause
        ring.complete(null);
        assertThat(ring.take()).isSameAs(SpscBuffer.END);
    }

    @Test
    void aSlowConsumerTurnsTheProducersSpinOff() throws Exception {
        SpscBuffer<Integer> ring = new SpscBuffer<>(2, true);
        Thread producer = producer(ring, 0, 14, 0);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the ring stays full meanwhile
            got.add((Integer) ring.take());
        }
        producer.join();
        assertThat(got).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertThat(ring.producerSpin().budget).as("budget after waits of 2 ms").isLessThan(1_000);
    }

    /**
     * Spins that keep failing while every wait stays short (a peer that only moves once this side
     * has parked, as one sharing its thread would): the budget alone would keep them going, so
     * after {@code GIVE_UP_AFTER} failures in a row spinning stops, bar one probe per
     * {@code PROBE_EVERY} waits, and a successful probe turns it back on.
     */
    @Test
    void spinsThatKeepFailingSwitchThemselvesOffAndAProbeTurnsThemBackOn() {
        SpscBuffer.Spin spin = new SpscBuffer.Spin();
        int waits = 0;
        for (int i = 0; i < SpscBuffer.Spin.GIVE_UP_AFTER; i++) {
            assertThat(spin.budget()).as("wait %d spins", i).isPositive();
            waits++;
            spin.parked(true, 5_000); // failed, then a short wait: the budget grows
        }
        assertThat(spin.budget).isEqualTo(10_000);
        for (; (waits + 1) % SpscBuffer.Spin.PROBE_EVERY != 0; waits++) {
            assertThat(spin.budget()).as("wait %d after giving up", waits).isZero();
        }
        assertThat(spin.budget()).as("the probe").isPositive();
        spin.succeeded();
        assertThat(spin.budget()).as("back on").isPositive();
    }

    /** Long waits wear the budget down to nothing; a probe must still be able to bring it back. */
    @Test
    void aBudgetWornDownByLongWaitsIsProbedAndRestored() {
        SpscBuffer.Spin spin = new SpscBuffer.Spin();
        int waits = 0;
        while (spin.budget() > 0) {
            waits++;
            spin.parked(false, 10_000_000); // a 10 ms wait: halves the budget
        }
        waits++;
        assertThat(spin.budget).isLessThan(1_000);
        for (; (waits + 1) % SpscBuffer.Spin.PROBE_EVERY != 0; waits++) {
            assertThat(spin.budget()).isZero();
        }
        assertThat(spin.budget()).as("the probe").isEqualTo(SpscBuffer.Spin.PROBE_NANOS);
        spin.succeeded();
        assertThat(spin.budget()).as("back on after a successful probe").isEqualTo(SpscBuffer.Spin.PROBE_NANOS);
    }

    @Test
    void aRingOnOneDispatcherNeverSpins() throws Exception {
        SpscBuffer<Integer> ring = new SpscBuffer<>(4, false);
        Thread slow = producer(ring, 0, 3, 1_000);
        assertThat(take(ring, 3)).containsExactly(0, 1, 2);
        slow.join();
        assertThat(ring.consumerSpin().budget).as("untouched: no spin, no adaptation")
                .isEqualTo(SpscBuffer.MAX_SPIN_NANOS);
        assertThat(ring.consumerSpin().failures).isZero();
    }
}
