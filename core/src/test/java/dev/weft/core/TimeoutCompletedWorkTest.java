package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ClosedReceiveChannelException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * A block that returned normally is not thrown away because the timer of its
 * {@code withTimeout} / {@code withTimeoutOrNull} fired meanwhile: its value is returned. This is
 * what keeps an element that a {@code receive} took (or a {@code send} handed over) under a timeout
 * from being lost.
 */
class TimeoutCompletedWorkTest {

    /** Runs without a suspension point for {@code millis}: the timer fires while the block runs. */
    private static String busyFor(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        return "done";
    }

    @Test
    void aBlockThatReturnedAfterTheTimerFiredReturnsItsValue() {
        boolean[] interrupted = new boolean[2];
        String[] r = Coroutines.runBlocking(() -> {
            String a = Coroutines.withTimeout(Duration.ofMillis(5), () -> busyFor(60));
            interrupted[0] = Thread.currentThread().isInterrupted();
            String b = Coroutines.withTimeoutOrNull(Duration.ofMillis(5), () -> busyFor(60));
            interrupted[1] = Thread.currentThread().isInterrupted();
            Coroutines.ensureActive(); // the caller itself was not cancelled by either timer
            return new String[] {a, b};
        });
        assertThat(r).containsExactly("done", "done");
        assertThat(interrupted).as("the timer's interrupt does not leak to the caller").containsExactly(false, false);
    }

    @Test
    void aBlockThatEndsByTheTimeoutStillTimesOut() {
        // the rule covers a normal return only: a block stopped by the timer times out as before
        String r = Coroutines.runBlocking(() -> Coroutines.withTimeoutOrNull(Duration.ofMillis(5), () -> {
            busyFor(30);
            Coroutines.ensureActive();
            return "unreachable";
        }));
        assertThat(r).isNull();
    }

    @Test
    void channelElementsUnderTightTimeoutsAreReceivedExactlyOnceOrReportedUndelivered() {
        for (int capacity : new int[] {Channel.RENDEZVOUS, 4}) {
            int n = 20_000;
            AtomicIntegerArray undelivered = new AtomicIntegerArray(n);
            AtomicIntegerArray received = new AtomicIntegerArray(n);
            AtomicIntegerArray sendStarted = new AtomicIntegerArray(n);
            AtomicIntegerArray sendReturned = new AtomicIntegerArray(n);
            Channel<Integer> ch = Channel.of(capacity, BufferOverflow.SUSPEND, undelivered::incrementAndGet);
            Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
                scope.launch(() -> {
                    for (int i = 0; i < n; i++) {
                        int e = i;
                        Boolean sent = Coroutines.withTimeoutOrNull(Duration.ofNanos(i * 7 % 40 * 1_000), () -> {
                            sendStarted.incrementAndGet(e);
                            ch.send(e);
                            return true;
                        });
                        if (sent != null) {
                            sendReturned.incrementAndGet(e);
                        }
                    }
                    ch.close();
                });
                scope.launch(() -> {
                    for (int i = 0; ; i++) {
                        Integer v;
                        try {
                            if (i % 2 == 0) {
                                v = Coroutines.withTimeoutOrNull(Duration.ofNanos(i % 40 * 1_000), ch::receive);
                            } else {
                                try {
                                    v = Coroutines.withTimeout(Duration.ofNanos(i % 40 * 1_000), ch::receive);
                                } catch (TimeoutCancellationException timedOut) {
                                    v = null;
                                }
                            }
                        } catch (ClosedReceiveChannelException closed) {
                            return;
                        }
                        if (v != null) {
                            received.incrementAndGet(v);
                        }
                    }
                });
                return null;
            }));
            int lost = 0;
            int receivedCount = 0;
            for (int i = 0; i < n; i++) {
                receivedCount += received.get(i);
                if (sendStarted.get(i) == 0) {
                    assertThat(received.get(i) + undelivered.get(i)).as("element %d was never sent", i).isZero();
                    continue;
                }
                if (received.get(i) + undelivered.get(i) != 1) {
                    lost++;
                }
                assertThat(received.get(i)).as("element %d: received, capacity %d", i, capacity).isLessThanOrEqualTo(1);
                assertThat(sendReturned.get(i)).as("element %d: its send returned iff it was not undelivered", i)
                        .isEqualTo(1 - undelivered.get(i));
            }
            assertThat(lost).as("elements neither received nor reported undelivered, capacity %d", capacity).isZero();
            assertThat(receivedCount).as("most elements get through").isGreaterThan(0);
        }
    }
}
