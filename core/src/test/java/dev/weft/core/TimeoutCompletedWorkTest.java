package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ClosedReceiveChannelException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * A block that returned normally is not thrown away because the timer of its
 * {@code withTimeout} / {@code withTimeoutOrNull} fired meanwhile: its value is returned. This is
 * what keeps an element that a {@code receive} took (or a {@code send} handed over) under a timeout
 * from being lost.
 */
class TimeoutCompletedWorkTest {

    /**
     * Runs without a suspension point until the timer of the enclosing timeout has fired (it
     * interrupts the thread), then returns normally.
     */
    private static String untilTheTimerFired() {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            if (System.nanoTime() > until) {
                return "the timer never fired";
            }
            Thread.onSpinWait();
        }
        return "done";
    }

    @Test
    void aBlockThatReturnedAfterTheTimerFiredReturnsItsValue() {
        for (boolean orNull : new boolean[] {false, true}) {
            boolean[] ran = new boolean[1];
            boolean[] interrupted = new boolean[1];
            String r = null;
            // on a loaded machine the timer may fire before the block starts (it then does not
            // run): try again, a bounded number of times
            for (int attempt = 0; attempt < 20 && !ran[0]; attempt++) {
                r = Coroutines.runBlocking(() -> {
                    Callable<String> block = () -> {
                        ran[0] = true;
                        return untilTheTimerFired();
                    };
                    String v;
                    try {
                        v = orNull
                                ? Coroutines.withTimeoutOrNull(Duration.ofMillis(20), block)
                                : Coroutines.withTimeout(Duration.ofMillis(20), block);
                    } catch (TimeoutCancellationException e) {
                        if (ran[0]) {
                            throw e; // the defect: a block that returned was reported as timed out
                        }
                        v = null;
                    }
                    interrupted[0] = Thread.currentThread().isInterrupted();
                    Coroutines.ensureActive(); // the caller itself was not cancelled by the timer
                    return v;
                });
            }
            assertThat(ran[0]).as("the block ran in one of the attempts").isTrue();
            assertThat(r).as(orNull ? "withTimeoutOrNull" : "withTimeout").isEqualTo("done");
            assertThat(interrupted[0]).as("the timer's interrupt does not leak to the caller").isFalse();
        }
    }

    @Test
    void aBlockThatEndsByTheTimeoutStillTimesOut() {
        // the rule covers a normal return only: a block stopped by the timer times out as before
        String r = Coroutines.runBlocking(() -> Coroutines.withTimeoutOrNull(Duration.ofMillis(5), () -> {
            untilTheTimerFired();
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
